//! One function per leaf command; each returns what should be printed, never prints itself.

pub mod sts;

use serde_json::Value;

use crate::cli::Command;
use crate::error::Error;
use crate::services::Session;

/// What a command produced.
pub enum Outcome {
    /// An API response, to be filtered by `--query` and rendered in the `--output` format.
    Response {
        operation: &'static str,
        value: Value,
    },
}

pub async fn run(command: &Command, session: &Session<'_>) -> Result<Outcome, Error> {
    match command {
        Command::Sts(args) => sts::run(&args.command, session).await,
    }
}
