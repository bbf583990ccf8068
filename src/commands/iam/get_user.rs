//! `awsctl iam get-user`

use crate::cli::iam::OptionalUserArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::params::Validator;
use crate::services::Session;
use crate::services::iam::get_user::{OPERATION, run as call};

pub async fn run(args: &OptionalUserArgs, session: &Session<'_>) -> Result<Outcome, Error> {
    Validator::default()
        .min_length("UserName", args.user_name.as_deref(), 1)
        .finish()?;
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session, args.user_name.as_ref()).await?,
    })
}
