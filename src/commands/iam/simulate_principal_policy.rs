//! `awsctl iam simulate-principal-policy`: the IAM policy simulator, or with `--offline` the
//! principal's policies fetched through the IAM API (a user's inline, attached and group
//! policies and its permissions boundary; a group's or role's inline and attached ones) and
//! evaluated locally. `--permissions-boundary-policy-input-list` replaces the principal's own
//! boundary, as in the API; a user principal supplies `aws:username`.

use super::{offline, simulate_input};
use crate::cli::iam::SimulatePrincipalArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::policy::ContextType;
use crate::services::Session;
use crate::services::iam::principal_policies::{self, principal};
use crate::services::iam::simulate::{self, PRINCIPAL};

pub async fn run(args: &SimulatePrincipalArgs, session: &Session<'_>) -> Result<Outcome, Error> {
    let input = simulate_input::build(
        Some(&args.policy_source_arn),
        &args.policy_input_list,
        &args.common,
    )?;
    if !args.common.offline {
        return Ok(Outcome::Response {
            operation: PRINCIPAL,
            value: simulate::run(session, &input).await?,
        });
    }
    let mut context = offline::context(PRINCIPAL, &input)?;
    let fetched = principal_policies::fetch(session, &args.policy_source_arn).await?;
    let mut identity = fetched
        .policies
        .iter()
        .map(|p| offline::parse(PRINCIPAL, &p.name, &p.document))
        .collect::<Result<Vec<_>, _>>()?;
    identity.extend(offline::inputs(
        PRINCIPAL,
        "PolicyInputList",
        &input.policy_input_list,
    )?);
    let boundary = match input.permissions_boundary_policy_input_list.is_empty() {
        false => offline::inputs(
            PRINCIPAL,
            "PermissionsBoundaryPolicyInputList",
            &input.permissions_boundary_policy_input_list,
        )?,
        true => fetched
            .boundary
            .iter()
            .map(|p| offline::parse(PRINCIPAL, &p.name, &p.document))
            .collect::<Result<Vec<_>, _>>()?,
    };
    if let Some(("user", name)) = principal(&args.policy_source_arn) {
        context.insert_default("aws:username", ContextType::String, vec![name.to_string()]);
    }
    Ok(Outcome::Response {
        operation: PRINCIPAL,
        value: offline::simulate(&identity, &boundary, &input, &context),
    })
}
