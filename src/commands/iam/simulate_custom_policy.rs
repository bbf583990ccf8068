//! `awsctl iam simulate-custom-policy`: the IAM policy simulator, or with `--offline` the
//! local evaluator over the same input. Offline, `--caller-arn` naming a user supplies
//! `aws:username` unless a context entry does.

use super::{offline, simulate_input};
use crate::cli::iam::SimulateArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::policy::ContextType;
use crate::services::Session;
use crate::services::iam::principal_policies::principal;
use crate::services::iam::simulate::{self, CUSTOM};

pub async fn run(args: &SimulateArgs, session: &Session<'_>) -> Result<Outcome, Error> {
    let input = simulate_input::build(None, &args.policy_input_list, &args.common)?;
    if !args.common.offline {
        return Ok(Outcome::Response {
            operation: CUSTOM,
            value: simulate::run(session, &input).await?,
        });
    }
    let identity = offline::inputs(CUSTOM, "PolicyInputList", &input.policy_input_list)?;
    let boundary = offline::inputs(
        CUSTOM,
        "PermissionsBoundaryPolicyInputList",
        &input.permissions_boundary_policy_input_list,
    )?;
    let mut context = offline::context(CUSTOM, &input)?;
    if let Some(("user", name)) = input.caller_arn.as_deref().and_then(principal) {
        context.insert_default("aws:username", ContextType::String, vec![name.to_string()]);
    }
    Ok(Outcome::Response {
        operation: CUSTOM,
        value: offline::simulate(&identity, &boundary, &input, &context),
    })
}
