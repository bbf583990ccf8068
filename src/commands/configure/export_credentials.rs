//! `awsctl configure export-credentials`: the resolved credentials as a credential_process
//! document or as shell assignments, as v2 prints them (section 4.6 of the reference).

use serde_json::{Map, Value};

use crate::cli::ExportFormat;
use crate::commands::Outcome;
use crate::credentials::{Credentials, CredentialsError};
use crate::error::Error;
use crate::printer::Printer;
use crate::protocol::timestamp::isoformat;
use crate::services::Session;

/// Set for credential processes that are themselves `export-credentials` of another profile.
pub const PROFILE_CHAIN_VAR: &str = "_AWS_CLI_PROFILE_CHAIN";
const MAX_DEPTH: usize = 4;

pub async fn run(
    session: &Session<'_>,
    format: ExportFormat,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let settings = session.settings;
    let chain: Vec<&str> = settings
        .env
        .get(PROFILE_CHAIN_VAR)
        .map(|v| v.split(',').collect())
        .unwrap_or_default();
    if chain.contains(&settings.profile.as_str()) {
        let mut cycle = chain.clone();
        cycle.push(&settings.profile);
        return Err(Error::Configuration(format!(
            "Credential process resolution detected an infinite loop, profile cycle: {}",
            cycle.join(" -> ")
        )));
    }
    if chain.len() >= MAX_DEPTH {
        return Err(Error::Configuration(format!(
            "Maximum recursive credential process resolution reached ({MAX_DEPTH})."
        )));
    }
    let credentials = match session.credentials().await {
        Ok(Some(c)) => c,
        Ok(None) | Err(Error::Credentials(CredentialsError::NotFound)) => {
            return Err(Error::Configuration(
                "Unable to retrieve credentials: no credentials found".into(),
            ));
        }
        Err(e) => return Err(e),
    };
    printer.out_line(&render(&credentials, format))?;
    Ok(Outcome::Done(0))
}

fn render(c: &Credentials, format: ExportFormat) -> String {
    let mut vars = vec![
        ("AWS_ACCESS_KEY_ID", c.access_key_id.clone()),
        (
            "AWS_SECRET_ACCESS_KEY",
            c.secret_access_key.expose().to_string(),
        ),
    ];
    if let Some(token) = &c.session_token {
        vars.push(("AWS_SESSION_TOKEN", token.expose().to_string()));
    }
    if let Some(expiration) = c.expiration {
        vars.push(("AWS_CREDENTIAL_EXPIRATION", isoformat(expiration)));
    }
    let lines = |f: &dyn Fn(&str, &str) -> String| {
        vars.iter()
            .map(|(k, v)| f(k, v))
            .collect::<Vec<_>>()
            .join("\n")
    };
    match format {
        ExportFormat::Process => {
            let mut doc = Map::new();
            doc.insert("Version".into(), Value::from(1));
            doc.insert("AccessKeyId".into(), Value::from(c.access_key_id.clone()));
            doc.insert(
                "SecretAccessKey".into(),
                Value::from(c.secret_access_key.expose()),
            );
            if let Some(token) = &c.session_token {
                doc.insert("SessionToken".into(), Value::from(token.expose()));
            }
            if let Some(expiration) = c.expiration {
                doc.insert("Expiration".into(), Value::from(isoformat(expiration)));
            }
            serde_json::to_string_pretty(&Value::Object(doc)).expect("a map of strings serialises")
        }
        ExportFormat::Env => lines(&|k, v| format!("export {k}={v}")),
        ExportFormat::EnvNoExport => lines(&|k, v| format!("{k}={v}")),
        ExportFormat::Powershell => lines(&|k, v| format!("$Env:{k}=\"{v}\"")),
        ExportFormat::WindowsCmd => lines(&|k, v| format!("set {k}={v}")),
        ExportFormat::Fish => lines(&|k, v| format!("set -gx {k} \"{v}\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Source;
    use crate::secret::Secret;

    fn creds(token: bool) -> Credentials {
        Credentials {
            access_key_id: "ASIAEXAMPLEEXAMPLE12".into(),
            secret_access_key: Secret::new("secret"),
            session_token: token.then(|| Secret::new("TOKEN123")),
            expiration: token
                .then(|| crate::protocol::timestamp::parse("2026-11-23T22:25:17Z").unwrap()),
            account_id: None,
            source: Source::Environment,
        }
    }

    #[test]
    fn every_format_as_v2_prints_it() {
        assert_eq!(
            render(&creds(false), ExportFormat::Process),
            "{\n  \"Version\": 1,\n  \"AccessKeyId\": \"ASIAEXAMPLEEXAMPLE12\",\n  \"SecretAccessKey\": \"secret\"\n}"
        );
        assert_eq!(
            render(&creds(true), ExportFormat::Env),
            "export AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE12\nexport AWS_SECRET_ACCESS_KEY=secret\nexport AWS_SESSION_TOKEN=TOKEN123\nexport AWS_CREDENTIAL_EXPIRATION=2026-11-23T22:25:17+00:00"
        );
        assert!(
            render(&creds(true), ExportFormat::EnvNoExport)
                .starts_with("AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE12\n")
        );
        assert!(
            render(&creds(false), ExportFormat::Powershell)
                .starts_with("$Env:AWS_ACCESS_KEY_ID=\"ASIAEXAMPLEEXAMPLE12\"\n")
        );
        assert!(
            render(&creds(false), ExportFormat::WindowsCmd)
                .starts_with("set AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE12\n")
        );
        assert!(
            render(&creds(false), ExportFormat::Fish)
                .ends_with("set -gx AWS_SECRET_ACCESS_KEY \"secret\"")
        );
    }
}
