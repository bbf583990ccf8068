//! Service Quotas RequestServiceQuotaIncrease: asks for a higher value of one quota.

use serde_json::Value;

use super::shapes::REQUESTED_CHANGE;
use crate::error::Error;
use crate::protocol::shape::{Member, Shape};
use crate::services::Session;

pub const OPERATION: &str = "RequestServiceQuotaIncrease";

static OUTPUT: Shape = Shape::Structure(&[Member::new("RequestedQuota", &REQUESTED_CHANGE)]);

pub async fn call(session: &Session<'_>, input: Value) -> Result<Value, Error> {
    super::call(session, OPERATION, input, &OUTPUT).await
}
