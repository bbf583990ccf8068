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
    session
        .call_json(&SERVICE_QUOTAS, TARGET_PREFIX, operation, &input, output)
        .await
}
