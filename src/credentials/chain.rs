//! The order of the chain, written in one place. It is the AWS CLI v2's: environment
//! variables, a role profile (`role_arn`), web identity, IAM Identity Center, the credentials
//! file, `credential_process`, the config file, the container's role, the instance profile's
//! role. An explicit `--profile` (not `AWS_PROFILE`) turns off the environment's keys and
//! its web identity settings (`AWS_ROLE_ARN`, `AWS_WEB_IDENTITY_TOKEN_FILE`). A source answers
//! with credentials, with "nothing here" (try the next one), or with an error that stops the
//! chain, as the CLI's providers do.

use super::context::ChainContext;
use super::{
    Credentials, CredentialsError, Source, container, environment, instance_profile, process,
    profile_keys, role_plan, role_runner, sso, web_identity,
};
use crate::error::Error;

/// Walks the chain and returns the first credentials found.
pub async fn resolve(ctx: &ChainContext<'_>) -> Result<Credentials, Error> {
    let settings = ctx.settings;
    let profile = &settings.profile_config;
    let trace = |source: Source| {
        ctx.log.log(
            "awsctl.credentials",
            format_args!("Looking for credentials via: {}", source.name()),
        )
    };

    if !settings.profile_from_cli {
        trace(Source::Environment);
        if let Some(found) = environment::load(&settings.env)? {
            return Ok(found);
        }
    }
    if role_plan::assumes_role(profile) {
        trace(Source::AssumeRole);
        let chain = role_plan::plan(&settings.files, &settings.profile)?;
        return role_runner::run(ctx, &chain).await;
    }
    trace(Source::AssumeRoleWithWebIdentity);
    if let Some(identity) = web_identity::configured(ctx, profile) {
        return web_identity::load(ctx, &identity).await;
    }
    trace(Source::Sso);
    if let Some(configured) = crate::sso::profile_sso(&settings.files, &settings.profile, profile)?
    {
        return sso::load(ctx, &configured).await;
    }
    trace(Source::SharedCredentialsFile);
    if let Some(found) = profile_keys::load(
        settings.files.credentials_profile(&settings.profile),
        Source::SharedCredentialsFile,
    )? {
        return Ok(found);
    }
    if let Some(command) = profile.get("credential_process") {
        trace(Source::CustomProcess);
        return Ok(process::load(
            command,
            &ctx.profile_chain(&settings.profile),
        )?);
    }
    trace(Source::ConfigFile);
    if let Some(found) = profile_keys::load(
        settings.files.config_profile(&settings.profile),
        Source::ConfigFile,
    )? {
        return Ok(found);
    }
    trace(Source::ContainerRole);
    if let Some(found) = container::load(&settings.env, ctx.log).await? {
        return Ok(found);
    }
    if !ctx.imds.config().disabled {
        trace(Source::IamRole);
        match instance_profile::load(ctx.imds, ctx.now, ctx.log).await {
            Ok(found) => return Ok(found),
            Err(reason) => ctx.log.log(
                "awsctl.credentials",
                format_args!("No instance profile credentials: {reason}"),
            ),
        }
    }
    Err(CredentialsError::NotFound.into())
}
