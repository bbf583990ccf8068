//! `awsctl sso login [--sso-session NAME] [--use-device-code] [--no-browser]`: signs in to the
//! profile's IAM Identity Center session and caches the token where the AWS CLI caches it. An
//! `[sso-session]` signs in with the authorization code flow (PKCE, loopback redirect) unless
//! `--use-device-code`; a legacy profile always uses the device flow, as v2 does.

use crate::cli::LoginArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::sso::browser::Opener;
use crate::sso::{self, api, auth_code_flow, device_flow, token_cache};

pub async fn run(
    args: &LoginArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let settings = session.settings;
    let target = sso::login_session(
        &settings.files,
        &settings.profile_config,
        args.sso_session.as_deref(),
    )?;
    let dir = token_cache::dir(&settings.env)
        .ok_or_else(|| Error::Configuration("No home directory for the SSO token cache.".into()))?;
    let client_settings = api::client_settings(settings, &target.region);
    let client = Session::new(&client_settings);
    let opener = Opener {
        no_browser: args.no_browser,
        env: &settings.env,
        log: session.log(),
    };
    let token = if target.name.is_some() && !args.use_device_code {
        auth_code_flow::sign_in(&client, &dir, &target, &opener, printer).await?
    } else {
        device_flow::sign_in(&client, &dir, &target, &opener, printer).await?
    };
    token_cache::write(&token_cache::path(&dir, &target.token_key()), &token)?;
    printer.out_line(&format!(
        "Successfully logged into Start URL: {}",
        target.start_url
    ))?;
    Ok(Outcome::Done(0))
}
