//! Credentials out of an STS answer (AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken).

use serde_json::Value;

use super::{Credentials, Source};
use crate::error::Error;
use crate::protocol::timestamp;
use crate::secret::Secret;

/// The `Credentials` member of the answer; one without it (or with an empty key) is an error,
/// never empty keys.
pub fn credentials_from_response(response: &Value, source: Source) -> Result<Credentials, Error> {
    let c = response
        .get("Credentials")
        .ok_or_else(|| Error::InvalidResponse("no Credentials in the STS response".into()))?;
    let field = |k: &str| {
        c.get(k)
            .and_then(Value::as_str)
            .filter(|v| !v.trim().is_empty())
            .ok_or_else(|| Error::InvalidResponse(format!("no {k} in the STS response")))
    };
    let account = response
        .pointer("/AssumedRoleUser/Arn")
        .and_then(Value::as_str)
        .and_then(|a| a.split(':').nth(4));
    Ok(Credentials {
        access_key_id: field("AccessKeyId")?.to_string(),
        secret_access_key: Secret::new(field("SecretAccessKey")?),
        session_token: Some(Secret::new(field("SessionToken")?)),
        expiration: timestamp::parse(field("Expiration")?),
        account_id: account.map(str::to_string),
        source,
    })
}
