//! `awsctl configure mfa-login`, as v2's (awscli/customizations/configure/mfalogin.py): MFA
//! session credentials from GetSessionToken, written into a profile of the credentials file
//! (atomically, mode 0600, every other line kept), with the CLI's prompts and messages.

use std::io::BufRead;

use serde_json::Value;

use super::Files;
use crate::commands::Outcome;
use crate::config::{self, edit::Change};
use crate::credentials::{Credentials, CredentialsError, Source};
use crate::error::Error;
use crate::params::{self, Validator};
use crate::printer::Printer;
use crate::protocol::timestamp;
use crate::secret::Secret;
use crate::services::Session;
use crate::services::sts::get_session_token::{Input, call_with};

pub struct Args<'a> {
    pub update_profile: &'a Option<String>,
    pub duration_seconds: &'a str,
    pub serial_number: &'a Option<String>,
}

/// `TEXT: ` on stdout, one line from `input`; an empty answer is `None`.
fn ask(
    printer: &mut Printer,
    input: &mut impl BufRead,
    text: &str,
) -> Result<Option<String>, Error> {
    write!(printer.out(), "{text}: ")?;
    printer.flush()?;
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Err(Error::StdinEof);
    }
    let answer = line.trim_end_matches(['\n', '\r']);
    Ok((!answer.is_empty()).then(|| answer.to_string()))
}

/// `123456789012-device` for an MFA ARN, `session-SERIAL` for a hardware serial.
fn default_profile(serial: &str) -> String {
    match serial.strip_prefix("arn:aws:iam::") {
        Some(_) => {
            let parts: Vec<&str> = serial.split(':').collect();
            let device = parts
                .get(5)
                .and_then(|p| p.rsplit('/').next())
                .unwrap_or_default();
            format!("{}-{device}", parts.get(4).unwrap_or(&""))
        }
        None => format!("session-{serial}"),
    }
}

pub async fn run(
    session: &Session<'_>,
    args: Args<'_>,
    printer: &mut Printer,
    mut input: impl BufRead,
) -> Result<Outcome, Error> {
    let duration = params::integer(args.duration_seconds)?;
    Validator::default()
        .min_value("DurationSeconds", Some(duration), 900)
        .finish()?;
    let required = |printer: &mut Printer, what: &str| -> Result<Outcome, Error> {
        printer.err_line(&format!("{what} is required"))?;
        Ok(Outcome::Done(1))
    };
    let (credentials, serial) = match session.credentials().await {
        Ok(Some(found)) => {
            let configured = args
                .serial_number
                .clone()
                .or_else(|| session.settings.profile_config.get("mfa_serial").cloned());
            let serial = match configured {
                Some(s) => s,
                None => match ask(printer, &mut input, "MFA serial number or ARN")? {
                    Some(s) => s,
                    None => return required(printer, "MFA serial number or MFA device ARN"),
                },
            };
            (found, serial)
        }
        Ok(None) | Err(Error::Credentials(CredentialsError::NotFound)) => {
            // No credentials anywhere: ask for long-term keys to exchange.
            printer.out_line("Please provide your AWS credentials:")?;
            let mut answer = |printer: &mut Printer, text: &str| ask(printer, &mut input, text);
            let Some(key) = answer(printer, "AWS Access Key ID")? else {
                return required(printer, "AWS Access Key ID");
            };
            let Some(secret) = answer(printer, "AWS Secret Access Key")? else {
                return required(printer, "AWS Secret Access Key");
            };
            let serial = match args.serial_number {
                Some(s) => s.clone(),
                None => match answer(printer, "MFA serial number or ARN")? {
                    Some(s) => s,
                    None => return required(printer, "MFA serial number or ARN"),
                },
            };
            let typed = Credentials {
                access_key_id: key,
                secret_access_key: Secret::new(secret),
                session_token: None,
                expiration: None,
                account_id: None,
                source: Source::SharedCredentialsFile,
            };
            (typed, serial)
        }
        Err(e) => return Err(e),
    };
    let Some(code) = ask(printer, &mut input, "MFA token code")? else {
        return required(printer, "MFA token code");
    };
    let profile = match args.update_profile {
        Some(p) => p.clone(),
        None => {
            let default = default_profile(&serial);
            write!(printer.out(), "Profile to update [{default}]: ")?;
            printer.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                return Err(Error::StdinEof);
            }
            let answer = line.trim_end_matches(['\n', '\r']);
            if answer.is_empty() {
                default
            } else {
                answer.to_string()
            }
        }
    };
    let region = session.region().await?;
    let ctx = session.context(&region, Some(&credentials))?;
    let request = Input {
        duration_seconds: Some(duration),
        serial_number: Some(serial),
        token_code: Some(Secret::new(code)),
    };
    let response = match call_with(&ctx, &request).await {
        Ok(r) => r,
        Err(Error::Service(e)) => {
            printer.err_line(&format!("An error occurred: {e}"))?;
            return Ok(Outcome::Done(1));
        }
        Err(e) => return Err(e),
    };
    // An answer without credentials must not overwrite the profile with empty keys.
    crate::credentials::credentials_from_response(&response, Source::SharedCredentialsFile)?;
    let c = &response["Credentials"];
    let field = |k: &str| {
        c.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let (config_path, credentials_path) = config::file_paths(&session.settings.env);
    let files = Files {
        profile: Some(profile.clone()),
        config_path,
        credentials_path,
    };
    let changes = [
        Change::set("aws_access_key_id", field("AccessKeyId")),
        Change::set("aws_secret_access_key", field("SecretAccessKey")),
        Change::set("aws_session_token", field("SessionToken")),
    ];
    files.edit_credentials(&profile, &changes, printer)?;
    let expires = timestamp::parse(&field("Expiration")).map_or_else(
        || field("Expiration"),
        |t| {
            format!(
                "{} UTC",
                timestamp::date_time(t.to_offset(time::UtcOffset::UTC), ' ')
            )
        },
    );
    printer.out_line(&format!(
        "Temporary credentials written to profile '{profile}'"
    ))?;
    printer.out_line(&format!("Credentials will expire at {expires}"))?;
    printer.out_line(&format!(
        "To use these credentials, specify --profile {profile} when running AWS CLI commands"
    ))?;
    Ok(Outcome::Done(0))
}

#[cfg(test)]
mod tests {
    #[test]
    fn default_profiles_follow_the_device() {
        assert_eq!(
            super::default_profile("arn:aws:iam::123456789012:mfa/alice"),
            "123456789012-alice"
        );
        assert_eq!(
            super::default_profile("GAHT12345678"),
            "session-GAHT12345678"
        );
    }
}
