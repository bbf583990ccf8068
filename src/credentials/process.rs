//! The `custom-process` source: `credential_process` in the profile, run without a shell
//! (its command line split as a POSIX shell would), its stdout JSON version 1.

use serde_json::Value;

use super::{Credentials, CredentialsError, Source};
use crate::protocol::timestamp;
use crate::secret::Secret;

fn failure(message: impl Into<String>) -> CredentialsError {
    CredentialsError::Retrieval {
        provider: Source::CustomProcess.name(),
        message: message.into(),
    }
}

/// Runs the command. `profile_chain` is passed to it as `_AWS_CLI_PROFILE_CHAIN` (the profiles
/// being resolved so far), so that an `export-credentials` inside it can detect loops.
pub fn load(command_line: &str, profile_chain: &str) -> Result<Credentials, CredentialsError> {
    let argv = shlex::split(command_line)
        .filter(|a| !a.is_empty())
        .ok_or_else(|| failure("invalid credential_process command line"))?;
    let output = std::process::Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(std::process::Stdio::inherit())
        .env("_AWS_CLI_PROFILE_CHAIN", profile_chain)
        .output()
        .map_err(|e| failure(format!("{}: {e}", argv[0])))?;
    if !output.status.success() {
        return Err(failure(
            String::from_utf8_lossy(&output.stderr).trim().to_string(),
        ));
    }
    parse(&output.stdout)
}

fn parse(stdout: &[u8]) -> Result<Credentials, CredentialsError> {
    let value: Value = serde_json::from_slice(stdout)
        .map_err(|e| failure(format!("invalid JSON on stdout: {e}")))?;
    match value.get("Version") {
        Some(v) if v.as_i64() == Some(1) => {}
        Some(v) => {
            let shown = v
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string());
            return Err(failure(format!(
                "Unsupported version '{shown}' for credential process provider, supported versions: 1"
            )));
        }
        None => {
            return Err(failure(
                "Unsupported version 'None' for credential process provider, supported versions: 1",
            ));
        }
    }
    let required = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .ok_or_else(|| failure(format!("Missing required key in response: '{key}'")))
    };
    let expiration = match value.get("Expiration").and_then(Value::as_str) {
        Some(text) => Some(
            timestamp::parse(text).ok_or_else(|| failure(format!("invalid Expiration: {text}")))?,
        ),
        None => None,
    };
    Ok(Credentials {
        access_key_id: required("AccessKeyId")?.to_string(),
        secret_access_key: Secret::new(required("SecretAccessKey")?),
        session_token: value
            .get("SessionToken")
            .and_then(Value::as_str)
            .map(Secret::new),
        expiration,
        account_id: value
            .get("AccountId")
            .and_then(Value::as_str)
            .map(str::to_string),
        source: Source::CustomProcess,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_version_1_and_reports_the_clis_errors() {
        let c = parse(br#"{"Version": 1, "AccessKeyId": "AKIA", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2026-11-23T18:00:00Z"}"#).unwrap();
        assert_eq!(
            (c.access_key_id.as_str(), c.session_token.unwrap().expose()),
            ("AKIA", "t")
        );
        assert!(c.expiration.is_some());
        let err =
            parse(br#"{"Version": 2, "AccessKeyId": "a", "SecretAccessKey": "s"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Error when retrieving credentials from custom-process: Unsupported version '2' for credential process provider, supported versions: 1"
        );
        let err = parse(br#"{"Version": 1, "SecretAccessKey": "s"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Error when retrieving credentials from custom-process: Missing required key in response: 'AccessKeyId'"
        );
    }

    #[test]
    fn runs_without_a_shell_and_reports_failures() {
        let c = load(
            r#"printf '{"Version": 1, "AccessKeyId": "AKIA $HOME", "SecretAccessKey": "s"}'"#,
            "p",
        )
        .unwrap();
        // No shell: `$HOME` stays as written.
        assert_eq!(c.access_key_id, "AKIA $HOME");
        let err = load("sh -c 'echo boom >&2; exit 3'", "p").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Error when retrieving credentials from custom-process: boom"
        );
    }
}
