//! `awsctl iam list-attached-user-policies`: all pages (`--no-paginate`: the first).

use crate::cli::iam::ListAttachedUserPoliciesArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::params::Validator;
use crate::services::Session;
use crate::services::iam::list_attached_user_policies::{OPERATION, run as call};

pub async fn run(
    args: &ListAttachedUserPoliciesArgs,
    session: &Session<'_>,
) -> Result<Outcome, Error> {
    Validator::default()
        .min_length("UserName", Some(&args.user_name), 1)
        .min_length("PathPrefix", args.path_prefix.as_deref(), 1)
        .finish()?;
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session, &args.user_name, args.path_prefix.as_ref()).await?,
    })
}
