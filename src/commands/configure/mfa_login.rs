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

/// Why the command stopped early: an answer left empty, STS refusing the code, or an error.
enum Stop {
    /// Printed as "WHAT is required", exit 1.
    Missing(&'static str),
    /// STS's error, printed as "An error occurred: ...", exit 1.
    Refused(String),
    Failed(Error),
}

impl From<Error> for Stop {
    fn from(e: Error) -> Stop {
        Stop::Failed(e)
    }
}

impl From<std::io::Error> for Stop {
    fn from(e: std::io::Error) -> Stop {
        Stop::Failed(e.into())
    }
}

pub async fn run(
    session: &Session<'_>,
    args: Args<'_>,
    printer: &mut Printer,
    mut input: impl BufRead,
) -> Result<Outcome, Error> {
    match login(session, &args, printer, &mut input).await {
        Ok(()) => Ok(Outcome::Done(0)),
        Err(Stop::Missing(what)) => {
            printer.err_line(&format!("{what} is required"))?;
            Ok(Outcome::Done(1))
        }
        Err(Stop::Refused(message)) => {
            printer.err_line(&format!("An error occurred: {message}"))?;
            Ok(Outcome::Done(1))
        }
        Err(Stop::Failed(e)) => Err(e),
    }
}

/// The whole exchange: credentials and MFA device, the code, the profile to write, the call.
async fn login(
    session: &Session<'_>,
    args: &Args<'_>,
    printer: &mut Printer,
    input: &mut impl BufRead,
) -> Result<(), Stop> {
    let duration = params::integer(args.duration_seconds)?;
    Validator::default()
        .min_value("DurationSeconds", Some(duration), 900)
        .finish()?;
    let (credentials, serial) = credentials_and_device(session, args, printer, input).await?;
    let code = require(printer, input, "MFA token code", "MFA token code")?;
    let profile = match args.update_profile {
        Some(p) => p.clone(),
        None => {
            let default = default_profile(&serial);
            ask(printer, input, &format!("Profile to update [{default}]"))?.unwrap_or(default)
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
        Err(Error::Service(e)) => return Err(Stop::Refused(e.to_string())),
        Err(e) => return Err(e.into()),
    };
    write_profile(session, &profile, &response, printer)?;
    Ok(())
}

/// `ask`, with an empty answer stopping the command ("WHAT is required").
fn require(
    printer: &mut Printer,
    input: &mut impl BufRead,
    text: &str,
    what: &'static str,
) -> Result<String, Stop> {
    ask(printer, input, text)?.ok_or(Stop::Missing(what))
}

/// The credentials to exchange and the MFA device: those the chain finds with the configured
/// device (else asked for), or, when there are none at all, long-term keys typed in.
async fn credentials_and_device(
    session: &Session<'_>,
    args: &Args<'_>,
    printer: &mut Printer,
    input: &mut impl BufRead,
) -> Result<(Credentials, String), Stop> {
    match session.credentials().await {
        Ok(Some(found)) => {
            let configured = args
                .serial_number
                .clone()
                .or_else(|| session.settings.profile_config.get("mfa_serial").cloned());
            let serial = match configured {
                Some(s) => s,
                None => require(
                    printer,
                    input,
                    "MFA serial number or ARN",
                    "MFA serial number or MFA device ARN",
                )?,
            };
            Ok((found, serial))
        }
        Ok(None) | Err(Error::Credentials(CredentialsError::NotFound)) => {
            typed_credentials(args, printer, input)
        }
        Err(e) => Err(e.into()),
    }
}

/// No credentials anywhere: long-term keys to exchange, and the device, asked for.
fn typed_credentials(
    args: &Args<'_>,
    printer: &mut Printer,
    input: &mut impl BufRead,
) -> Result<(Credentials, String), Stop> {
    printer.out_line("Please provide your AWS credentials:")?;
    let key = require(printer, input, "AWS Access Key ID", "AWS Access Key ID")?;
    let secret = require(
        printer,
        input,
        "AWS Secret Access Key",
        "AWS Secret Access Key",
    )?;
    let serial = match args.serial_number {
        Some(s) => s.clone(),
        None => require(
            printer,
            input,
            "MFA serial number or ARN",
            "MFA serial number or ARN",
        )?,
    };
    let typed = Credentials {
        access_key_id: key,
        secret_access_key: Secret::new(secret),
        session_token: None,
        expiration: None,
        account_id: None,
        source: Source::SharedCredentialsFile,
    };
    Ok((typed, serial))
}

/// The session credentials into the profile of the credentials file, and where they went.
fn write_profile(
    session: &Session<'_>,
    profile: &str,
    response: &Value,
    printer: &mut Printer,
) -> Result<(), Error> {
    // An answer without credentials must not overwrite the profile with empty keys.
    crate::credentials::credentials_from_response(response, Source::SharedCredentialsFile)?;
    let c = &response["Credentials"];
    let field = |k: &str| {
        c.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let (config_path, credentials_path) = config::file_paths(&session.settings.env);
    let files = Files {
        profile: Some(profile.to_string()),
        config_path,
        credentials_path,
    };
    let changes = [
        Change::set("aws_access_key_id", field("AccessKeyId")),
        Change::set("aws_secret_access_key", field("SecretAccessKey")),
        Change::set("aws_session_token", field("SessionToken")),
    ];
    files.edit_credentials(profile, &changes, printer)?;
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
    Ok(())
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
