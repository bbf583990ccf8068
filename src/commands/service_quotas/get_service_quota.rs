//! `awsctl service-quotas get-service-quota --service-code CODE --quota-code CODE
//! [--context-id ARN]`

use serde_json::Value;

use crate::cli::QuotaId;
use crate::commands::Outcome;
use crate::error::Error;
use crate::services::Session;
use crate::services::service_quotas::get_service_quota::{OPERATION, call};

pub async fn run(
    session: &Session<'_>,
    quota: &QuotaId,
    context_id: &Option<String>,
) -> Result<Outcome, Error> {
    let mut members = super::quota_members(quota);
    members.push(("ContextId", super::text(context_id)));
    let input = super::input(members);
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session, Value::Object(input)).await?,
    })
}
