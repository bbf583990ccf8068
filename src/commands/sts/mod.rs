//! `awsctl sts ...`

mod assume_role;
mod decode_authorization_message;
mod explain;
mod get_caller_identity;
mod get_session_token;

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
        StsCommand::GetCallerIdentity => get_caller_identity::run(session).await,
        StsCommand::GetSessionToken(args) => get_session_token::run(args, session).await,
        StsCommand::AssumeRole(args) => assume_role::run(args, session).await,
        StsCommand::DecodeAuthorizationMessage(args) => {
            decode_authorization_message::run(args, session, printer).await
        }
    }
}
