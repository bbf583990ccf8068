//! STS GetCallerIdentity: who the credentials belong to.

use serde_json::Value;

use super::{STS, VERSION};
use crate::error::Error;
use crate::protocol::shape::{Member, Shape};
use crate::services::Session;

pub const OPERATION: &str = "GetCallerIdentity";

static OUTPUT: Shape = Shape::Structure(&[
    Member::new("UserId", &Shape::String),
    Member::new("Account", &Shape::String),
    Member::new("Arn", &Shape::String),
]);

pub async fn call(session: &Session<'_>) -> Result<Value, Error> {
    session
        .call_query(&STS, VERSION, OPERATION, &[], &OUTPUT)
        .await
}
