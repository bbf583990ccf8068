//! The access token the credential chain uses: read from the cache; for an `[sso-session]`,
//! refreshed with its refresh token (CreateToken, `refresh_token` grant) when it is within 15
//! minutes of expiry, and the new token written back. A failed refresh keeps the old token while
//! it lasts, as botocore's token provider does; a legacy profile's token is never refreshed.

use std::path::Path;

use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::token_cache::{self, CachedToken};
use super::{SsoSession, api, timefmt};
use crate::credentials::CredentialsError;
use crate::error::Error;
use crate::http::debug::DebugLog;
use crate::secret::Secret;
use crate::services::Session;

/// A token closer than this to expiry is refreshed (botocore's `_REFRESH_WINDOW`).
pub const REFRESH_WINDOW: Duration = Duration::minutes(15);

const LOG: &str = "awsctl.sso";

/// The cached token for `sso`, as botocore's SSOTokenLoader finds it.
pub fn load(dir: &Path, sso: &SsoSession) -> Result<CachedToken, CredentialsError> {
    let file = token_cache::path(dir, &sso.token_key());
    if !file.exists() {
        return Err(CredentialsError::SsoTokenLoad(format!(
            "Token for {} does not exist",
            sso.cache_name()
        )));
    }
    token_cache::read::<CachedToken>(&file)
        .filter(|t| t.access_token.is_some() && t.expiration().is_some())
        .ok_or_else(|| {
            CredentialsError::SsoTokenLoad(format!("Token for {} is invalid", sso.start_url))
        })
}

/// A usable access token for `sso` at `now`; `session` is the SSO-OIDC client's.
pub async fn access_token(
    session: &Session<'_>,
    dir: &Path,
    sso: &SsoSession,
    now: OffsetDateTime,
    log: DebugLog,
) -> Result<Secret, Error> {
    let mut token = load(dir, sso)?;
    let expiration = token.expiration().expect("checked by load");
    log.log(
        LOG,
        format_args!("Cached SSO token expires at {}", timefmt::utc_z(expiration)),
    );
    if sso.name.is_none() {
        if expiration <= now {
            return Err(CredentialsError::UnauthorizedSsoToken.into());
        }
        return Ok(Secret::new(token.access_token.unwrap_or_default()));
    }
    if expiration - now < REFRESH_WINDOW
        && let Some(fresh) = refresh(session, sso, &token, now, log).await?
    {
        let file = token_cache::path(dir, &sso.token_key());
        if let Err(e) = token_cache::write(&file, &fresh) {
            log.log(
                LOG,
                format_args!(
                    "Could not write the SSO token cache {}: {e}",
                    file.display()
                ),
            );
        }
        token = fresh;
    }
    if token.expiration().is_none_or(|e| e <= now) {
        return Err(CredentialsError::SsoTokenRetrieval(
            "Token has expired and refresh failed".into(),
        )
        .into());
    }
    Ok(Secret::new(token.access_token.unwrap_or_default()))
}

/// A new token from the refresh token, or `None` when the token cannot be refreshed (no
/// refresh token or registration, the registration expired, the service said no).
async fn refresh(
    session: &Session<'_>,
    sso: &SsoSession,
    token: &CachedToken,
    now: OffsetDateTime,
    log: DebugLog,
) -> Result<Option<CachedToken>, Error> {
    let fields = [
        ("refreshToken", &token.refresh_token),
        ("clientId", &token.client_id),
        ("clientSecret", &token.client_secret),
        ("registrationExpiresAt", &token.registration_expires_at),
    ];
    let missing: Vec<String> = fields
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(k, _)| format!("'{k}'"))
        .collect();
    if !missing.is_empty() {
        log.log(
            LOG,
            format_args!(
                "Unable to refresh SSO token: missing keys: [{}]",
                missing.join(", ")
            ),
        );
        return Ok(None);
    }
    let registration_expiry = token
        .registration_expires_at
        .as_deref()
        .and_then(timefmt::parse);
    if registration_expiry.is_none_or(|e| e <= now) {
        log.log(LOG, "SSO token registration expired");
        return Ok(None);
    }
    let request = json!({
        "grantType": "refresh_token",
        "clientId": token.client_id,
        "clientSecret": token.client_secret,
        "refreshToken": token.refresh_token,
    });
    let response = match api::create_token(session, request).await {
        Ok(r) => r,
        Err(e @ Error::Service(_)) => {
            log.log(LOG, format_args!("SSO token refresh attempt failed: {e}"));
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    log.log(LOG, "SSO Token refresh succeeded");
    Ok(Some(from_create_token(
        &response,
        sso,
        now,
        (
            token.client_id.clone().unwrap_or_default(),
            token.client_secret.clone().unwrap_or_default(),
            token.registration_expires_at.clone().unwrap_or_default(),
        ),
    )?))
}

/// The cache entry for a CreateToken answer: the token, when it expires, and the registration
/// it was made with (kept beside it so the token can be refreshed).
pub fn from_create_token(
    response: &serde_json::Value,
    sso: &SsoSession,
    now: OffsetDateTime,
    (client_id, client_secret, registration_expires_at): (String, String, String),
) -> Result<CachedToken, Error> {
    let access_token = response["accessToken"]
        .as_str()
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Error::General("CreateToken returned no accessToken".into()))?;
    let expires_in = response["expiresIn"].as_i64().unwrap_or(0);
    Ok(CachedToken {
        start_url: Some(sso.start_url.clone()),
        region: Some(sso.region.clone()),
        access_token: Some(access_token.to_string()),
        expires_at: Some(timefmt::utc_z(now + Duration::seconds(expires_in))),
        client_id: Some(client_id),
        client_secret: Some(client_secret),
        registration_expires_at: Some(registration_expires_at),
        refresh_token: response["refreshToken"].as_str().map(str::to_string),
        other: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(name: Option<&str>) -> SsoSession {
        SsoSession {
            name: name.map(str::to_string),
            start_url: "https://x.awsapps.com/start".into(),
            region: "us-east-1".into(),
            scopes: vec![],
        }
    }

    #[test]
    fn missing_and_invalid_tokens_are_named_as_the_cli_names_them() {
        let dir = tempfile::tempdir().unwrap();
        let err = load(dir.path(), &session(Some("corp"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Error loading SSO Token: Token for corp does not exist"
        );
        let legacy = session(None);
        let file = token_cache::path(dir.path(), &legacy.token_key());
        std::fs::write(&file, r#"{"accessToken": "a"}"#).unwrap();
        assert_eq!(
            load(dir.path(), &legacy).unwrap_err().to_string(),
            "Error loading SSO Token: Token for https://x.awsapps.com/start is invalid"
        );
    }

    #[test]
    fn create_token_answers_become_cache_entries() {
        let now = timefmt::parse("2026-12-03T10:00:00Z").unwrap();
        let entry = from_create_token(
            &json!({"accessToken": "AT", "expiresIn": 3600, "refreshToken": "RT", "tokenType": "Bearer"}),
            &session(Some("corp")),
            now,
            ("cid".into(), "cs".into(), "2027-01-01T00:00:00Z".into()),
        )
        .unwrap();
        let written = serde_json::to_value(&entry).unwrap();
        assert_eq!(
            written,
            json!({"startUrl": "https://x.awsapps.com/start", "region": "us-east-1", "accessToken": "AT",
                   "expiresAt": "2026-12-03T11:00:00Z", "clientId": "cid", "clientSecret": "cs",
                   "registrationExpiresAt": "2027-01-01T00:00:00Z", "refreshToken": "RT"})
        );
    }
}
