//! `awsctl sts ...`: the STS operations awsctl implements.

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct StsArgs {
    #[command(subcommand)]
    pub command: StsCommand,
}

#[derive(Subcommand, Debug)]
pub enum StsCommand {
    /// Returns details about the IAM user or role whose credentials are used to call the operation.
    GetCallerIdentity,
    /// Returns temporary credentials for an IAM user, with MFA when the serial and code are given.
    GetSessionToken(GetSessionTokenArgs),
    /// Returns temporary credentials for a role.
    AssumeRole(Box<AssumeRoleArgs>),
    /// Decodes the encoded message of an authorization failure.
    DecodeAuthorizationMessage(DecodeAuthorizationMessageArgs),
}

#[derive(Args, Debug)]
pub struct GetSessionTokenArgs {
    /// Seconds the credentials last (900 to 129600; the service's default is 43200).
    #[arg(long)]
    pub duration_seconds: Option<String>,
    /// The MFA device's serial number or ARN.
    #[arg(long)]
    pub serial_number: Option<String>,
    /// The MFA device's current code.
    #[arg(long)]
    pub token_code: Option<String>,
}

#[derive(Args, Debug)]
pub struct AssumeRoleArgs {
    #[arg(long, required = true)]
    pub role_arn: String,
    #[arg(long, required = true)]
    pub role_session_name: String,
    /// Managed policies to use as session policies: `arn=ARN ...` or JSON.
    #[arg(long, num_args = 1..)]
    pub policy_arns: Vec<String>,
    /// An inline session policy (JSON, or file://PATH).
    #[arg(long)]
    pub policy: Option<String>,
    #[arg(long)]
    pub duration_seconds: Option<String>,
    /// Session tags: `Key=k,Value=v ...` or JSON.
    #[arg(long, num_args = 1..)]
    pub tags: Vec<String>,
    #[arg(long, num_args = 1..)]
    pub transitive_tag_keys: Vec<String>,
    #[arg(long)]
    pub external_id: Option<String>,
    #[arg(long)]
    pub serial_number: Option<String>,
    #[arg(long)]
    pub token_code: Option<String>,
    #[arg(long)]
    pub source_identity: Option<String>,
}

#[derive(Args, Debug)]
pub struct DecodeAuthorizationMessageArgs {
    /// The encoded message from an authorization failure.
    #[arg(long, required = true)]
    pub encoded_message: String,
    /// Beyond the CLI: print the decoded document indented, then a plain summary of the decision.
    #[arg(long)]
    pub explain: bool,
}
