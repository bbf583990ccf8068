//! What the credential sources may use, injected so that each can be tested: the settings,
//! the HTTP client for STS, the IMDS client, the MFA prompter, the clock and the debug log.

use std::path::PathBuf;

use time::OffsetDateTime;

use super::Credentials;
use super::cache::{self, KeyArg};
use super::prompt::Prompter;
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
    pub fn sts<'b>(&'b self, credentials: Option<&'b Credentials>) -> CallContext<'b> {
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
        cache::dir(&self.settings.env)
    }

    /// The role cache's file for a call with these arguments (see [`cache::key`]).
    pub fn role_cache_file(&self, args: &[(&str, KeyArg)]) -> Option<PathBuf> {
        self.cache_dir()
            .map(|dir| cache::path(&dir, &cache::key(args)))
    }
}
