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
}
