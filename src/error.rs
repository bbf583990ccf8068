//! Every error awsctl can end with, its AWS CLI v2 exit code, and its text. This is the one
//! place that decides how a failure looks to the user: the AWS CLI v2's error text and exit codes.

use crate::credentials::CredentialsError;
use crate::output::QueryError;
use crate::settings::SettingsError;

/// The v2 return codes.
pub mod exit {
    pub const SERVICE_OR_S3_FAILURE: u8 = 1;
    pub const PARAM_VALIDATION: u8 = 252;
    pub const CONFIGURATION: u8 = 253;
    pub const CLIENT_ERROR: u8 = 254;
    pub const GENERAL: u8 = 255;
    pub const INTERRUPTED: u8 = 130;
}

/// The prefix v2 (2.34 and later) puts before every error it reports on stderr.
pub const ERROR_PREFIX: &str = "aws: [ERROR]: ";

/// The service said no: an error response, after any retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    pub code: String,
    pub message: Option<String>,
    pub operation: &'static str,
    pub status: u16,
    pub request_id: Option<String>,
    /// Set when retries ran out on a retryable error: the number of retries made.
    pub retries_exhausted: Option<u32>,
    /// The error's other modeled members (those of the operation's error shape besides
    /// the code and message), parsed by the model-driven codecs; empty otherwise. They are
    /// not part of the message the CLI prints.
    pub fields: Box<serde_json::Map<String, serde_json::Value>>,
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "An error occurred ({}) when calling the {} operation",
            self.code, self.operation
        )?;
        if let Some(n) = self.retries_exhausted {
            write!(f, " (reached max retries: {n})")?;
        }
        write!(f, ": {}", self.message.as_deref().unwrap_or("Unknown"))
    }
}

/// The client failed before a service answered. The URL never carries a signature: only
/// header-signed requests reach the transport with their URL shown.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum TransportError {
    #[error("Could not connect to the endpoint URL: \"{0}\"")]
    Connect(String),
    #[error("Connect timeout on endpoint URL: \"{0}\"")]
    ConnectTimeout(String),
    #[error("Read timeout on endpoint URL: \"{0}\"")]
    ReadTimeout(String),
    #[error(
        "Connection was closed before we received a valid response from endpoint URL: \"{0}\"."
    )]
    Closed(String),
    /// A download resumed after a broken connection got an answer that does not carry on
    /// where the bytes stopped (the server ignored the Range); retried from the start.
    #[error("The server did not resume the interrupted response from endpoint URL: \"{0}\"")]
    ResumeRefused(String),
    #[error("SSL validation failed for {0} {1}")]
    Tls(String, String),
    #[error("Invalid endpoint: {0}")]
    InvalidEndpoint(String),
    /// A header value with characters HTTP forbids (a line break in a key or token, say); the
    /// value itself is not shown, it may be a secret.
    #[error("Invalid value for the {0} header: it contains characters HTTP does not allow")]
    InvalidHeader(String),
    #[error("Unable to load the CA bundle {0}: {1}")]
    CaBundle(String, String),
    /// An answer (other than an object's bytes) past what awsctl holds in memory.
    #[error(
        "The response from endpoint URL \"{0}\" is larger than {1} bytes, the most awsctl reads into memory"
    )]
    TooLarge(String, usize),
}

/// Why the config or credentials file could not be edited (`configure`, `configure set`).
/// Values are never part of these texts: they may be secrets.
#[derive(Debug, thiserror::Error)]
pub enum ConfigFileError {
    #[error("Invalid value for key {0}: newline characters and carriage returns are not allowed.")]
    NewlineInValue(String),
    /// The key as Python's `repr()` spells it.
    #[error("Invalid key: newline characters and carriage returns are not allowed: {0}")]
    NewlineInKey(String),
    /// The section name as Python's `repr()` spells it.
    #[error("Invalid section name: newline characters and carriage returns are not allowed: {0}")]
    NewlineInSection(String),
    #[error("Unable to read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("Unable to write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    /// Secrets are not written through a symbolic link: where it points, and that file's
    /// mode, are not awsctl's to vouch for.
    #[error(
        "Unable to write {path}: it is a symbolic link to {target}, and credentials are not written through a link. Replace the link with a regular file, or set AWS_SHARED_CREDENTIALS_FILE to the file itself."
    )]
    SecretsThroughLink { path: String, target: String },
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad parameters or syntax (exit 252); `usage` adds the usage block v2 prints.
    #[error("{message}")]
    ParamValidation { message: String, usage: bool },
    /// argparse refused the command line (exit 252): the message, then the usage block.
    #[error("{0}")]
    ArgParse(String),
    /// Arguments no parser recognised (exit 252): the usage block, then the message.
    #[error("Unknown options: {0}")]
    UnknownOptions(String),
    #[error(
        "You must specify a region. You can also configure your region by running \"awsctl configure\"."
    )]
    NoRegion,
    #[error(transparent)]
    Credentials(#[from] CredentialsError),
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The environment or configuration is not usable (exit 253), e.g. export-credentials
    /// finding nothing to export.
    #[error("{0}")]
    Configuration(String),
    #[error("{0}")]
    Signing(String),
    /// A model that cannot be read (a corrupt build): reported plainly, exit 255.
    #[error(transparent)]
    Model(#[from] crate::model::ModelError),
    /// Anything else the CLI reports plainly with exit 255.
    #[error("{0}")]
    General(String),
    #[error("Unable to parse response ({0}), invalid XML received")]
    InvalidResponse(String),
    #[error(transparent)]
    Imds(#[from] crate::imds::ImdsError),
    #[error(transparent)]
    ImdsConfig(#[from] crate::imds::ImdsConfigError),
    #[error("Unable to parse response ({0}), invalid JSON received")]
    InvalidJsonResponse(String),
    /// A body shorter than its object or range: the stream was cut (retried by transfers).
    #[error("{0}")]
    ShortBody(String),
    /// botocore's PaginationError: a paginator that cannot go on, or paging options that
    /// contradict each other.
    #[error("Error during pagination: {0}")]
    Pagination(String),
    #[error("Bad starting token: {0}")]
    BadStartingToken(String),
    /// A value that Python's `int()`/`float()` would refuse, with Python's message.
    #[error("{0}")]
    Conversion(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    ConfigFile(#[from] ConfigFileError),
    /// Standard input ended before an interactive prompt was answered (Python's `EOFError`).
    #[error("EOF when reading a line")]
    StdinEof,
    /// `configure get|set profile.NAME` without a key: the CLI fails on the missing part with
    /// Python's `IndexError`, and so does awsctl, with the same text.
    #[error("list index out of range")]
    MissingVarnamePart,
}

impl std::error::Error for ServiceError {}

impl From<QueryError> for Error {
    fn from(e: QueryError) -> Self {
        Error::Settings(SettingsError::Query(e))
    }
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::ParamValidation { .. }
            | Error::ArgParse(_)
            | Error::UnknownOptions(_)
            | Error::Settings(SettingsError::Query(_)) => exit::PARAM_VALIDATION,
            Error::NoRegion
            | Error::Credentials(CredentialsError::NotFound)
            | Error::Configuration(_) => exit::CONFIGURATION,
            Error::Settings(SettingsError::InvalidTimestampFormat(_)) => exit::CONFIGURATION,
            Error::Service(_) => exit::CLIENT_ERROR,
            _ => exit::GENERAL,
        }
    }

    /// The synthetic code v2's enhanced format gives CLI-side errors, if any.
    fn synthetic_code(&self) -> Option<&'static str> {
        match self {
            Error::ParamValidation { usage: false, .. }
            | Error::ArgParse(_)
            | Error::Settings(SettingsError::Query(_)) => Some("ParamValidation"),
            Error::NoRegion => Some("NoRegion"),
            Error::Credentials(CredentialsError::NotFound) => Some("NoCredentials"),
            Error::Settings(SettingsError::InvalidTimestampFormat(_)) => Some("Configuration"),
            _ => None,
        }
    }

    /// The whole text for stderr: a blank line, then the prefixed message, as v2 writes it.
    pub fn render(&self) -> String {
        let message = self.to_string();
        let body = match self.synthetic_code() {
            Some(code) => format!("An error occurred ({code}): {}", message.trim()),
            None => message.trim().to_string(),
        };
        match self {
            Error::ParamValidation { usage: true, .. } | Error::UnknownOptions(_) => {
                format!("\n{USAGE}\n\n{ERROR_PREFIX}{body}\n")
            }
            // argparse's `error()`: the message, a blank line, the usage; stripped, then
            // written as one error.
            Error::ArgParse(_) => format!("\n{ERROR_PREFIX}{body}\n\n{}\n", USAGE.trim_end()),
            _ => format!("\n{ERROR_PREFIX}{body}\n"),
        }
    }
}

/// The usage block v2 prints before argument errors, naming this tool.
pub const USAGE: &str =
    "usage: awsctl [options] <command> <subcommand> [<subcommand> ...] [parameters]
To see help text, you can run:

  awsctl help
  awsctl <command> help
  awsctl <command> <subcommand> help
";

#[cfg(test)]
mod tests {
    use super::*;

    fn service_error(retries: Option<u32>, message: Option<&str>) -> ServiceError {
        ServiceError {
            code: "Throttling".into(),
            message: message.map(str::to_string),
            operation: "DescribeInstances",
            status: 400,
            request_id: None,
            retries_exhausted: retries,
            fields: Default::default(),
        }
    }

    #[test]
    fn service_errors_read_as_botocore_client_errors() {
        let e = Error::Service(service_error(Some(2), Some("Rate exceeded")));
        assert_eq!(
            e.render(),
            "\naws: [ERROR]: An error occurred (Throttling) when calling the DescribeInstances operation (reached max retries: 2): Rate exceeded\n"
        );
        assert_eq!(e.exit_code(), 254);
        assert!(
            service_error(None, None)
                .to_string()
                .ends_with("operation: Unknown")
        );
    }

    #[test]
    fn configuration_errors_carry_synthetic_codes_and_253() {
        assert_eq!(
            Error::NoRegion.render(),
            "\naws: [ERROR]: An error occurred (NoRegion): You must specify a region. You can also configure your region by running \"awsctl configure\".\n"
        );
        let e = Error::Credentials(CredentialsError::NotFound);
        assert_eq!(e.exit_code(), 253);
        assert!(e.render().starts_with(
            "\naws: [ERROR]: An error occurred (NoCredentials): Unable to locate credentials."
        ));
    }

    #[test]
    fn general_errors_are_plain_and_255() {
        let e = Error::Settings(SettingsError::ProfileNotFound("nope".into()));
        assert_eq!(
            e.render(),
            "\naws: [ERROR]: The config profile (nope) could not be found\n"
        );
        assert_eq!(e.exit_code(), 255);
        let e = Error::Transport(TransportError::Connect("http://127.0.0.1:1/".into()));
        assert_eq!(
            e.render(),
            "\naws: [ERROR]: Could not connect to the endpoint URL: \"http://127.0.0.1:1/\"\n"
        );
        assert_eq!(e.exit_code(), 255);
    }
}
