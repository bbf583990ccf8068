//! What endpoint resolution can fail with: a rule's own error (its text is what the AWS CLI
//! prints), bad parameters, and results awsctl cannot use yet.

use super::RuleSetError;

/// Why no endpoint could be chosen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    /// An error rule matched: the text is the rule set's, e.g. "Invalid Configuration:
    /// FIPS and custom endpoint are not supported".
    #[error("{0}")]
    Rule(String),
    /// What `resolve` gives for a rule error: the text as the AWS CLI shows it (a few S3
    /// and S3 Control errors carry an extra prefix).
    #[error("{0}")]
    Refused(String),
    /// No region is configured and the service has no global endpoint.
    #[error("You must specify a region.")]
    NoRegion,
    #[error("the service model cannot be read: {0}")]
    Model(String),
    #[error("no endpoint rule matched the request's parameters")]
    NoRuleMatched,
    #[error("the endpoint parameter {0} is required and has no value")]
    MissingParameter(String),
    #[error("the endpoint parameter {name} must be a {expected}")]
    WrongType {
        name: String,
        expected: &'static str,
    },
    #[error("the endpoint rules gave an unusable result: {0}")]
    BadResult(&'static str),
    #[error(transparent)]
    RuleSet(#[from] RuleSetError),
    /// The rules require a signature awsctl does not make yet (`sigv4a` for multi-region
    /// access points, `sigv4-s3express` for S3 directory buckets).
    #[error(
        "this request needs the {scheme} signature (from the endpoint rules), which awsctl does not support yet"
    )]
    UnsupportedAuth { scheme: String },
}
