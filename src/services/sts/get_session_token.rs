//! STS GetSessionToken: temporary credentials for an IAM user, with MFA when asked.

use serde_json::Value;

use super::credentials_shape::CREDENTIALS;
use super::{STS, VERSION};
use crate::error::Error;
use crate::protocol::shape::{Member, Shape};
use crate::secret::Secret;
use crate::services::Session;
use crate::services::call::CallContext;

pub const OPERATION: &str = "GetSessionToken";

static OUTPUT: Shape = Shape::Structure(&[Member::new("Credentials", &CREDENTIALS)]);

#[derive(Debug, Default)]
pub struct Input {
    pub duration_seconds: Option<i64>,
    pub serial_number: Option<String>,
    pub token_code: Option<Secret>,
}

fn params(input: &Input) -> Vec<(String, String)> {
    let optional = [
        (
            "DurationSeconds",
            input.duration_seconds.map(|d| d.to_string()),
        ),
        ("SerialNumber", input.serial_number.clone()),
        (
            "TokenCode",
            input.token_code.as_ref().map(|c| c.expose().to_string()),
        ),
    ];
    optional
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_string(), v?)))
        .collect()
}

pub async fn call(session: &Session<'_>, input: &Input) -> Result<Value, Error> {
    session
        .call_query(&STS, VERSION, OPERATION, &params(input), &OUTPUT)
        .await
}

/// The same with explicit credentials (`configure mfa-login` with keys typed in).
pub async fn call_with(ctx: &CallContext<'_>, input: &Input) -> Result<Value, Error> {
    ctx.query(&STS, VERSION, OPERATION, &params(input), &OUTPUT)
        .await
}
