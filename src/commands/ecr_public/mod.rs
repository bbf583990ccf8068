//! `awsctl ecr-public ...`

mod get_login_password;

use super::Outcome;
use crate::cli::ecr::EcrPublicCommand;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    command: &EcrPublicCommand,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match command {
        EcrPublicCommand::GetLoginPassword => get_login_password::run(session, printer).await,
    }
}
