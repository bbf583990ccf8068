//! `awsctl service-quotas get-aws-default-service-quota --service-code CODE --quota-code CODE`

use serde_json::Value;

use crate::cli::QuotaId;
use crate::commands::Outcome;
use crate::error::Error;
use crate::services::Session;
use crate::services::service_quotas::get_aws_default_service_quota::{OPERATION, call};

pub async fn run(session: &Session<'_>, quota: &QuotaId) -> Result<Outcome, Error> {
    let input = super::input(super::quota_members(quota));
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session, Value::Object(input)).await?,
    })
}
