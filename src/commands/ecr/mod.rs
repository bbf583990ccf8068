//! `awsctl ecr ...`

pub mod get_login_password;

use super::Outcome;
use crate::cli::ecr::EcrCommand;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    command: &EcrCommand,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match command {
        EcrCommand::GetLoginPassword => get_login_password::run(session, printer).await,
    }
}
