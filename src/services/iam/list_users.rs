//! IAM ListUsers, all pages.

use serde_json::Value;

use super::{paginate, push_optional, shapes};
use crate::error::Error;
use crate::services::Session;

pub const OPERATION: &str = "ListUsers";

pub async fn run(session: &Session<'_>, path_prefix: Option<&String>) -> Result<Value, Error> {
    let mut params = Vec::new();
    push_optional(&mut params, &[("PathPrefix", path_prefix)]);
    paginate(
        session,
        OPERATION,
        &params,
        &shapes::LIST_USERS_RESPONSE,
        "Users",
    )
    .await
}
