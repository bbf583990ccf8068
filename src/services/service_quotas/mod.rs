//! Service Quotas, on the JSON 1.1 protocol: one file per operation, the shapes they share
//! in `shapes`.

pub mod get_aws_default_service_quota;
pub mod get_service_quota;
pub mod list_aws_default_service_quotas;
pub mod list_requested_service_quota_change_history;
pub mod list_service_quotas;
pub mod request_service_quota_increase;
mod shapes;

use serde_json::Value;

use super::{ServiceMeta, Session};
use crate::error::Error;
use crate::http::sign::SigningStyle;
use crate::protocol::shape::Shape;
use crate::services::paginate::Paginator;

pub const SERVICE_QUOTAS: ServiceMeta = ServiceMeta {
    // botocore's service id "Service Quotas": AWS_ENDPOINT_URL_SERVICE_QUOTAS, [services]
    // blocks' `service_quotas`.
    id: "SERVICE_QUOTAS",
    endpoint_prefix: "servicequotas",
    signing_name: "servicequotas",
    style: SigningStyle::Standard,
};

/// The `X-Amz-Target` prefix of every operation (the model's `targetPrefix`).
pub const TARGET_PREFIX: &str = "ServiceQuotasV20190624";

/// Every paginated Service Quotas operation pages the same way, over its own result key.
const fn paginator(result_key: &'static str) -> Paginator {
    Paginator {
        input_token: "NextToken",
        output_token: "NextToken",
        limit_key: "MaxResults",
        result_key,
    }
}

async fn call(
    session: &Session<'_>,
    operation: &'static str,
    input: Value,
    output: &Shape,
) -> Result<Value, Error> {
    validate(&input)?;
    session
        .call_json(&SERVICE_QUOTAS, TARGET_PREFIX, operation, &input, output)
        .await
}

/// The model's `min` constraints on request members, the only ones botocore checks before
/// sending (not `max`, not patterns): an empty code, `--page-size 0`, a negative value.
fn validate(input: &Value) -> Result<(), Error> {
    let mut problems = Vec::new();
    for (name, value) in input.as_object().into_iter().flatten() {
        match (name.as_str(), value) {
            ("ServiceCode" | "QuotaCode", Value::String(s)) if s.is_empty() => problems.push(
                format!("Invalid length for parameter {name}, value: 0, valid min length: 1"),
            ),
            ("MaxResults", Value::Number(n)) if n.as_i64().is_some_and(|n| n < 1) => problems.push(
                format!("Invalid value for parameter {name}, value: {n}, valid min value: 1"),
            ),
            ("DesiredValue", Value::Number(n)) if n.as_f64().is_some_and(|n| n < 0.0) => problems
                .push(format!(
                    "Invalid value for parameter {name}, value: {n}, valid min value: 0"
                )),
            _ => {}
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::ParamValidation {
        message: format!("Parameter validation failed:\n{}", problems.join("\n")),
        usage: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn minimums_are_checked_as_botocore_reports_them() {
        assert!(
            validate(&json!({"ServiceCode": "ec2", "MaxResults": 1, "DesiredValue": 0.0})).is_ok()
        );
        let e = validate(&json!({"ServiceCode": "", "MaxResults": 0, "DesiredValue": -1.0}))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "Parameter validation failed:\n\
             Invalid length for parameter ServiceCode, value: 0, valid min length: 1\n\
             Invalid value for parameter MaxResults, value: 0, valid min value: 1\n\
             Invalid value for parameter DesiredValue, value: -1.0, valid min value: 0"
        );
    }
}
