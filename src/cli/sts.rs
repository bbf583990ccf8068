//! `awsctl sts ...`: the STS commands awsctl writes by hand (the others come from the model).

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct StsArgs {
    #[command(subcommand)]
    pub command: StsCommand,
}

#[derive(Subcommand, Debug)]
pub enum StsCommand {
    /// Decodes the encoded message of an authorization failure.
    DecodeAuthorizationMessage(DecodeAuthorizationMessageArgs),
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
