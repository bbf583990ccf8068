//! `awsctl service-quotas request-service-quota-increase --service-code CODE --quota-code CODE
//! --desired-value N [--context-id ARN] [--[no-]support-case-allowed]`

use serde_json::{Number, Value};

use crate::cli::QuotaId;
use crate::commands::Outcome;
use crate::error::Error;
use crate::services::Session;
use crate::services::service_quotas::request_service_quota_increase::{OPERATION, call};

pub async fn run(
    session: &Session<'_>,
    quota: &QuotaId,
    desired_value: &str,
    context_id: &Option<String>,
    support_case_allowed: Option<bool>,
) -> Result<Outcome, Error> {
    let desired = Value::Number(parse_float(desired_value)?);
    let mut members = super::quota_members(quota);
    members.extend([
        ("DesiredValue", Some(desired)),
        ("ContextId", super::text(context_id)),
        ("SupportCaseAllowed", support_case_allowed.map(Value::Bool)),
    ]);
    let input = super::input(members);
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session, Value::Object(input)).await?,
    })
}

/// The CLI reads a double with Python's `float()`: `5` is sent as `5.0`. JSON has no
/// infinity or NaN, so those are refused here rather than sent broken.
fn parse_float(text: &str) -> Result<Number, Error> {
    text.trim()
        .parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .ok_or_else(|| Error::Conversion(format!("could not convert string to float: '{text}'")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desired_values_are_doubles() {
        assert_eq!(Value::Number(parse_float("5").unwrap()).to_string(), "5.0");
        assert_eq!(
            Value::Number(parse_float(" 2.5").unwrap()).to_string(),
            "2.5"
        );
        assert_eq!(
            parse_float("lots").unwrap_err().to_string(),
            "could not convert string to float: 'lots'"
        );
    }
}
