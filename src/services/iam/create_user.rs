//! IAM CreateUser.

use serde_json::Value;

use super::{call, push_optional, shapes};
use crate::error::Error;
use crate::services::Session;

pub const OPERATION: &str = "CreateUser";

#[derive(Debug, Default)]
pub struct Input {
    pub user_name: String,
    pub path: Option<String>,
    pub permissions_boundary: Option<String>,
    pub tags: Vec<(String, String)>,
}

pub async fn run(session: &Session<'_>, input: &Input) -> Result<Value, Error> {
    let mut params = vec![("UserName".to_string(), input.user_name.clone())];
    push_optional(
        &mut params,
        &[
            ("Path", input.path.as_ref()),
            ("PermissionsBoundary", input.permissions_boundary.as_ref()),
        ],
    );
    for (i, (key, value)) in input.tags.iter().enumerate() {
        params.push((format!("Tags.member.{}.Key", i + 1), key.clone()));
        params.push((format!("Tags.member.{}.Value", i + 1), value.clone()));
    }
    call(session, OPERATION, &params, &shapes::CREATE_USER_RESPONSE).await
}
