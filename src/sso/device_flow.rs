//! The device authorization flow (`sso login --use-device-code`, and every legacy profile):
//! StartDeviceAuthorization, one CreateToken attempt in case the client is already authorized,
//! then the URL and code shown and CreateToken polled at the server's interval, five seconds
//! slower after each `SlowDownException`, until a token, or `ExpiredTokenException`.

use std::path::Path;
use std::time::Duration;

use serde_json::json;
use time::OffsetDateTime;

use super::browser::{Opener, Pending};
use super::loopback::EXPIRED;
use super::registration::{self, Flow};
use super::token_cache::CachedToken;
use super::{SsoSession, api, token};
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// RFC 8628's default polling interval and slow-down step, in seconds.
const DEFAULT_INTERVAL: u64 = 5;
const SLOW_DOWN_STEP: u64 = 5;

pub async fn sign_in(
    session: &Session<'_>,
    dir: &Path,
    sso: &SsoSession,
    opener: &Opener<'_>,
    printer: &mut Printer,
) -> Result<CachedToken, Error> {
    let now = OffsetDateTime::now_utc();
    let registration =
        registration::registration(session, dir, sso, &Flow::DeviceCode, now).await?;
    let authorization = api::start_device_authorization(
        session,
        &registration.client_id,
        &registration.client_secret,
        &sso.start_url,
    )
    .await?;
    let text = |k: &str| authorization[k].as_str().unwrap_or_default().to_string();
    let device_code = text("deviceCode");
    let mut interval = authorization["interval"]
        .as_u64()
        .unwrap_or(DEFAULT_INTERVAL);
    let request = json!({
        "grantType": GRANT_TYPE,
        "clientId": registration.client_id,
        "clientSecret": registration.client_secret,
        "deviceCode": device_code,
    });
    let mut shown = false;
    loop {
        match api::create_token(session, request.clone()).await {
            Ok(response) => {
                return token::from_create_token(
                    &response,
                    sso,
                    OffsetDateTime::now_utc(),
                    (
                        registration.client_id.clone(),
                        registration.client_secret.clone(),
                        registration.expires_at.clone(),
                    ),
                );
            }
            Err(e) => match api::error_code(&e) {
                Some("SlowDownException") => interval += SLOW_DOWN_STEP,
                Some("AuthorizationPendingException") => {}
                Some("ExpiredTokenException") => return Err(Error::General(EXPIRED.into())),
                _ => return Err(e),
            },
        }
        if !shown {
            shown = true;
            let (uri, complete, code) = (
                text("verificationUri"),
                text("verificationUriComplete"),
                text("userCode"),
            );
            let pending = Pending {
                verification_uri: &uri,
                verification_uri_complete: &complete,
                user_code: Some(&code),
            };
            opener.show(&pending, printer)?;
            // The first attempt happens before the message, then the loop sleeps between
            // attempts, as the CLI's does.
            continue;
        }
        tokio::time::sleep(Duration::from_secs(interval)).await;
    }
}
