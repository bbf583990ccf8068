//! `awsctl logs ...`

mod tail;
mod tail_format;

use super::Outcome;
use crate::cli::logs::LogsCommand;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    command: &LogsCommand,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match command {
        LogsCommand::Tail(args) => tail::run(args, session, printer).await,
    }
}
