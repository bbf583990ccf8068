//! `awsctl iam attach-user-policy`: prints nothing on success.

use crate::cli::iam::AttachUserPolicyArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::params::Validator;
use crate::services::Session;
use crate::services::iam::attach_user_policy::{OPERATION, run as call};

pub async fn run(args: &AttachUserPolicyArgs, session: &Session<'_>) -> Result<Outcome, Error> {
    Validator::default()
        .min_length("UserName", Some(&args.user_name), 1)
        .min_length("PolicyArn", Some(&args.policy_arn), 20)
        .finish()?;
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session, &args.user_name, &args.policy_arn).await?,
    })
}
