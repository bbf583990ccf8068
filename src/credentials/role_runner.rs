//! The `assume-role` source: runs a [`RoleChain`] planned by `role_plan`. The base credentials
//! are fetched first; then the roles are taken from the profile's end: the newest role whose
//! session is in `~/.aws/cli/cache` (in the CLI's format, reused while at least 15 minutes from
//! expiry) is the starting point, so a cached role needs no MFA code for the roles under it.
//! Each role assumed after it (asking for an MFA code where one is configured) is cached.

use super::cache::{self, CACHE_WINDOW};
use super::context::ChainContext;
use super::role_plan::{Base, NamedSource, RoleChain, RoleStep};
use super::{
    Credentials, CredentialsError, Source, container, environment, instance_profile, process,
    profile_keys, sso, sts_answer, web_identity,
};
use crate::error::Error;
use crate::secret::Secret;
use crate::services::sts::assume_role::{self, Input};

/// The credentials of the chain's last role.
pub async fn run(ctx: &ChainContext<'_>, chain: &RoleChain) -> Result<Credentials, Error> {
    let base = base_credentials(ctx, &chain.base).await?;
    let (mut credentials, start) = newest_cached(ctx, &chain.roles).unwrap_or((base, 0));
    for step in &chain.roles[start..] {
        credentials = assume(ctx, step, &credentials).await?;
    }
    Ok(credentials)
}

/// The cached credentials of the last role that has some, and the index of the role after it.
fn newest_cached(ctx: &ChainContext<'_>, roles: &[RoleStep]) -> Option<(Credentials, usize)> {
    roles.iter().enumerate().rev().find_map(|(i, step)| {
        let file = ctx.role_cache_file(&step.cache_key_args())?;
        let cached = cache::read(&file, ctx.now, CACHE_WINDOW, Source::AssumeRole)?;
        ctx.log.log(
            "awsctl.credentials",
            "Credentials for role retrieved from cache.",
        );
        Some((cached, i + 1))
    })
}

/// One AssumeRole call with `source`'s credentials; the answer is cached.
async fn assume(
    ctx: &ChainContext<'_>,
    step: &RoleStep,
    source: &Credentials,
) -> Result<Credentials, Error> {
    let mut input = Input {
        role_arn: step.role_arn.clone(),
        role_session_name: step
            .session_name
            .clone()
            .unwrap_or_else(|| ctx.generated_session_name()),
        external_id: step.external_id.clone(),
        serial_number: step.mfa_serial.clone(),
        duration_seconds: step.duration_seconds,
        ..Default::default()
    };
    if let Some(serial) = &step.mfa_serial {
        let code = ctx
            .prompter
            .mfa_code(serial)
            .map_err(|e| CredentialsError::Retrieval {
                provider: Source::AssumeRole.name(),
                message: format!("unable to read the MFA code: {e}"),
            })?;
        input.token_code = Some(Secret::new(code));
    }
    let response = assume_role::call(&ctx.sts(Some(source)), &input).await?;
    // Only an answer that holds credentials is worth caching.
    let credentials = sts_answer::credentials_from_response(&response, Source::AssumeRole)?;
    if let Some(file) = ctx.role_cache_file(&step.cache_key_args())
        && let Err(e) = cache::write(&file, &response)
    {
        ctx.log.log(
            "awsctl.credentials",
            format_args!("Could not write the role cache {}: {e}", file.display()),
        );
    }
    Ok(credentials)
}

async fn base_credentials(ctx: &ChainContext<'_>, base: &Base) -> Result<Credentials, Error> {
    match base {
        Base::StaticKeys { profile } => {
            let config = ctx.settings.files.scoped(profile);
            let found = profile_keys::load(Some(config), Source::SharedCredentialsFile)?;
            Ok(found.ok_or(CredentialsError::Partial {
                provider: "assume-role",
                missing: "aws_access_key_id",
            })?)
        }
        Base::WebIdentity(identity) => web_identity::load(ctx, identity).await,
        Base::Sso(profile) => sso::load(ctx, profile).await,
        Base::Process { command, profile } => {
            Ok(process::load(command, &ctx.profile_chain(profile))?)
        }
        Base::CredentialSource { source, profile } => named_source(ctx, *source, profile).await,
    }
}

/// `credential_source`: the environment, the container's role or the instance profile's role;
/// having none there is an error.
async fn named_source(
    ctx: &ChainContext<'_>,
    source: NamedSource,
    profile: &str,
) -> Result<Credentials, Error> {
    let found = match source {
        NamedSource::Environment => environment::load(&ctx.settings.env)?,
        NamedSource::EcsContainer => container::load(&ctx.settings.env, ctx.log).await?,
        NamedSource::Ec2InstanceMetadata => instance_profile::load(ctx.imds, ctx.now, ctx.log)
            .await
            .ok(),
    };
    Ok(found.ok_or_else(|| CredentialsError::Retrieval {
        provider: source.name(),
        message: format!(
            "No credentials found in credential_source referenced in profile {profile}"
        ),
    })?)
}
