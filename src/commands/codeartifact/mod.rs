//! `awsctl codeartifact ...`

mod login;
mod nuget;
mod pypirc;
mod tools;

use super::Outcome;
use crate::cli::codeartifact::CodeartifactCommand;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    command: &CodeartifactCommand,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match command {
        CodeartifactCommand::Login(args) => login::run(args, session, printer).await,
    }
}
