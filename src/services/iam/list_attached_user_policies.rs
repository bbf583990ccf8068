//! IAM ListAttachedUserPolicies, all pages.

use serde_json::Value;

use super::{paginate, push_optional, shapes};
use crate::error::Error;
use crate::services::Session;

pub const OPERATION: &str = "ListAttachedUserPolicies";

pub async fn run(
    session: &Session<'_>,
    user_name: &str,
    path_prefix: Option<&String>,
) -> Result<Value, Error> {
    let mut params = vec![("UserName".to_string(), user_name.to_string())];
    push_optional(&mut params, &[("PathPrefix", path_prefix)]);
    paginate(
        session,
        OPERATION,
        &params,
        &shapes::LIST_ATTACHED_USER_POLICIES_RESPONSE,
        "AttachedPolicies",
    )
    .await
}
