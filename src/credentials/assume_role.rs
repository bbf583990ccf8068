//! The `assume-role` source: a profile with `role_arn`, whose source credentials come from
//! `source_profile` (itself possibly a role: chains, with loop detection) or
//! `credential_source`; MFA through the prompter; the result cached in `~/.aws/cli/cache` in
//! the CLI's format, reused while at least 15 minutes from expiry.

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

use serde_json::Value;

use super::cache::{self, KeyArg};
use super::chain::ChainContext;
use super::{
    Credentials, CredentialsError, Source, container, environment, instance_profile, process,
    profile_keys, sso, web_identity,
};
use crate::error::Error;
use crate::protocol::timestamp;
use crate::secret::Secret;
use crate::services::sts::assume_role::{self, Input};

/// Cached credentials are reused only while at least this far from expiry (botocore's window).
pub const CACHE_WINDOW: time::Duration = time::Duration::minutes(15);

type Pending<'a> = Pin<Box<dyn Future<Output = Result<Credentials, Error>> + 'a>>;

/// Where a role's source credentials come from. The whole chain is planned (and so checked:
/// settings, loops) up front, as botocore does; a parent role is only *fetched* when this role's
/// own cache entry cannot serve, so a cached child needs no prompt for its parent's MFA.
enum SourceCredentials {
    Ready(Credentials),
    Role(Box<RolePlan>),
}

/// One role of a chain: its AssumeRole request, cache entry and source.
struct RolePlan {
    input: Input,
    cache_file: Option<PathBuf>,
    source: SourceCredentials,
}

pub async fn load(ctx: &ChainContext<'_>, profile: &str) -> Result<Credentials, Error> {
    let mut visited = vec![profile.to_string()];
    let plan = plan(ctx, profile.to_string(), &mut visited).await?;
    execute(ctx, plan).await
}

/// The cache file for a role call: `RoleArn` plus the optional members that were configured.
pub fn cache_file(ctx: &ChainContext<'_>, args: Vec<(&str, KeyArg)>) -> Option<PathBuf> {
    ctx.cache_dir()
        .map(|dir| cache::path(&dir, &cache::key(&args)))
}

type Planned<'a> = Pin<Box<dyn Future<Output = Result<RolePlan, Error>> + 'a>>;

fn plan<'a>(
    ctx: &'a ChainContext<'a>,
    profile: String,
    visited: &'a mut Vec<String>,
) -> Planned<'a> {
    Box::pin(async move {
        let config = ctx.settings.files.scoped(&profile);
        let get = |k: &str| config.get(k).filter(|v| !v.is_empty()).cloned();
        let role_arn = get("role_arn").unwrap_or_default();
        let duration_seconds = get("duration_seconds").and_then(|d| d.trim().parse::<i64>().ok());
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
            key_args.push(("DurationSeconds", KeyArg::Int(d)));
        }
        let source = source_credentials(ctx, &profile, &config, visited).await?;
        Ok(RolePlan {
            input: Input {
                role_arn,
                role_session_name: get("role_session_name")
                    .unwrap_or_else(|| ctx.generated_session_name()),
                external_id: get("external_id"),
                serial_number: get("mfa_serial"),
                duration_seconds,
                ..Default::default()
            },
            cache_file: cache_file(ctx, key_args),
            source,
        })
    })
}

fn execute<'a>(ctx: &'a ChainContext<'a>, plan: RolePlan) -> Pending<'a> {
    Box::pin(async move {
        let RolePlan {
            mut input,
            cache_file,
            source,
        } = plan;
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
        let source = match source {
            SourceCredentials::Ready(c) => c,
            SourceCredentials::Role(parent) => execute(ctx, *parent).await?,
        };
        if let Some(serial) = &input.serial_number {
            let code = ctx
                .prompter
                .mfa_code(serial)
                .map_err(|e| CredentialsError::Retrieval {
                    provider: Source::AssumeRole.name(),
                    message: format!("unable to read the MFA code: {e}"),
                })?;
            input.token_code = Some(Secret::new(code));
        }
        let response = assume_role::call(&ctx.sts(Some(&source)), &input).await?;
        // Only an answer that holds credentials is worth caching.
        let credentials = credentials_from_response(&response, Source::AssumeRole)?;
        if let Some(file) = &cache_file
            && let Err(e) = cache::write(file, &response)
        {
            ctx.log.log(
                "awsctl.credentials",
                format_args!("Could not write the role cache {}: {e}", file.display()),
            );
        }
        Ok(credentials)
    })
}

async fn source_credentials(
    ctx: &ChainContext<'_>,
    profile: &str,
    config: &HashMap<String, String>,
    visited: &mut Vec<String>,
) -> Result<SourceCredentials, Error> {
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
        (None, Some(named)) => Ok(SourceCredentials::Ready(
            from_credential_source(ctx, profile, named).await?,
        )),
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
) -> Result<SourceCredentials, Error> {
    if has_static {
        let found = profile_keys::load(Some(config.clone()), Source::SharedCredentialsFile)?;
        return found.map(SourceCredentials::Ready).ok_or_else(|| {
            CredentialsError::Partial {
                provider: "assume-role",
                missing: "aws_access_key_id",
            }
            .into()
        });
    }
    if config.contains_key("role_arn") {
        if config.contains_key("web_identity_token_file")
            && let Some(identity) = web_identity::configured(ctx, config)
        {
            return Ok(SourceCredentials::Ready(
                web_identity::load(ctx, &identity).await?,
            ));
        }
        return Ok(SourceCredentials::Role(Box::new(
            plan(ctx, source.to_string(), visited).await?,
        )));
    }
    if let Some(configured) = crate::sso::profile_sso(&ctx.settings.files, source, config)? {
        return Ok(SourceCredentials::Ready(sso::load(ctx, &configured).await?));
    }
    if let Some(command) = config.get("credential_process") {
        return Ok(SourceCredentials::Ready(process::load(
            command,
            &ctx.profile_chain(source),
        )?));
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
        "Ec2InstanceMetadata" => instance_profile::load(ctx.imds, ctx.now, ctx.log)
            .await
            .ok(),
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

/// The `Credentials` member of an AssumeRole, AssumeRoleWithWebIdentity or GetSessionToken
/// response; an answer without one (or with an empty key) is an error, never empty keys.
pub fn credentials_from_response(response: &Value, source: Source) -> Result<Credentials, Error> {
    let c = response
        .get("Credentials")
        .ok_or_else(|| Error::InvalidResponse("no Credentials in the STS response".into()))?;
    let field = |k: &str| {
        c.get(k)
            .and_then(Value::as_str)
            .filter(|v| !v.trim().is_empty())
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

/// Whether the profile's role chain needs an MFA code: such credentials cannot be refreshed
/// within one run (botocore: "Cannot refresh credentials: MFA token required.").
pub fn needs_mfa(files: &crate::config::SharedConfig, profile: &str) -> bool {
    let mut current = profile.to_string();
    let mut seen = Vec::new();
    while !seen.contains(&current) {
        let config = files.scoped(&current);
        if config.contains_key("mfa_serial") && config.contains_key("role_arn") {
            return true;
        }
        let Some(next) = config
            .get("source_profile")
            .filter(|_| config.contains_key("role_arn"))
        else {
            return false;
        };
        seen.push(current);
        current = next.clone();
    }
    false
}
