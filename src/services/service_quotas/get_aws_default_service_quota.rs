//! Service Quotas GetAWSDefaultServiceQuota: one quota's default value.

use serde_json::Value;

use super::shapes::SERVICE_QUOTA;
use crate::error::Error;
use crate::protocol::shape::{Member, Shape};
use crate::services::Session;

pub const OPERATION: &str = "GetAWSDefaultServiceQuota";

static OUTPUT: Shape = Shape::Structure(&[Member::new("Quota", &SERVICE_QUOTA)]);

pub async fn call(session: &Session<'_>, input: Value) -> Result<Value, Error> {
    super::call(session, OPERATION, input, &OUTPUT).await
}
