//! STS AssumeRoleWithWebIdentity: temporary credentials for a role in exchange for an OIDC
//! token. The request is not signed: the token is the proof.

use serde_json::Value;

use super::credentials_shape::{ASSUMED_ROLE_USER, CREDENTIALS};
use super::{STS, VERSION};
use crate::error::Error;
use crate::protocol::shape::{Member, Shape};
use crate::secret::Secret;
use crate::services::call::CallContext;

pub const OPERATION: &str = "AssumeRoleWithWebIdentity";

static OUTPUT: Shape = Shape::Structure(&[
    Member::new("Credentials", &CREDENTIALS),
    Member::new("SubjectFromWebIdentityToken", &Shape::String),
    Member::new("AssumedRoleUser", &ASSUMED_ROLE_USER),
    Member::new("PackedPolicySize", &Shape::Integer),
    Member::new("Provider", &Shape::String),
    Member::new("Audience", &Shape::String),
]);

pub struct Input {
    pub role_arn: String,
    pub role_session_name: String,
    pub web_identity_token: Secret,
    pub duration_seconds: Option<u32>,
}

pub async fn call(ctx: &CallContext<'_>, input: &Input) -> Result<Value, Error> {
    let mut params = vec![
        ("RoleArn".to_string(), input.role_arn.clone()),
        (
            "RoleSessionName".to_string(),
            input.role_session_name.clone(),
        ),
        (
            "WebIdentityToken".to_string(),
            input.web_identity_token.expose().to_string(),
        ),
    ];
    if let Some(d) = input.duration_seconds {
        params.push(("DurationSeconds".to_string(), d.to_string()));
    }
    ctx.query(&STS, VERSION, OPERATION, &params, &OUTPUT).await
}
