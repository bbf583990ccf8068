//! Credentials and the provider chain that finds them. Each source is its own module and
//! names itself, so that every resolved credential knows where it came from.

mod chain;
mod environment;
mod profile_keys;

use time::OffsetDateTime;

use crate::secret::Secret;

pub use chain::{ChainContext, resolve};

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

/// The sources of the chain, in the AWS CLI's order (aws-cli-behaviour.md section 5.1).
/// `name()` is what `configure list` shows in its Type column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Environment,
    SharedCredentialsFile,
    ConfigFile,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::Environment => "env",
            Source::SharedCredentialsFile => "shared-credentials-file",
            Source::ConfigFile => "config-file",
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
}
