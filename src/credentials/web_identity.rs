//! The `assume-role-with-web-identity` source: a role and an OIDC token file, from the profile
//! (`role_arn` + `web_identity_token_file`) or the environment (`AWS_ROLE_ARN` +
//! `AWS_WEB_IDENTITY_TOKEN_FILE`, not when `--profile` is given).

use std::collections::HashMap;

use super::cache::{self, CACHE_WINDOW, KeyArg};
use super::context::ChainContext;
use super::{Credentials, CredentialsError, Source, sts_answer};
use crate::error::Error;
use crate::secret::Secret;
use crate::services::sts::assume_role_with_web_identity::{self, Input};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebIdentity {
    pub role_arn: String,
    pub token_file: String,
    pub session_name: Option<String>,
    pub duration_seconds: Option<u32>,
}

impl WebIdentity {
    /// A profile's web-identity settings: `role_arn` and `web_identity_token_file` both set.
    pub fn from_profile(profile: &HashMap<String, String>) -> Option<WebIdentity> {
        let (role, file) = (
            profile.get("role_arn")?,
            profile.get("web_identity_token_file")?,
        );
        Some(WebIdentity {
            role_arn: role.clone(),
            token_file: file.clone(),
            session_name: profile.get("role_session_name").cloned(),
            duration_seconds: profile.get("duration_seconds").and_then(|d| d.parse().ok()),
        })
    }
}

/// The profile's web-identity settings, else the environment's.
pub fn configured(ctx: &ChainContext, profile: &HashMap<String, String>) -> Option<WebIdentity> {
    if let Some(identity) = WebIdentity::from_profile(profile) {
        return Some(identity);
    }
    let env = &ctx.settings.env;
    if ctx.settings.profile_from_cli {
        return None;
    }
    Some(WebIdentity {
        role_arn: env.get("AWS_ROLE_ARN")?.to_string(),
        token_file: env.get("AWS_WEB_IDENTITY_TOKEN_FILE")?.to_string(),
        session_name: env.get("AWS_ROLE_SESSION_NAME").map(str::to_string),
        duration_seconds: None,
    })
}

pub async fn load(ctx: &ChainContext<'_>, identity: &WebIdentity) -> Result<Credentials, Error> {
    // Cached like AssumeRole, keyed by the role and the configured session name.
    let mut key_args = vec![("RoleArn", KeyArg::Str(identity.role_arn.clone()))];
    if let Some(name) = &identity.session_name {
        key_args.push(("RoleSessionName", KeyArg::Str(name.clone())));
    }
    let cache_file = ctx.role_cache_file(&key_args);
    let source = Source::AssumeRoleWithWebIdentity;
    if let Some(cached) = cache_file
        .as_deref()
        .and_then(|f| cache::read(f, ctx.now, CACHE_WINDOW, source))
    {
        ctx.log.log(
            "awsctl.credentials",
            "Credentials for role retrieved from cache.",
        );
        return Ok(cached);
    }
    let path = ctx.settings.env.expand_tilde(&identity.token_file);
    let token = std::fs::read_to_string(&path).map_err(|e| CredentialsError::Retrieval {
        provider: source.name(),
        message: format!(
            "unable to read the web identity token file {}: {e}",
            path.display()
        ),
    })?;
    let input = Input {
        role_arn: identity.role_arn.clone(),
        role_session_name: identity
            .session_name
            .clone()
            .unwrap_or_else(|| ctx.generated_session_name()),
        web_identity_token: Secret::new(token.trim()),
        duration_seconds: identity.duration_seconds,
    };
    let response = assume_role_with_web_identity::call(&ctx.sts(None), &input).await?;
    // Only an answer that holds credentials is worth caching.
    let credentials = sts_answer::credentials_from_response(&response, source)?;
    if let Some(file) = &cache_file
        && let Err(e) = cache::write(file, &response)
    {
        ctx.log.log(
            "awsctl.credentials",
            format_args!("Could not write the role cache {}: {e}", file.display()),
        );
    }
    Ok(credentials)
}
