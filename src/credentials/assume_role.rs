//! The `assume-role` source: a profile with `role_arn`, whose source credentials come from
//! `source_profile` (itself possibly a role: chains, with loop detection) or
//! `credential_source`; MFA through the prompter; the result cached in `~/.aws/cli/cache` in
//! the CLI's format, reused while more than 15 minutes from expiry.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

use serde_json::Value;

use super::cache::{self, KeyArg};
use super::chain::ChainContext;
use super::{
    Credentials, CredentialsError, Source, container, environment, instance_profile, process,
    profile_keys, web_identity,
};
use crate::error::Error;
use crate::protocol::timestamp;
use crate::secret::Secret;
use crate::services::sts::assume_role::{self, Input};

/// Cached credentials are reused only while further than this from expiry (botocore's window).
const CACHE_WINDOW: time::Duration = time::Duration::minutes(15);

type Pending<'a> = Pin<Box<dyn Future<Output = Result<Credentials, Error>> + 'a>>;

pub async fn load(ctx: &ChainContext<'_>, profile: &str) -> Result<Credentials, Error> {
    let mut visited = vec![profile.to_string()];
    assume(ctx, profile.to_string(), &mut visited).await
}

fn assume<'a>(
    ctx: &'a ChainContext<'a>,
    profile: String,
    visited: &'a mut Vec<String>,
) -> Pending<'a> {
    Box::pin(async move {
        let config = ctx.settings.files.scoped(&profile);
        let get = |k: &str| config.get(k).filter(|v| !v.is_empty()).cloned();
        let role_arn = get("role_arn").unwrap_or_default();
        let duration_seconds = get("duration_seconds").and_then(|d| d.trim().parse::<u32>().ok());
        let mut key_args = vec![("RoleArn", KeyArg::Str(role_arn.clone()))];
        let optional = [
            ("RoleSessionName", get("role_session_name")),
            ("ExternalId", get("external_id")),
            ("SerialNumber", get("mfa_serial")),
        ];
        key_args.extend(
            optional
                .iter()
                .filter_map(|(k, v)| Some((*k, KeyArg::Str(v.clone()?)))),
        );
        if let Some(d) = duration_seconds {
            key_args.push(("DurationSeconds", KeyArg::Int(d.into())));
        }
        // As botocore: the role settings are checked and the source credentials resolved
        // (parents of a chain from their own cache) before this role's cache is consulted, so a
        // broken profile fails even when an entry for its role exists.
        let source = source_credentials(ctx, &profile, &config, visited).await?;
        let cache_file = ctx
            .cache_dir()
            .map(|dir| cache::path(&dir, &cache::key(&key_args)));
        if let Some(cached) = cache_file
            .as_deref()
            .and_then(|f| cache::read(f, ctx.now, CACHE_WINDOW, Source::AssumeRole))
        {
            ctx.log.log(
                "awsctl.credentials",
                "Credentials for role retrieved from cache.",
            );
            return Ok(cached);
        }
        let mut input = Input {
            role_arn,
            role_session_name: get("role_session_name")
                .unwrap_or_else(|| ctx.generated_session_name()),
            external_id: get("external_id"),
            serial_number: get("mfa_serial"),
            token_code: None,
            duration_seconds,
            ..Default::default()
        };
        if let Some(serial) = &input.serial_number {
            let code = ctx
                .prompter
                .mfa_code(serial)
                .map_err(|e| CredentialsError::Retrieval {
                    provider: Source::AssumeRole.name(),
                    message: format!("unable to read the MFA code: {e}"),
                })?;
            input.token_code = Some(code);
        }
        let response = assume_role::call(&ctx.sts(Some(&source)), &input).await?;
        if let Some(file) = &cache_file
            && let Err(e) = cache::write(file, &response)
        {
            ctx.log.log(
                "awsctl.credentials",
                format_args!("Could not write the role cache {}: {e}", file.display()),
            );
        }
        credentials_from_response(&response, Source::AssumeRole)
    })
}

async fn source_credentials(
    ctx: &ChainContext<'_>,
    profile: &str,
    config: &HashMap<String, String>,
    visited: &mut Vec<String>,
) -> Result<Credentials, Error> {
    let invalid = |m: String| Error::from(CredentialsError::InvalidConfig(m));
    match (
        config.get("source_profile"),
        config.get("credential_source"),
    ) {
        (Some(_), Some(_)) => Err(invalid(format!(
            "The profile \"{profile}\" contains both source_profile and credential_source."
        ))),
        (None, None) => Err(CredentialsError::Partial {
            provider: "assume-role",
            missing: "source_profile or credential_source",
        }
        .into()),
        (None, Some(named)) => from_credential_source(ctx, profile, named).await,
        (Some(source), None) => {
            let files = &ctx.settings.files;
            if !files.profile_exists(source) {
                return Err(invalid(format!(
                    "The source_profile \"{source}\" referenced in the profile \"{profile}\" does not exist."
                )));
            }
            let source_config = files.scoped(source);
            let has_static = source_config.contains_key("aws_access_key_id")
                || source_config.contains_key("aws_secret_access_key");
            // A profile may name itself as its source to keep its static keys beside its role.
            if visited.iter().any(|v| v == source) && !(source == profile && has_static) {
                return Err(CredentialsError::InfiniteLoop {
                    profile: source.clone(),
                    visited: visited.clone(),
                }
                .into());
            }
            visited.push(source.clone());
            from_source_profile(ctx, source, &source_config, has_static, visited).await
        }
    }
}

async fn from_source_profile(
    ctx: &ChainContext<'_>,
    source: &str,
    config: &HashMap<String, String>,
    has_static: bool,
    visited: &mut Vec<String>,
) -> Result<Credentials, Error> {
    if has_static {
        let found = profile_keys::load(Some(config.clone()), Source::SharedCredentialsFile)?;
        return found.ok_or_else(|| {
            CredentialsError::Partial {
                provider: "assume-role",
                missing: "aws_access_key_id",
            }
            .into()
        });
    }
    if config.contains_key("role_arn") {
        if let Some(identity) = web_identity::configured(ctx, config)
            .filter(|_| config.contains_key("web_identity_token_file"))
        {
            return web_identity::load(ctx, &identity).await;
        }
        return assume(ctx, source.to_string(), visited).await;
    }
    if let Some(command) = config.get("credential_process") {
        return Ok(process::load(command, &ctx.profile_chain(source))?);
    }
    Err(CredentialsError::InvalidConfig(format!(
        "The source profile \"{source}\" must have credentials."
    ))
    .into())
}

async fn from_credential_source(
    ctx: &ChainContext<'_>,
    profile: &str,
    named: &str,
) -> Result<Credentials, Error> {
    let found = match named {
        "Environment" => environment::load(&ctx.settings.env)?,
        "EcsContainer" => container::load(&ctx.settings.env, ctx.log).await?,
        "Ec2InstanceMetadata" => instance_profile::load(ctx.imds, ctx.log).await.ok(),
        _ => {
            return Err(CredentialsError::InvalidConfig(format!(
                "The credential source \"{named}\" referenced in profile \"{profile}\" is not valid."
            ))
            .into());
        }
    };
    found.ok_or_else(|| {
        CredentialsError::Retrieval {
            provider: match named {
                "Environment" => "Environment",
                "EcsContainer" => "EcsContainer",
                _ => "Ec2InstanceMetadata",
            },
            message: format!(
                "No credentials found in credential_source referenced in profile {profile}"
            ),
        }
        .into()
    })
}

/// The `Credentials` member of an AssumeRole / AssumeRoleWithWebIdentity response.
pub fn credentials_from_response(response: &Value, source: Source) -> Result<Credentials, Error> {
    let c = response
        .get("Credentials")
        .ok_or_else(|| Error::InvalidResponse("no Credentials in the STS response".into()))?;
    let field = |k: &str| {
        c.get(k)
            .and_then(Value::as_str)
            .ok_or_else(|| Error::InvalidResponse(format!("no {k} in the STS response")))
    };
    let account = response
        .pointer("/AssumedRoleUser/Arn")
        .and_then(Value::as_str)
        .and_then(|a| a.split(':').nth(4));
    Ok(Credentials {
        access_key_id: field("AccessKeyId")?.to_string(),
        secret_access_key: Secret::new(field("SecretAccessKey")?),
        session_token: Some(Secret::new(field("SessionToken")?)),
        expiration: timestamp::parse(field("Expiration")?),
        account_id: account.map(str::to_string),
        source,
    })
}
