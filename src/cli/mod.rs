//! The clap command tree: global options and one enum per service. Types only, no logic.

pub mod cloudformation;
pub mod codeartifact;
mod configure;
pub mod ecr;
pub mod eks;
pub mod iam;
mod imds;
pub mod logs;
mod paging;
pub mod rds;
mod s3;
pub mod sso;
pub mod sts;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

pub use configure::{ConfigureArgs, ConfigureCommand, ExportFormat};
pub use imds::{ImdsArgs, ImdsCommand};
pub use paging::PagingArgs;
pub use s3::{
    CpArgs, FilterArgs, FilterKind, LsArgs, MbArgs, MvArgs, PresignArgs, RbArgs, RmArgs, S3Args,
    S3Command, SyncArgs, TransferArgs,
};
pub use sso::{LoginArgs, SsoArgs, SsoCommand};
pub use sts::{StsArgs, StsCommand};

#[derive(Parser, Debug)]
#[command(
    name = "awsctl",
    about = "A fast, faithful reimplementation of the AWS CLI",
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Every service and command, from the models: awsctl help, awsctl <command> help, \
                  awsctl <command> <subcommand> help"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The AWS CLI's global options; accepted before or after the command, as the CLI does.
#[derive(Args, Debug, Default, Clone)]
pub struct GlobalArgs {
    /// Use a specific profile from your credential file.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// The region to use. Overrides config/env settings.
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// The formatting style for command output.
    #[arg(long, global = true, value_parser = ["json", "text", "table", "yaml", "yaml-stream", "off"])]
    pub output: Option<String>,
    /// A JMESPath query to use in filtering the response data.
    #[arg(long, global = true, value_name = "JMESPATH")]
    pub query: Option<String>,
    /// Override the command's default URL with the given URL.
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// Do not verify TLS certificates.
    #[arg(long, global = true)]
    pub no_verify_ssl: bool,
    /// The CA certificate bundle to use when verifying TLS certificates.
    #[arg(long, global = true, value_name = "PATH")]
    pub ca_bundle: Option<PathBuf>,
    /// Disable automatic pagination (only the first page is fetched).
    #[arg(long, global = true)]
    pub no_paginate: bool,
    /// Do not sign requests; credentials are not loaded.
    #[arg(long, global = true)]
    pub no_sign_request: bool,
    /// Turn on debug logging to stderr (secrets are redacted).
    #[arg(long, global = true)]
    pub debug: bool,
    /// The maximum socket read time in seconds (0 = no limit, default 60).
    #[arg(long, global = true, value_name = "SECONDS")]
    pub cli_read_timeout: Option<u64>,
    /// The maximum socket connect time in seconds (0 = no limit, default 60).
    #[arg(long, global = true, value_name = "SECONDS")]
    pub cli_connect_timeout: Option<u64>,
    /// Turn on/off color output.
    #[arg(long, global = true, value_parser = ["on", "off", "auto"])]
    pub color: Option<String>,
    /// Do not send output through a pager (on a terminal it goes through AWS_PAGER, cli_pager or PAGER).
    #[arg(long, global = true)]
    pub no_cli_pager: bool,
    /// How blob parameters are read: base64 (the default) or raw text.
    #[arg(long, global = true, value_parser = ["base64", "raw-in-base64-out"])]
    pub cli_binary_format: Option<String>,
    /// How errors are printed: enhanced (the default), legacy, or as a json, yaml, text or table document.
    #[arg(long, global = true, value_parser = ["legacy", "json", "yaml", "text", "table", "enhanced"])]
    pub cli_error_format: Option<String>,
    /// Automatic prompting is not offered; accepted so scripts that turn it off keep working.
    #[arg(long, global = true)]
    pub no_cli_auto_prompt: bool,
    /// Display the version of this tool.
    #[arg(long)]
    pub version: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Configure awsctl (keys, region, output, any setting of the files) and see what is in use.
    Configure(ConfigureArgs),
    /// AWS Security Token Service.
    Sts(StsArgs),
    /// Amazon ECR: the registry login password.
    Ecr(ecr::EcrArgs),
    /// Amazon ECR Public: the public registry login password.
    EcrPublic(ecr::EcrPublicArgs),
    /// Instance metadata (EC2), read with IMDSv2.
    Imds(ImdsArgs),
    /// AWS CodeArtifact: package tool logins.
    Codeartifact(codeartifact::CodeartifactArgs),
    /// Amazon EKS: cluster tokens and kubeconfig entries.
    Eks(eks::EksArgs),
    /// Amazon CloudWatch Logs: tail a log group.
    Logs(logs::LogsArgs),
    /// Amazon RDS: IAM database authentication tokens.
    Rds(rds::RdsArgs),
    /// Amazon S3 high-level commands.
    S3(Box<S3Args>),
    /// AWS Identity and Access Management: users, policies, and the policy simulator.
    Iam(iam::IamArgs),
    /// AWS CloudFormation: `deploy` and `package`.
    Cloudformation(cloudformation::CloudformationArgs),
    /// IAM Identity Center: sign in and out (the portal's operations come from the model).
    Sso(SsoArgs),
}
