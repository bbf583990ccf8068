//! IAM AttachUserPolicy: attaches a managed policy; the response has no members.

use serde_json::Value;

use super::call;
use crate::error::Error;
use crate::protocol::shape::Shape;
use crate::services::Session;

pub const OPERATION: &str = "AttachUserPolicy";

pub async fn run(session: &Session<'_>, user_name: &str, policy_arn: &str) -> Result<Value, Error> {
    let params = [
        ("UserName".to_string(), user_name.to_string()),
        ("PolicyArn".to_string(), policy_arn.to_string()),
    ];
    call(session, OPERATION, &params, &Shape::Structure(&[])).await
}
