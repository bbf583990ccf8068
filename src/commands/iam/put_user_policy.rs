//! `awsctl iam put-user-policy`: prints nothing on success, as the CLI does for an empty
//! response.

use crate::cli::iam::PutUserPolicyArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::params::{self, Validator};
use crate::services::Session;
use crate::services::iam::put_user_policy::{OPERATION, run as call};

pub async fn run(args: &PutUserPolicyArgs, session: &Session<'_>) -> Result<Outcome, Error> {
    let document = params::read_text("--policy-document", &args.policy_document)?;
    Validator::default()
        .min_length("UserName", Some(&args.user_name), 1)
        .min_length("PolicyName", Some(&args.policy_name), 1)
        .min_length("PolicyDocument", Some(&document), 1)
        .finish()?;
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session, &args.user_name, &args.policy_name, &document).await?,
    })
}
