//! `awsctl iam create-access-key`: the response holds the new secret key, which the CLI prints
//! (it is the only time the service returns it).

use crate::cli::iam::OptionalUserArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::params::Validator;
use crate::services::Session;
use crate::services::iam::create_access_key::{OPERATION, run as call};

pub async fn run(args: &OptionalUserArgs, session: &Session<'_>) -> Result<Outcome, Error> {
    Validator::default()
        .min_length("UserName", args.user_name.as_deref(), 1)
        .finish()?;
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session, args.user_name.as_ref()).await?,
    })
}
