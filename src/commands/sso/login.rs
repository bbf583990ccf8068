//! `awsctl sso login [--sso-session NAME] [--use-device-code] [--no-browser]`: signs in to the
//! profile's IAM Identity Center session and caches the token where the AWS CLI caches it. An
//! `[sso-session]` signs in with the authorization code flow (PKCE, loopback redirect) unless
//! `--use-device-code`; a legacy profile always uses the device flow, as v2 does.

use crate::cli::LoginArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::sso::{self, sign_in};

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
    let options = sign_in::Options {
        no_browser: args.no_browser,
        use_device_code: args.use_device_code,
    };
    sign_in::sign_in(settings, &target, &options, printer).await?;
    printer.out_line(&format!(
        "Successfully logged into Start URL: {}",
        target.start_url
    ))?;
    Ok(Outcome::Done(0))
}
