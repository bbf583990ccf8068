//! IAM GetUser: the named user, or the caller when none is named.

use serde_json::Value;

use super::{call, push_optional, shapes};
use crate::error::Error;
use crate::services::Session;

pub const OPERATION: &str = "GetUser";

pub async fn run(session: &Session<'_>, user_name: Option<&String>) -> Result<Value, Error> {
    let mut params = Vec::new();
    push_optional(&mut params, &[("UserName", user_name)]);
    call(session, OPERATION, &params, &shapes::GET_USER_RESPONSE).await
}
