//! A role's credentials for the EKS commands that sign with another identity (`get-token
//! --role-arn`, `update-kubeconfig --assume-role-arn`), with the session names the CLI gives.

use serde_json::{Map, Value};

use crate::credentials::{Credentials, Source};
use crate::driver::invoke;
use crate::error::Error;
use crate::secret::Secret;
use crate::services::Session;

pub async fn credentials(
    session: &Session<'_>,
    role: &str,
    session_name: &str,
) -> Result<Credentials, Error> {
    let mut params = Map::new();
    params.insert("RoleArn".into(), role.into());
    params.insert("RoleSessionName".into(), session_name.into());
    let answer = invoke::call_named(session, "sts", "AssumeRole", params).await?;
    let field = |name: &str| {
        answer
            .pointer(&format!("/Credentials/{name}"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| Error::InvalidResponse(format!("AssumeRole gave no {name}")))
    };
    Ok(Credentials {
        access_key_id: field("AccessKeyId")?,
        secret_access_key: Secret::new(field("SecretAccessKey")?),
        session_token: Some(Secret::new(field("SessionToken")?)),
        expiration: None,
        account_id: None,
        source: Source::AssumeRole,
    })
}
