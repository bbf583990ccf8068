//! One sign-in, as `sso login` and `configure sso` make it: the authorization code flow for an
//! `[sso-session]` (unless the device code is asked for), the device code flow otherwise; the
//! token written to the cache.

use super::browser::Opener;
use super::token_cache::{self, CachedToken};
use super::{SsoSession, api, auth_code_flow, device_flow};
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::settings::Settings;

pub struct Options {
    pub no_browser: bool,
    pub use_device_code: bool,
}

pub async fn sign_in(
    settings: &Settings,
    target: &SsoSession,
    options: &Options,
    printer: &mut Printer,
) -> Result<CachedToken, Error> {
    let dir = token_cache::dir(&settings.env)
        .ok_or_else(|| Error::Configuration("No home directory for the SSO token cache.".into()))?;
    let client_settings = api::client_settings(settings, &target.region);
    let client = Session::new(&client_settings);
    let opener = Opener {
        no_browser: options.no_browser,
        env: &settings.env,
        log: client.log(),
    };
    let token = if target.name.is_some() && !options.use_device_code {
        auth_code_flow::sign_in(&client, &dir, target, &opener, printer).await?
    } else {
        device_flow::sign_in(&client, &dir, target, &opener, printer).await?
    };
    token_cache::write(&token_cache::path(&dir, &target.token_key()), &token)?;
    Ok(token)
}
