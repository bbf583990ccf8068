//! Command-line options, the environment and the profile resolved into one immutable
//! [`Settings`] value, before any network I/O, with AWS CLI v2 precedence:
//! option > environment variable > profile in the config files > default.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use crate::cli::GlobalArgs;
use crate::config::{self, IniError, SharedConfig, parse_nested};
use crate::env::Env;
use crate::output::{OutputFormat, Query, QueryError};

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("The config profile ({0}) could not be found")]
    ProfileNotFound(String),
    #[error(transparent)]
    Ini(#[from] IniError),
    #[error("Provided region_name '{0}' doesn't match a supported format.")]
    InvalidRegion(String),
    #[error(
        "Invalid value provided to \"mode\": \"{0}\" must be one of: \"standard\" or \"adaptive\""
    )]
    InvalidRetryMode(String),
    #[error(
        "Value provided to \"max_attempts\": {0} must be an integer greater than or equal to one."
    )]
    InvalidMaxAttempts(String),
    #[error("The value of {variable} must be a whole number of seconds, not: {0}", variable = crate::http::clock::TEST_OFFSET_VARIABLE)]
    InvalidClockShift(String),
    #[error("Unknown output type: {0}")]
    InvalidOutput(String),
    #[error("Unknown cli_timestamp_format value: {0}, valid values are \"wire\" or \"iso8601\"")]
    InvalidTimestampFormat(String),
    #[error(
        "The profile is configured to use the services section but the \"{0}\" services configuration does not exist."
    )]
    MissingServicesSection(String),
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("STS regional endpoints option {0} is invalid. Valid values are: legacy, regional")]
    InvalidStsRegionalEndpoints(String),
    #[error(
        "S3 us-east-1 regional endpoint option {0} is invalid. Valid values are: legacy, regional"
    )]
    InvalidS3UsEast1RegionalEndpoint(String),
}

/// Where a resolved value came from; `configure list` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    CommandLine,
    Environment(&'static str),
    ConfigFile,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved<T> {
    pub value: T,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryMode {
    Standard,
    Adaptive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryConfig {
    pub mode: RetryMode,
    /// Total attempts, the first included.
    pub max_attempts: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// v2's default: ISO 8601 with `+00:00`.
    Iso8601,
    /// Exactly what the service sent.
    Wire,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    On,
    Off,
    Auto,
}

#[derive(Debug, Clone, Default)]
pub struct Tls {
    pub verify: bool,
    pub ca_bundle: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// `None` means no limit (the option's `0`).
    pub connect: Option<Duration>,
    pub read: Option<Duration>,
}

impl Timeouts {
    /// `--cli-connect-timeout` and `--cli-read-timeout`: 60 seconds each by default.
    fn from_args(args: &GlobalArgs) -> Timeouts {
        let seconds = |value: Option<u64>| match value.unwrap_or(60) {
            0 => None,
            n => Some(Duration::from_secs(n)),
        };
        Timeouts {
            connect: seconds(args.cli_connect_timeout),
            read: seconds(args.cli_read_timeout),
        }
    }
}

impl ColorChoice {
    /// `--color on|off|auto`, `auto` when absent.
    fn from_args(args: &GlobalArgs) -> ColorChoice {
        match args.color.as_deref() {
            Some("on") => ColorChoice::On,
            Some("off") => ColorChoice::Off,
            _ => ColorChoice::Auto,
        }
    }
}

/// Everything a command needs to know about how to run, resolved once.
#[derive(Clone)]
pub struct Settings {
    pub profile: String,
    /// `--profile` was given on the command line (this removes env credentials from the chain).
    pub profile_from_cli: bool,
    pub region: Option<Resolved<String>>,
    pub output: OutputFormat,
    /// `output` was set (option, environment or profile) rather than defaulted to json:
    /// commands with a human format of their own (`configure doctor`) use it only then.
    pub output_configured: bool,
    pub query: Option<Query>,
    pub endpoint_url_option: Option<String>,
    pub tls: Tls,
    pub paginate: bool,
    pub sign_requests: bool,
    pub debug: bool,
    pub timeouts: Timeouts,
    pub color: ColorChoice,
    pub retry: RetryConfig,
    /// The test hook `AWSCTL_TEST_CLOCK_OFFSET_SECONDS`: seconds the signing clock is shifted
    /// by, to play a machine with a wrong clock (docs/reliability.md).
    pub clock_shift_seconds: i64,
    pub timestamp_format: TimestampFormat,
    pub files: SharedConfig,
    /// The selected profile's keys (config file, then credentials file overriding).
    pub profile_config: HashMap<String, String>,
    services: Option<HashMap<String, String>>,
    /// FIPS, dual-stack, STS's and S3's endpoint switches.
    pub endpoint: EndpointConfig,
    pub env: Env,
}

/// Without the profile's keys and the environment's values, which may be secrets.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("profile", &self.profile)
            .field("region", &self.region)
            .field("output", &self.output)
            .field("retry", &self.retry)
            .field("files", &self.files)
            .field("env", &self.env)
            .finish_non_exhaustive()
    }
}

impl Settings {
    pub fn resolve(args: &GlobalArgs, env: Env) -> Result<Settings, SettingsError> {
        let (config_path, credentials_path) = config::file_paths(&env);
        let files = SharedConfig::load(&config_path, &credentials_path)?;
        Self::resolve_with_files(args, env, files)
    }

    pub fn resolve_with_files(
        args: &GlobalArgs,
        env: Env,
        files: SharedConfig,
    ) -> Result<Settings, SettingsError> {
        let explicit_profile = explicit_profile(args, &env);
        if let Some(name) = &explicit_profile
            && !files.profile_exists(name)
        {
            return Err(SettingsError::ProfileNotFound(name.clone()));
        }
        let profile = explicit_profile.unwrap_or_else(|| "default".to_string());
        let profile_config = files.scoped(&profile);
        let lookup = Lookup {
            args,
            env: &env,
            profile: &profile_config,
        };

        let region = lookup.region()?;
        let (output, output_configured) = lookup.output()?;
        let query = args.query.as_deref().map(Query::compile).transpose()?;
        let retry = lookup.retry()?;
        let clock_shift_seconds = clock_shift(&env)?;
        let timestamp_format = lookup.timestamp_format()?;
        let ca_bundle = lookup.ca_bundle();
        let services = services_section(&files, &profile_config)?;
        let endpoint = EndpointConfig::resolve(&env, &profile_config);
        Ok(Settings {
            profile_from_cli: args.profile.is_some(),
            profile,
            region,
            output,
            output_configured,
            query,
            endpoint_url_option: args.endpoint_url.clone(),
            tls: Tls {
                verify: !args.no_verify_ssl,
                ca_bundle,
            },
            paginate: !args.no_paginate,
            sign_requests: !args.no_sign_request,
            debug: args.debug,
            timeouts: Timeouts::from_args(args),
            color: ColorChoice::from_args(args),
            retry,
            clock_shift_seconds,
            timestamp_format,
            files,
            profile_config,
            services,
            endpoint,
            env,
        })
    }

    /// The settings of a client the CLI makes for itself (the SSO and SSO-OIDC clients of the
    /// credential chain and of `sso login`): in `region`, unsigned, without `--endpoint-url`
    /// or `--query` (those are the command's own), everything else (endpoint variables,
    /// TLS, timeouts, retries, `--debug`) as the command's.
    pub fn for_internal_client(&self, region: &str) -> Settings {
        Settings {
            region: Some(Resolved {
                value: region.to_string(),
                origin: Origin::ConfigFile,
            }),
            endpoint_url_option: None,
            query: None,
            sign_requests: false,
            ..self.clone()
        }
    }

    /// The endpoint URL configured for a service, if any, in the AWS CLI v2's order (its
    /// "service-specific endpoints" configuration, in the AWS SDKs and Tools Reference Guide):
    /// `--endpoint-url`, then `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's
    /// `[services]` block, the profile's `endpoint_url`; all but the option can be switched off
    /// with `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` / `ignore_configured_endpoint_urls`.
    /// `service_id` is the service's id as in `AWS_ENDPOINT_URL_<ID>`, e.g. `STS`, `SERVICE_QUOTAS`.
    pub fn endpoint_url(&self, service_id: &str) -> Option<String> {
        self.endpoint_url_option
            .clone()
            .or_else(|| self.configured_endpoint_url(service_id))
    }

    /// The endpoint from the environment and the profile only, without `--endpoint-url`: what
    /// clients other than the command's own use (the STS client of the credential chain).
    pub fn configured_endpoint_url(&self, service_id: &str) -> Option<String> {
        let ignore = self
            .env
            .get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
            .map(|v| v.eq_ignore_ascii_case("true"))
            .unwrap_or_else(|| {
                self.profile_config
                    .get("ignore_configured_endpoint_urls")
                    .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            });
        if ignore {
            return None;
        }
        let from_env = self
            .env
            .get(&format!("AWS_ENDPOINT_URL_{service_id}"))
            .or_else(|| self.env.get("AWS_ENDPOINT_URL"));
        let block_key = service_id.to_ascii_lowercase();
        let from_services = self
            .services
            .as_ref()
            .and_then(|s| s.get(&block_key))
            .and_then(|block| parse_nested(block).remove("endpoint_url"));
        from_env
            .map(str::to_string)
            .or(from_services)
            .or_else(|| self.profile_config.get("endpoint_url").cloned())
    }
}

/// The profile named by `--profile`, `AWS_PROFILE` or `AWS_DEFAULT_PROFILE`, in v2's order
/// (v1 read `AWS_DEFAULT_PROFILE` first); `None` means `default`, implicitly.
pub fn explicit_profile(args: &GlobalArgs, env: &Env) -> Option<String> {
    args.profile
        .clone()
        .or_else(|| env.get("AWS_PROFILE").map(str::to_string))
        .or_else(|| env.get("AWS_DEFAULT_PROFILE").map(str::to_string))
}

/// One setting's lookup through option, environment and profile.
struct Lookup<'a> {
    args: &'a GlobalArgs,
    env: &'a Env,
    profile: &'a HashMap<String, String>,
}

impl Lookup<'_> {
    /// The option, else the first of `env_vars` that is set, else the profile's `key`.
    fn string(
        &self,
        env_vars: &[&'static str],
        key: &str,
        option: Option<&str>,
    ) -> Option<Resolved<String>> {
        if let Some(v) = option {
            return Some(Resolved {
                value: v.to_string(),
                origin: Origin::CommandLine,
            });
        }
        for var in env_vars {
            if let Some(v) = self.env.get(var) {
                return Some(Resolved {
                    value: v.to_string(),
                    origin: Origin::Environment(var),
                });
            }
        }
        self.profile
            .get(key)
            .filter(|v| !v.is_empty())
            .map(|v| Resolved {
                value: v.clone(),
                origin: Origin::ConfigFile,
            })
    }

    /// v2: `--region` > `AWS_REGION` > `AWS_DEFAULT_REGION` > profile `region`.
    fn region(&self) -> Result<Option<Resolved<String>>, SettingsError> {
        let resolved = self.string(
            &["AWS_REGION", "AWS_DEFAULT_REGION"],
            "region",
            self.args.region.as_deref(),
        );
        if let Some(r) = &resolved
            && !valid_region(&r.value)
        {
            return Err(SettingsError::InvalidRegion(r.value.clone()));
        }
        Ok(resolved)
    }

    /// `--output` > `AWS_DEFAULT_OUTPUT` > profile `output`, else JSON; and whether it was
    /// configured at all.
    fn output(&self) -> Result<(OutputFormat, bool), SettingsError> {
        let configured = self.string(
            &["AWS_DEFAULT_OUTPUT"],
            "output",
            self.args.output.as_deref(),
        );
        let output = match &configured {
            Some(r) => r
                .value
                .parse()
                .map_err(|_| SettingsError::InvalidOutput(r.value.clone()))?,
            None => OutputFormat::Json,
        };
        Ok((output, configured.is_some()))
    }

    /// The profile's `cli_timestamp_format`: `iso8601` (the default), or `wire` (`none` is
    /// taken as `wire`).
    fn timestamp_format(&self) -> Result<TimestampFormat, SettingsError> {
        match self.profile.get("cli_timestamp_format").map(String::as_str) {
            None | Some("iso8601") => Ok(TimestampFormat::Iso8601),
            Some("wire") | Some("none") => Ok(TimestampFormat::Wire),
            Some(other) => Err(SettingsError::InvalidTimestampFormat(other.to_string())),
        }
    }

    /// `--ca-bundle` > `AWS_CA_BUNDLE` > profile `ca_bundle`, `~` expanded.
    fn ca_bundle(&self) -> Option<PathBuf> {
        self.args
            .ca_bundle
            .clone()
            .or_else(|| {
                self.env
                    .get("AWS_CA_BUNDLE")
                    .map(|p| self.env.expand_tilde(p))
            })
            .or_else(|| {
                self.profile
                    .get("ca_bundle")
                    .map(|p| self.env.expand_tilde(p))
            })
    }

    fn retry(&self) -> Result<RetryConfig, SettingsError> {
        let mode = match self.string(&["AWS_RETRY_MODE"], "retry_mode", None) {
            None => RetryMode::Standard,
            Some(r) => match r.value.as_str() {
                "standard" => RetryMode::Standard,
                "adaptive" => RetryMode::Adaptive,
                _ => return Err(SettingsError::InvalidRetryMode(r.value)),
            },
        };
        let max_attempts = match self.string(&["AWS_MAX_ATTEMPTS"], "max_attempts", None) {
            None => 3,
            Some(r) => match r.value.trim().parse::<u32>() {
                Ok(n) if n >= 1 => n,
                _ => return Err(SettingsError::InvalidMaxAttempts(r.value)),
            },
        };
        Ok(RetryConfig { mode, max_attempts })
    }
}

/// The test hook's clock shift in seconds (see `crate::http::clock`), 0 when unset.
fn clock_shift(env: &Env) -> Result<i64, SettingsError> {
    match env.get(crate::http::clock::TEST_OFFSET_VARIABLE) {
        None => Ok(0),
        Some(v) => v
            .trim()
            .parse()
            .map_err(|_| SettingsError::InvalidClockShift(v.to_string())),
    }
}

/// The `[services NAME]` section the profile's `services` names, which must exist.
fn services_section(
    files: &SharedConfig,
    profile_config: &HashMap<String, String>,
) -> Result<Option<HashMap<String, String>>, SettingsError> {
    match profile_config.get("services") {
        Some(name) => files
            .services_section(name)
            .map(Some)
            .ok_or_else(|| SettingsError::MissingServicesSection(name.clone())),
        None => Ok(None),
    }
}

/// botocore's rule: a DNS label of letters, digits and hyphens, at most 63 characters.
pub fn valid_region(region: &str) -> bool {
    let bytes = region.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

mod endpoint_config;
pub use endpoint_config::{EndpointConfig, InvalidEndpointSetting, env_service_id};

#[cfg(test)]
mod tests;
