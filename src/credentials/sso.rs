//! The `sso` source: a profile with `sso_account_id` and `sso_role_name` (and an
//! `[sso-session]` or the legacy `sso_start_url` / `sso_region`) gets role credentials from
//! IAM Identity Center's GetRoleCredentials with the access token of `sso login`. The
//! credentials are cached in `~/.aws/cli/cache` as the AWS CLI v2 caches them, and reused while
//! at least 15 minutes from expiry.
//!
//! The SSO calls need a [`Session`], and the chain runs inside one; the source builds a small
//! session of its own from the settings for the SSO region, unsigned and without credentials
//! (`sso::api::client_settings`), so it never re-enters the chain.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;

use serde_json::{Value, json};

use super::cache::{self, CACHE_WINDOW};
use super::context::ChainContext;
use super::{Credentials, CredentialsError, Source};
use crate::error::Error;
use crate::secret::Secret;
use crate::services::Session;
use crate::sso::{SsoProfile, api, hex_sha1, timefmt, token, token_cache};

type Pending<'a> = Pin<Box<dyn Future<Output = Result<Credentials, Error>> + 'a>>;

/// Boxed: the SSO calls go through a session, whose credentials come from the chain that
/// calls this (with no credentials, so never twice, but the future's type is recursive).
pub fn load<'a>(ctx: &'a ChainContext<'_>, profile: &'a SsoProfile) -> Pending<'a> {
    Box::pin(fetch(ctx, profile))
}

async fn fetch(ctx: &ChainContext<'_>, profile: &SsoProfile) -> Result<Credentials, Error> {
    let cache_file = ctx
        .cache_dir()
        .map(|dir| cache::path(&dir, &cache_key(profile)));
    if let Some(cached) = cache_file
        .as_deref()
        .and_then(|f| cache::read(f, ctx.now, CACHE_WINDOW, Source::Sso))
    {
        ctx.log.log(
            "awsctl.credentials",
            "SSO credentials retrieved from cache.",
        );
        return Ok(cached);
    }
    let settings = api::client_settings(ctx.settings, &profile.session.region);
    let session = Session::new(&settings);
    let dir = token_cache::dir(&ctx.settings.env).ok_or_else(|| {
        CredentialsError::SsoTokenLoad(format!(
            "Token for {} does not exist",
            profile.session.cache_name()
        ))
    })?;
    let access_token =
        token::access_token(&session, &dir, &profile.session, ctx.now, ctx.log).await?;
    let response = api::get_role_credentials(
        &session,
        &profile.account_id,
        &profile.role_name,
        access_token.expose(),
    )
    .await
    .map_err(|e| match api::error_code(&e) {
        Some("UnauthorizedException") => CredentialsError::UnauthorizedSsoToken.into(),
        _ => e,
    })?;
    let entry = cache_entry(&response, &profile.account_id)?;
    let credentials = credentials_of(&entry)?;
    if let Some(file) = &cache_file
        && let Err(e) = write_cache(file, &entry)
    {
        ctx.log.log(
            "awsctl.credentials",
            format_args!(
                "Could not write the SSO credential cache {}: {e}",
                file.display()
            ),
        );
    }
    Ok(credentials)
}

/// The cache file name: the SHA-1 of `{"accountId":..,"roleName":..,"sessionName"|"startUrl":..}`
/// as Python's `json.dumps(sort_keys=True, separators=(",", ":"))` writes it.
pub fn cache_key(profile: &SsoProfile) -> String {
    let (key, value) = match &profile.session.name {
        Some(name) => ("sessionName", name),
        None => ("startUrl", &profile.session.start_url),
    };
    let json = format!(
        "{{\"accountId\":{},\"roleName\":{},\"{key}\":{}}}",
        cache::python_string(&profile.account_id),
        cache::python_string(&profile.role_name),
        cache::python_string(value)
    );
    hex_sha1(json.as_bytes()).replace([':', '/'], "_")
}

/// GetRoleCredentials' answer in the CLI's cache form (`ProviderType: sso`, the expiration in
/// whole seconds).
fn cache_entry(response: &Value, account_id: &str) -> Result<Value, Error> {
    let c = &response["roleCredentials"];
    let field = |k: &str| {
        c[k].as_str()
            .filter(|v| !v.is_empty())
            .ok_or_else(|| Error::InvalidJsonResponse(format!("no {k} in GetRoleCredentials")))
    };
    let millis = c["expiration"]
        .as_i64()
        .ok_or_else(|| Error::InvalidJsonResponse("no expiration in GetRoleCredentials".into()))?;
    let expiration = time::OffsetDateTime::from_unix_timestamp(millis / 1000)
        .map_err(|e| Error::InvalidJsonResponse(format!("expiration {millis}: {e}")))?;
    Ok(json!({
        "ProviderType": "sso",
        "Credentials": {
            "AccessKeyId": field("accessKeyId")?,
            "SecretAccessKey": field("secretAccessKey")?,
            "SessionToken": field("sessionToken")?,
            "Expiration": timefmt::utc_z(expiration),
            "AccountId": account_id,
        }
    }))
}

fn credentials_of(entry: &Value) -> Result<Credentials, Error> {
    let c = &entry["Credentials"];
    let text = |k: &str| c[k].as_str().unwrap_or_default();
    Ok(Credentials {
        access_key_id: text("AccessKeyId").to_string(),
        secret_access_key: Secret::new(text("SecretAccessKey")),
        session_token: Some(Secret::new(text("SessionToken"))),
        expiration: timefmt::parse(text("Expiration")),
        account_id: Some(text("AccountId").to_string()),
        source: Source::Sso,
    })
}

fn write_cache(file: &Path, entry: &Value) -> std::io::Result<()> {
    let text = serde_json::to_string(entry).map_err(std::io::Error::other)?;
    crate::fs::write_private(file, text.as_bytes())
}

/// Whether a role-cache file was written by this source (what `sso logout` removes).
pub fn is_sso_cache_entry(file: &Path) -> bool {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .is_some_and(|v| v["ProviderType"] == "sso")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sso::SsoSession;

    fn profile(name: Option<&str>) -> SsoProfile {
        SsoProfile {
            session: SsoSession {
                name: name.map(str::to_string),
                start_url: "https://d-123.awsapps.com/start".into(),
                region: "us-east-1".into(),
                scopes: vec![],
            },
            account_id: "123456789012".into(),
            role_name: "ReadOnly".into(),
        }
    }

    #[test]
    fn cache_keys_hash_the_clis_compact_json() {
        let expect = |s: &str| hex_sha1(s.as_bytes());
        assert_eq!(
            cache_key(&profile(Some("corp"))),
            expect(r#"{"accountId":"123456789012","roleName":"ReadOnly","sessionName":"corp"}"#)
        );
        assert_eq!(
            cache_key(&profile(None)),
            expect(
                r#"{"accountId":"123456789012","roleName":"ReadOnly","startUrl":"https://d-123.awsapps.com/start"}"#
            )
        );
    }

    #[test]
    fn role_credentials_are_cached_in_the_clis_form() {
        let response = json!({"roleCredentials": {"accessKeyId": "ASIA1", "secretAccessKey": "s", "sessionToken": "t", "expiration": 1796292000000i64}});
        let entry = cache_entry(&response, "123456789012").unwrap();
        assert_eq!(entry["ProviderType"], "sso");
        assert_eq!(entry["Credentials"]["Expiration"], "2026-12-03T10:00:00Z");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("k.json");
        write_cache(&file, &entry).unwrap();
        assert!(is_sso_cache_entry(&file));
        let now = timefmt::parse("2026-12-03T09:00:00Z").unwrap();
        let c = cache::read(&file, now, CACHE_WINDOW, Source::Sso).unwrap();
        assert_eq!(
            (c.access_key_id.as_str(), c.account_id.as_deref(), c.source),
            ("ASIA1", Some("123456789012"), Source::Sso)
        );
        assert_eq!(credentials_of(&entry).unwrap().expiration, c.expiration);
    }
}
