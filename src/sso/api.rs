//! The IAM Identity Center calls, each one model call through the driver (endpoints, codec,
//! retries): SSO-OIDC's RegisterClient, StartDeviceAuthorization and CreateToken, the portal's
//! GetRoleCredentials and Logout. They are unsigned (the models say so), so the session they
//! run in is built from the command's settings for the SSO region with no credentials at all
//! ([`client_settings`]): the credential chain can call them without calling itself.

use serde_json::{Map, Value, json};

use crate::driver::invoke;
use crate::error::Error;
use crate::services::Session;
use crate::settings::Settings;

/// The settings of the SSO clients: the SSO region, unsigned, without `--endpoint-url` (the
/// CLI's own clients do not take the command's option; `AWS_ENDPOINT_URL_SSO` and
/// `AWS_ENDPOINT_URL_SSO_OIDC` apply).
pub fn client_settings(settings: &Settings, sso_region: &str) -> Settings {
    settings.for_internal_client(sso_region)
}

fn params(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

pub async fn register_client(session: &Session<'_>, request: Value) -> Result<Value, Error> {
    invoke::call_named(session, "sso-oidc", "RegisterClient", params(request)).await
}

pub async fn start_device_authorization(
    session: &Session<'_>,
    client_id: &str,
    client_secret: &str,
    start_url: &str,
) -> Result<Value, Error> {
    let request =
        json!({"clientId": client_id, "clientSecret": client_secret, "startUrl": start_url});
    invoke::call_named(
        session,
        "sso-oidc",
        "StartDeviceAuthorization",
        params(request),
    )
    .await
}

pub async fn create_token(session: &Session<'_>, request: Value) -> Result<Value, Error> {
    invoke::call_named(session, "sso-oidc", "CreateToken", params(request)).await
}

pub async fn get_role_credentials(
    session: &Session<'_>,
    account_id: &str,
    role_name: &str,
    access_token: &str,
) -> Result<Value, Error> {
    let request =
        json!({"roleName": role_name, "accountId": account_id, "accessToken": access_token});
    invoke::call_named(session, "sso", "GetRoleCredentials", params(request)).await
}

pub async fn logout(session: &Session<'_>, access_token: &str) -> Result<Value, Error> {
    let request = json!({"accessToken": access_token});
    invoke::call_named(session, "sso", "Logout", params(request)).await
}

/// The SSO-OIDC endpoint's scheme, host and port, which the browser's `/authorize` page hangs
/// from (it is not an operation of the model).
pub async fn oidc_base_url(session: &Session<'_>) -> Result<String, Error> {
    let url = invoke::endpoint_named(session, "sso-oidc", "CreateToken").await?;
    let parsed = reqwest::Url::parse(&url)
        .map_err(|e| Error::General(format!("Invalid endpoint: {url}: {e}")))?;
    let host = parsed.host_str().unwrap_or_default();
    Ok(match parsed.port() {
        Some(port) => format!("{}://{host}:{port}", parsed.scheme()),
        None => format!("{}://{host}", parsed.scheme()),
    })
}

/// The service error code of a failed call, if the service answered.
pub fn error_code(error: &Error) -> Option<&str> {
    match error {
        Error::Service(e) => Some(e.code.as_str()),
        _ => None,
    }
}
