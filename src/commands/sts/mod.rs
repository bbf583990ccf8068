//! `awsctl sts ...`

mod decode_authorization_message;
mod explain;

use super::Outcome;
use crate::cli::StsCommand;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    command: &StsCommand,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match command {
        StsCommand::DecodeAuthorizationMessage(args) => {
            decode_authorization_message::run(args, session, printer).await
        }
    }
}
