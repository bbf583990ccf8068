//! `awsctl iam list-users`: all pages (`--no-paginate`: the first).

use crate::cli::iam::ListUsersArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::params::Validator;
use crate::services::Session;
use crate::services::iam::list_users::{OPERATION, run as call};

pub async fn run(args: &ListUsersArgs, session: &Session<'_>) -> Result<Outcome, Error> {
    Validator::default()
        .min_length("PathPrefix", args.path_prefix.as_deref(), 1)
        .finish()?;
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session, args.path_prefix.as_ref()).await?,
    })
}
