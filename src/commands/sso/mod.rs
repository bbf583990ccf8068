//! `awsctl sso login|logout`

mod login;
mod logout;

use super::Outcome;
use crate::cli::SsoCommand;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    command: &SsoCommand,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match command {
        SsoCommand::Login(args) => login::run(args, session, printer).await,
        SsoCommand::Logout => logout::run(session).await,
    }
}
