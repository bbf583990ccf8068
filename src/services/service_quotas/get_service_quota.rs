//! Service Quotas GetServiceQuota: one quota's value as applied to this account.

use serde_json::Value;

use super::shapes::SERVICE_QUOTA;
use crate::error::Error;
use crate::protocol::shape::{Member, Shape};
use crate::services::Session;

pub const OPERATION: &str = "GetServiceQuota";

static OUTPUT: Shape = Shape::Structure(&[Member::new("Quota", &SERVICE_QUOTA)]);

pub async fn call(session: &Session<'_>, input: Value) -> Result<Value, Error> {
    super::call(session, OPERATION, input, &OUTPUT).await
}
