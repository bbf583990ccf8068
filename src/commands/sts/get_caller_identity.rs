//! `awsctl sts get-caller-identity`

use crate::commands::Outcome;
use crate::error::Error;
use crate::services::Session;
use crate::services::sts::get_caller_identity::{OPERATION, call};

pub async fn run(session: &Session<'_>) -> Result<Outcome, Error> {
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session).await?,
    })
}
