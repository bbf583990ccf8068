//! `awsctl imds ...`: reading instance metadata safely (IMDSv2, short timeouts).

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct ImdsArgs {
    #[command(subcommand)]
    pub command: ImdsCommand,
}

#[derive(Subcommand, Debug)]
pub enum ImdsCommand {
    /// Reads a path under /latest/, e.g. meta-data/instance-id, meta-data/, user-data,
    /// dynamic/instance-identity/document.
    Get {
        /// The path under /latest/ (a trailing / lists the children).
        path: String,
        /// Read the whole tree below a listing path and print it as JSON.
        #[arg(long)]
        recursive: bool,
    },
}
