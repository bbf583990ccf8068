//! `awsctl sts assume-role`

use crate::cli::sts::AssumeRoleArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::params::{self, Validator};
use crate::secret::Secret;
use crate::services::Session;
use crate::services::call::CallContext;
use crate::services::sts::assume_role::{Input, OPERATION, call};

pub async fn run(args: &AssumeRoleArgs, session: &Session<'_>) -> Result<Outcome, Error> {
    let duration = args
        .duration_seconds
        .as_deref()
        .map(params::integer)
        .transpose()?;
    let policy_arns = params::structure_list("--policy-arns", &args.policy_arns)?
        .iter()
        .map(|p| p.get("arn").map(params::scalar_text).unwrap_or_default())
        .collect();
    let tags = params::structure_list("--tags", &args.tags)?
        .iter()
        .map(|t| {
            let field = |k| t.get(k).map(params::scalar_text).unwrap_or_default();
            (field("Key"), field("Value"))
        })
        .collect();
    let input = Input {
        role_arn: args.role_arn.clone(),
        role_session_name: args.role_session_name.clone(),
        external_id: args.external_id.clone(),
        serial_number: args.serial_number.clone(),
        token_code: args.token_code.clone().map(Secret::new),
        duration_seconds: duration,
        policy: args
            .policy
            .as_deref()
            .map(|p| params::read_text("--policy", p))
            .transpose()?,
        policy_arns,
        tags,
        transitive_tag_keys: args.transitive_tag_keys.clone(),
        source_identity: args.source_identity.clone(),
    };
    Validator::default()
        .min_length("RoleArn", Some(&input.role_arn), 20)
        .min_length("RoleSessionName", Some(&input.role_session_name), 2)
        .min_value("DurationSeconds", duration, 900)
        .min_length("ExternalId", input.external_id.as_deref(), 2)
        .min_length("SerialNumber", input.serial_number.as_deref(), 9)
        .min_length(
            "TokenCode",
            input.token_code.as_ref().map(Secret::expose),
            6,
        )
        .min_length("Policy", input.policy.as_deref(), 1)
        .min_length("SourceIdentity", input.source_identity.as_deref(), 2)
        .finish()?;
    let region = session.region().await?;
    let credentials = session.credentials().await?;
    let ctx = CallContext {
        settings: session.settings,
        http: session.http()?,
        region: &region,
        credentials: credentials.as_ref(),
        endpoint_option: true,
    };
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(&ctx, &input).await?,
    })
}
