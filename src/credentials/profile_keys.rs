//! The `shared-credentials-file` and `config-file` sources: static keys (and an optional
//! session token) stored in a profile of either file.

use std::collections::HashMap;

use super::{Credentials, CredentialsError, Source};
use crate::secret::Secret;

pub fn load(
    profile: Option<HashMap<String, String>>,
    source: Source,
) -> Result<Option<Credentials>, CredentialsError> {
    let Some(profile) = profile else {
        return Ok(None);
    };
    let get = |k: &str| profile.get(k).map(String::as_str).filter(|v| !v.is_empty());
    // As botocore: the profile counts only when it names an access key id.
    let Some(key) = get("aws_access_key_id") else {
        return Ok(None);
    };
    let secret = get("aws_secret_access_key").ok_or(CredentialsError::Partial {
        provider: source.name(),
        missing: "aws_secret_access_key",
    })?;
    Ok(Some(Credentials {
        access_key_id: key.to_string(),
        secret_access_key: Secret::new(secret),
        session_token: get("aws_security_token")
            .or_else(|| get("aws_session_token"))
            .map(Secret::new),
        expiration: None,
        account_id: get("aws_account_id").map(str::to_string),
        source,
    }))
}
