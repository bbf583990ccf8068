//! Credentials and the provider chain that finds them. Each source is its own module and
//! names itself, so that every resolved credential knows where it came from.

pub mod cache;
mod chain;
mod container;
mod context;
mod environment;
mod instance_profile;
mod process;
mod profile_keys;
pub mod prompt;
pub mod role_plan;
mod role_runner;
mod sso;
mod sts_answer;
mod web_identity;

use time::OffsetDateTime;

use crate::secret::Secret;

pub use cache::dir as role_cache_dir;
pub use chain::resolve;
pub use context::ChainContext;
pub use role_plan::needs_mfa;
pub use sso::is_sso_cache_entry;
pub use sts_answer::credentials_from_response;

/// A set of AWS credentials and the name of the source that produced it.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Option<Secret>,
    pub expiration: Option<OffsetDateTime>,
    pub account_id: Option<String>,
    pub source: Source,
}

/// The sources of the chain, in the AWS CLI v2's order (see `chain.rs`).
/// `name()` is what `configure list` shows in its Type column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Environment,
    AssumeRole,
    AssumeRoleWithWebIdentity,
    Sso,
    SharedCredentialsFile,
    CustomProcess,
    ConfigFile,
    ContainerRole,
    IamRole,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::Environment => "env",
            Source::AssumeRole => "assume-role",
            Source::AssumeRoleWithWebIdentity => "assume-role-with-web-identity",
            Source::Sso => "sso",
            Source::SharedCredentialsFile => "shared-credentials-file",
            Source::CustomProcess => "custom-process",
            Source::ConfigFile => "config-file",
            Source::ContainerRole => "container-role",
            Source::IamRole => "iam-role",
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CredentialsError {
    /// No source had anything: the CLI's NoCredentialsError (exit 253).
    #[error(
        "Unable to locate credentials. You can configure credentials by running \"awsctl configure\"."
    )]
    NotFound,
    /// A source was configured but incomplete; the chain stops here as the CLI's does.
    #[error("Partial credentials found in {provider}, missing: {missing}")]
    Partial {
        provider: &'static str,
        missing: &'static str,
    },
    #[error("Invalid credential expiration in {provider}: {value}")]
    InvalidExpiration {
        provider: &'static str,
        value: String,
    },
    /// A profile's role settings do not add up.
    #[error("{0}")]
    InvalidConfig(String),
    #[error(
        "Infinite loop in credential configuration detected. Attempting to load from profile {profile} which has already been visited. Visited profiles: [{}]",
        visited.iter().map(|p| format!("'{p}'")).collect::<Vec<_>>().join(", ")
    )]
    InfiniteLoop {
        profile: String,
        visited: Vec<String>,
    },
    /// A source that was configured failed to deliver (process, container, IMDS when named).
    #[error("Error when retrieving credentials from {provider}: {message}")]
    Retrieval {
        provider: &'static str,
        message: String,
    },
    #[error(
        "Unsupported host '{0}'.  Can only retrieve metadata from a loopback address or one of these hosts: 169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost"
    )]
    UnsupportedContainerHost(String),
    #[error("Auth token value is not a legal header value")]
    IllegalAuthToken,
    #[error("Credentials were refreshed, but the refreshed credentials are still expired.")]
    StillExpired,
    /// Role credentials that needed an MFA code cannot be renewed without asking again.
    #[error("Cannot refresh credentials: MFA token required.")]
    MfaRefreshUnsupported,
    /// No usable SSO token in the cache (botocore's SSOTokenLoadError).
    #[error("Error loading SSO Token: {0}")]
    SsoTokenLoad(String),
    /// The SSO token expired and could not be refreshed (botocore's TokenRetrievalError).
    #[error("Error when retrieving token from sso: {0}")]
    SsoTokenRetrieval(String),
    /// The portal refused the token, or a legacy profile's token expired.
    #[error(
        "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run awsctl sso login with the corresponding profile."
    )]
    UnauthorizedSsoToken,
}
