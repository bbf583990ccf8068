//! IAM PutUserPolicy: adds or replaces an inline policy; the response has no members.

use serde_json::Value;

use super::call;
use crate::error::Error;
use crate::protocol::shape::Shape;
use crate::services::Session;

pub const OPERATION: &str = "PutUserPolicy";

pub async fn run(
    session: &Session<'_>,
    user_name: &str,
    policy_name: &str,
    policy_document: &str,
) -> Result<Value, Error> {
    let params = [
        ("UserName".to_string(), user_name.to_string()),
        ("PolicyName".to_string(), policy_name.to_string()),
        ("PolicyDocument".to_string(), policy_document.to_string()),
    ];
    call(session, OPERATION, &params, &Shape::Structure(&[])).await
}
