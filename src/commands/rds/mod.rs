//! `awsctl rds ...`

mod generate_db_auth_token;

use super::Outcome;
use crate::cli::rds::RdsCommand;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    command: &RdsCommand,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match command {
        RdsCommand::GenerateDbAuthToken(args) => {
            generate_db_auth_token::run(args, session, printer).await
        }
    }
}
