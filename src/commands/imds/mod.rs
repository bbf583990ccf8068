//! `awsctl imds ...`

mod get;

use super::Outcome;
use crate::cli::ImdsCommand;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    command: &ImdsCommand,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match command {
        ImdsCommand::Get { path, recursive } => get::run(session, path, *recursive, printer).await,
    }
}
