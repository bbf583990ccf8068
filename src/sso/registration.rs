//! The OIDC client registration `sso login` signs in with, cached in `~/.aws/sso/cache` as the
//! CLI caches it: keyed by the SHA-1 of `{"region", "scopes", "session_name", "startUrl",
//! "tool": "botocore"}` (Python's `json.dumps(sort_keys=True)`), reused until 15 minutes before
//! it expires and only by the flow it was made for (device code, or authorization code).

use std::path::Path;

use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

use super::token_cache::{self, Registration};
use super::{SsoSession, api, hex_sha1, timefmt};
use crate::credentials::cache::python_string;
use crate::error::Error;
use crate::services::Session;

/// A registration this close to expiry is replaced (the fetchers' `_EXPIRY_WINDOW`).
const EXPIRY_WINDOW: Duration = Duration::minutes(15);

/// What the flow needs of its registration.
pub enum Flow {
    DeviceCode,
    /// The authorization code flow, with the redirect URI registered (no port).
    AuthCode {
        redirect_uri: String,
    },
}

const AUTH_CODE_GRANTS: [&str; 2] = ["authorization_code", "refresh_token"];
/// The scope the authorization code flow registers when none is configured.
pub const DEFAULT_SCOPE: &str = "sso:account:access";

/// The cache file's name (without `.json`).
pub fn cache_key(sso: &SsoSession) -> String {
    let scopes = if sso.scopes.is_empty() {
        "null".to_string()
    } else {
        let items: Vec<String> = sso.scopes.iter().map(|s| python_string(s)).collect();
        format!("[{}]", items.join(", "))
    };
    let session = sso
        .name
        .as_deref()
        .map_or_else(|| "null".to_string(), python_string);
    let json = format!(
        "{{\"region\": {}, \"scopes\": {scopes}, \"session_name\": {session}, \"startUrl\": {}, \"tool\": \"botocore\"}}",
        python_string(&sso.region),
        python_string(&sso.start_url)
    );
    hex_sha1(json.as_bytes())
}

/// The cached registration when it still serves `flow`, else a new one (cached).
pub async fn registration(
    session: &Session<'_>,
    dir: &Path,
    sso: &SsoSession,
    flow: &Flow,
    now: OffsetDateTime,
) -> Result<Registration, Error> {
    let file = token_cache::path(dir, &cache_key(sso));
    if let Some(cached) = token_cache::read::<Registration>(&file) {
        let for_auth_code = cached
            .grant_types
            .as_ref()
            .is_some_and(|g| g.iter().any(|g| g == "authorization_code"));
        let fresh = timefmt::parse(&cached.expires_at).is_some_and(|e| e - now >= EXPIRY_WINDOW);
        if fresh && for_auth_code == matches!(flow, Flow::AuthCode { .. }) {
            return Ok(cached);
        }
    }
    let client_name = match &sso.name {
        Some(name) => format!("botocore-client-{name}"),
        None => format!("botocore-client-{}", now.unix_timestamp()),
    };
    let mut request = json!({"clientName": client_name, "clientType": "public"});
    let (scopes, grant_types) = match flow {
        Flow::DeviceCode => ((!sso.scopes.is_empty()).then(|| sso.scopes.clone()), None),
        Flow::AuthCode { redirect_uri } => {
            let scopes = if sso.scopes.is_empty() {
                vec![DEFAULT_SCOPE.to_string()]
            } else {
                sso.scopes.clone()
            };
            let grants: Vec<String> = AUTH_CODE_GRANTS.iter().map(|g| g.to_string()).collect();
            request["grantTypes"] = json!(grants);
            request["redirectUris"] = json!([redirect_uri]);
            request["issuerUrl"] = json!(sso.start_url);
            (Some(scopes), Some(grants))
        }
    };
    if let Some(scopes) = &scopes {
        request["scopes"] = json!(scopes);
    }
    let response = api::register_client(session, request).await?;
    let text = |k: &str| -> Result<String, Error> {
        response[k]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| Error::InvalidJsonResponse(format!("no {k} in RegisterClient")))
    };
    let expires = response["clientSecretExpiresAt"]
        .as_i64()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .ok_or_else(|| {
            Error::InvalidJsonResponse("no clientSecretExpiresAt in RegisterClient".into())
        })?;
    let registration = Registration {
        client_id: text("clientId")?,
        client_secret: text("clientSecret")?,
        expires_at: timefmt::utc_z(expires),
        scopes,
        grant_types,
    };
    token_cache::write(&file, &registration)?;
    Ok(registration)
}

/// A registration's fields as CreateToken takes them.
pub fn client_fields(registration: &Registration) -> Value {
    json!({"clientId": registration.client_id, "clientSecret": registration.client_secret})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_hash_the_clis_sorted_json() {
        let sso = SsoSession {
            name: Some("corp".into()),
            start_url: "https://d-1.awsapps.com/start".into(),
            region: "eu-west-1".into(),
            scopes: vec!["sso:account:access".into()],
        };
        assert_eq!(
            cache_key(&sso),
            hex_sha1(br#"{"region": "eu-west-1", "scopes": ["sso:account:access"], "session_name": "corp", "startUrl": "https://d-1.awsapps.com/start", "tool": "botocore"}"#)
        );
        let legacy = SsoSession {
            name: None,
            scopes: vec![],
            ..sso
        };
        assert_eq!(
            cache_key(&legacy),
            hex_sha1(br#"{"region": "eu-west-1", "scopes": null, "session_name": null, "startUrl": "https://d-1.awsapps.com/start", "tool": "botocore"}"#)
        );
    }
}
