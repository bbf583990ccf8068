//! The assume-role cache in `~/.aws/cli/cache`, in the AWS CLI's format, so that awsctl and
//! the CLI (and aws-vault, granted, ...) share it: the file name is the SHA-1 of the AssumeRole
//! arguments as Python's `json.dumps(args, sort_keys=True)` writes them, and the content is
//! the AssumeRole response with `Credentials.Expiration` in ISO 8601.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use sha1::{Digest, Sha1};
use time::OffsetDateTime;

use super::{Credentials, Source};
use crate::protocol::timestamp;
use crate::secret::Secret;

/// Cached credentials are reused only while at least this far from expiry (botocore's window).
pub const CACHE_WINDOW: time::Duration = time::Duration::minutes(15);

/// `~/.aws/cli/cache`, shared with the AWS CLI (role and IAM Identity Center credentials).
pub fn dir(env: &crate::env::Env) -> Option<PathBuf> {
    env.home().map(|h| h.join(".aws").join("cli").join("cache"))
}

/// A value of the cache key's arguments: strings, or integers (`DurationSeconds`).
pub enum KeyArg {
    Str(String),
    Int(i64),
}

/// The cache file name (without `.json`) for these AssumeRole arguments.
pub fn key(args: &[(&str, KeyArg)]) -> String {
    let mut sorted: Vec<&(&str, KeyArg)> = args.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let body: Vec<String> = sorted
        .iter()
        .map(|(k, v)| {
            let value = match v {
                KeyArg::Str(s) => python_string(s),
                KeyArg::Int(i) => i.to_string(),
            };
            format!("{}: {value}", python_string(k))
        })
        .collect();
    let json = format!("{{{}}}", body.join(", "));
    let digest = Sha1::digest(json.as_bytes());
    digest
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
        .replace([':', '/'], "_")
}

/// A JSON string as Python's `json.dumps` writes it by default (ASCII only).
pub(crate) fn python_string(s: &str) -> String {
    let mut out = String::new();
    crate::output::write_json_string(s, true, &mut out);
    out
}

pub fn path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.json"))
}

/// Credentials from a cache file, if it exists, parses, and is valid beyond `now + window`.
pub fn read(
    file: &Path,
    now: OffsetDateTime,
    window: time::Duration,
    source: Source,
) -> Option<Credentials> {
    let text = std::fs::read_to_string(file).ok()?;
    let value: Value = serde_json::from_str(&text).ok()?;
    let c = value.get("Credentials")?;
    let expiration = timestamp::parse(c.get("Expiration")?.as_str()?)?;
    if expiration - now < window {
        return None;
    }
    Some(Credentials {
        access_key_id: c.get("AccessKeyId")?.as_str()?.to_string(),
        secret_access_key: Secret::new(c.get("SecretAccessKey")?.as_str()?),
        session_token: c
            .get("SessionToken")
            .and_then(Value::as_str)
            .map(Secret::new),
        expiration: Some(expiration),
        account_id: c
            .get("AccountId")
            .and_then(Value::as_str)
            .map(str::to_string),
        source,
    })
}

/// Writes the response (as the CLI v2 does: ISO 8601 expiration, the account id added from the
/// assumed role's ARN) atomically, with mode 0600.
pub fn write(file: &Path, response: &Value) -> std::io::Result<()> {
    let mut response = response.clone();
    let account = response
        .pointer("/AssumedRoleUser/Arn")
        .and_then(Value::as_str)
        .and_then(|arn| arn.split(':').nth(4))
        .map(str::to_string);
    if let Some(Value::Object(creds)) = response.get_mut("Credentials") {
        if let Some(Value::String(exp)) = creds.get("Expiration")
            && let Some(t) = timestamp::parse(exp)
        {
            creds.insert("Expiration".into(), Value::String(timestamp::isoformat(t)));
        }
        if let Some(account) = account {
            creds.insert("AccountId".into(), Value::String(account));
        }
    }
    if !response
        .get("ResponseMetadata")
        .is_some_and(Value::is_object)
        && let Value::Object(map) = &mut response
    {
        map.insert("ResponseMetadata".into(), Value::Object(Map::new()));
    }
    let text = serde_json::to_string(&response).map_err(std::io::Error::other)?;
    crate::fs::write_private(file, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_the_clis_cache_file_names() {
        let mfa = key(&[
            (
                "RoleArn",
                KeyArg::Str("arn:aws:iam::123456789012:role/test-role".into()),
            ),
            (
                "SerialNumber",
                KeyArg::Str("arn:aws:iam::123456789012:mfa/alice".into()),
            ),
        ]);
        assert_eq!(mfa, "178641adef4fc621f1e77af6b479e96dab7b05e2");
        let named = key(&[
            ("RoleSessionName", KeyArg::Str("my-session".into())),
            (
                "RoleArn",
                KeyArg::Str("arn:aws:iam::123456789012:role/test-role".into()),
            ),
            ("DurationSeconds", KeyArg::Int(1800)),
        ]);
        assert_eq!(named, "334730471244e486a93c74ea52a34aa14bf58c79");
    }

    #[test]
    fn python_strings_escape_like_json_dumps() {
        assert_eq!(python_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(python_string("é😀"), r#""\u00e9\ud83d\ude00""#);
    }

    #[test]
    fn written_entries_read_back_until_their_window() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path(), "k");
        let response = serde_json::json!({
            "Credentials": {"AccessKeyId": "ASIA", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2026-11-23T18:00:00Z"},
            "AssumedRoleUser": {"AssumedRoleId": "AROA:x", "Arn": "arn:aws:sts::123456789012:assumed-role/r/x"}
        });
        write(&file, &response).unwrap();
        let stored: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(
            stored["Credentials"]["Expiration"],
            "2026-11-23T18:00:00+00:00"
        );
        assert_eq!(stored["Credentials"]["AccountId"], "123456789012");
        #[cfg(unix)]
        assert_eq!(
            crate::fs::mode_of(&std::fs::metadata(&file).unwrap()) & 0o777,
            0o600
        );
        let t = |s| timestamp::parse(s).unwrap();
        let window = time::Duration::minutes(15);
        let c = read(&file, t("2026-11-23T17:00:00Z"), window, Source::AssumeRole).unwrap();
        assert_eq!(
            (c.access_key_id.as_str(), c.account_id.as_deref()),
            ("ASIA", Some("123456789012"))
        );
        assert!(read(&file, t("2026-11-23T17:50:00Z"), window, Source::AssumeRole).is_none());
    }
}
