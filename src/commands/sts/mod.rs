//! `awsctl sts ...`

mod get_caller_identity;

use super::Outcome;
use crate::cli::StsCommand;
use crate::error::Error;
use crate::services::Session;

pub async fn run(command: &StsCommand, session: &Session<'_>) -> Result<Outcome, Error> {
    match command {
        StsCommand::GetCallerIdentity => get_caller_identity::run(session).await,
    }
}
