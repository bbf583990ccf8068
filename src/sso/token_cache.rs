//! `~/.aws/sso/cache`, shared with the AWS CLI: access tokens in `<sha1 of the session name or
//! start URL>.json` and client registrations in `<sha1 of the registration's arguments>.json`,
//! with the CLI's field names, so a token from `aws sso login` works in awsctl and back. Files
//! are replaced atomically with mode 0600; fields awsctl does not know are kept.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::timefmt;
use crate::env::Env;

/// `~/.aws/sso/cache`.
pub fn dir(env: &Env) -> Option<PathBuf> {
    env.home().map(|h| h.join(".aws").join("sso").join("cache"))
}

pub fn path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.json"))
}

/// A cached access token, field for field as the CLI writes it. `Debug` shows no secret.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CachedToken {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration_expires_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl std::fmt::Debug for CachedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedToken")
            .field("start_url", &self.start_url)
            .field("region", &self.region)
            .field("expires_at", &self.expires_at)
            .field("refreshable", &self.refresh_token.is_some())
            .finish_non_exhaustive()
    }
}

impl CachedToken {
    pub fn expiration(&self) -> Option<OffsetDateTime> {
        timefmt::parse(self.expires_at.as_deref()?)
    }
}

/// A client registration (RegisterClient's answer), as the CLI caches it.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    pub client_id: String,
    pub client_secret: String,
    pub expires_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grant_types: Option<Vec<String>>,
}

impl std::fmt::Debug for Registration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registration")
            .field("client_id", &self.client_id)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// What a cache file holds, if it exists and parses as `T`.
pub fn read<T: for<'de> Deserialize<'de>>(file: &Path) -> Option<T> {
    let text = std::fs::read_to_string(file).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes `value` whole or not at all, mode 0600 (directory 0700 when created).
pub fn write<T: Serialize>(file: &Path, value: &T) -> std::io::Result<()> {
    let text = serde_json::to_string(value).map_err(std::io::Error::other)?;
    crate::fs::write_private(file, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_the_clis_fields_and_unknown_ones() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path(), "k");
        std::fs::write(
            &file,
            r#"{"startUrl": "https://x/start", "region": "us-east-1", "accessToken": "AT", "expiresAt": "2026-12-03T10:00:00Z", "clientId": "c", "clientSecret": "CS", "registrationExpiresAt": "2027-01-01T00:00:00Z", "refreshToken": "RT", "future": 1}"#,
        )
        .unwrap();
        let token: CachedToken = read(&file).unwrap();
        assert_eq!(token.access_token.as_deref(), Some("AT"));
        assert_eq!(token.expiration(), timefmt::parse("2026-12-03T10:00:00Z"));
        let shown = format!("{token:?}");
        assert!(!shown.contains("AT\"") && !shown.contains("CS") && !shown.contains("RT"));
        write(&file, &token).unwrap();
        let back: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(back["refreshToken"], "RT");
        assert_eq!(back["future"], 1);
        #[cfg(unix)]
        assert_eq!(
            crate::fs::mode_of(&std::fs::metadata(&file).unwrap()) & 0o777,
            0o600
        );
    }
}
