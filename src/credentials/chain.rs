//! The order of the chain, written in one place (aws-cli-behaviour.md section 5.1). A source
//! answers with credentials, with "nothing here" (try the next one), or with an error that
//! stops the chain, as the CLI's providers do.

use std::path::PathBuf;

use time::OffsetDateTime;

use super::prompt::Prompter;
use super::{
    Credentials, CredentialsError, Source, assume_role, container, environment, instance_profile,
    process, profile_keys, sso, web_identity,
};
use crate::error::Error;
use crate::http::HttpClient;
use crate::http::debug::DebugLog;
use crate::imds::ImdsClient;
use crate::services::call::CallContext;
use crate::settings::Settings;

/// What the sources may use, injected: settings (environment and files included), the HTTP
/// client for STS, the IMDS client, the MFA prompter, and the clock.
pub struct ChainContext<'a> {
    pub settings: &'a Settings,
    /// The command's region (configured, or from IMDS); us-east-1 for STS when there is none.
    pub region: Option<String>,
    pub http: &'a HttpClient,
    pub imds: &'a ImdsClient,
    pub prompter: &'a dyn Prompter,
    pub now: OffsetDateTime,
    pub log: DebugLog,
}

impl ChainContext<'_> {
    /// The STS client of the chain: the configured region, else us-east-1 (STS is global).
    pub fn sts<'b>(
        &'b self,
        credentials: Option<&'b crate::credentials::Credentials>,
    ) -> CallContext<'b> {
        let region = self.region.as_deref().unwrap_or("us-east-1");
        CallContext {
            settings: self.settings,
            http: self.http,
            region,
            credentials,
            endpoint_option: false,
        }
    }

    /// A session name when none is configured, unique per second as botocore's is.
    pub fn generated_session_name(&self) -> String {
        format!("awsctl-session-{}", self.now.unix_timestamp())
    }

    /// `_AWS_CLI_PROFILE_CHAIN` for a credential process started for `profile`.
    pub fn profile_chain(&self, profile: &str) -> String {
        match self.settings.env.get("_AWS_CLI_PROFILE_CHAIN") {
            Some(chain) => format!("{chain},{profile}"),
            None => profile.to_string(),
        }
    }

    /// `~/.aws/cli/cache`, shared with the AWS CLI.
    pub fn cache_dir(&self) -> Option<PathBuf> {
        self.settings
            .env
            .home()
            .map(|h| h.join(".aws").join("cli").join("cache"))
    }
}

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
    if profile.contains_key("role_arn") && !profile.contains_key("web_identity_token_file") {
        trace(Source::AssumeRole);
        return assume_role::load(ctx, &settings.profile).await;
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
