//! The `iam-role` source: the instance profile's role credentials from IMDS. Off EC2 it finds
//! nothing quickly (the IMDS client's 1 s timeouts) and the chain ends with "no credentials".

use serde_json::Value;

use super::{Credentials, Source};
use crate::http::debug::DebugLog;
use crate::imds::{ImdsClient, ImdsError};
use crate::protocol::timestamp;
use crate::secret::Secret;

/// The credentials, or why there are none (the chain treats every reason as "nothing here").
/// Static stability, as botocore: credentials that IMDS serves already expired (or about to
/// expire) during an outage are used a while longer rather than failing every call.
const REFRESH_WINDOW: time::Duration = time::Duration::minutes(15);

pub async fn load(
    imds: &ImdsClient,
    now: time::OffsetDateTime,
    log: DebugLog,
) -> Result<Credentials, ImdsError> {
    let roles = imds.get("meta-data/iam/security-credentials/").await?;
    let role = roles.lines().next().unwrap_or_default().trim();
    if role.is_empty() {
        return Err(ImdsError::NotFound(
            "meta-data/iam/security-credentials/".into(),
        ));
    }
    let path = format!("meta-data/iam/security-credentials/{role}");
    let body = imds.get(&path).await?;
    let value: Value =
        serde_json::from_str(&body).map_err(|_| ImdsError::Status(path.clone(), 200))?;
    let field = |k: &str| value.get(k).and_then(Value::as_str);
    let (Some(key), Some(secret), Some(token), Some(expiration)) = (
        field("AccessKeyId"),
        field("SecretAccessKey"),
        field("Token"),
        field("Expiration"),
    ) else {
        // E.g. {"Code": "AssumeRoleUnauthorizedAccess", ...}: the role lacks a trust relationship with EC2.
        log.log(
            "awsctl.credentials",
            format_args!(
                "IMDS returned no credentials for role {role}: code {:?}",
                field("Code")
            ),
        );
        return Err(ImdsError::NotFound(path));
    };
    let mut expiration = timestamp::parse(expiration);
    if let Some(e) = expiration
        && e <= now + REFRESH_WINDOW
    {
        let jitter = time::Duration::seconds(rand::random_range(120..=600));
        expiration = Some(now + REFRESH_WINDOW + jitter);
        log.log(
            "awsctl.credentials",
            format_args!(
                "Attempting credential expiration extension due to a credential service availability issue. A refresh of these credentials will be attempted again within the next {} minutes.",
                (REFRESH_WINDOW + jitter).whole_minutes()
            ),
        );
    }
    Ok(Credentials {
        access_key_id: key.to_string(),
        secret_access_key: Secret::new(secret),
        session_token: Some(Secret::new(token)),
        expiration,
        account_id: None,
        source: Source::IamRole,
    })
}
