//! `awsctl configure ...`: the interactive prompts and the subcommands that read and edit the
//! shared files. They resolve no settings (only the profile's name and the files' paths), so
//! that a profile can be created and a broken setting repaired, as with the CLI.

mod doctor;
mod export_credentials;
mod get;
mod interactive;
mod list;
mod list_profiles;
mod mfa_login;
mod set;
mod sso;
mod sso_session;

use std::path::PathBuf;

use super::Outcome;
use crate::cli::{ConfigureArgs, ConfigureCommand, GlobalArgs};
use crate::config::edit::{self, Change};
use crate::config::{self, SharedConfig};
use crate::env::Env;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::settings::{self, SettingsError};

/// Whether the command only reads and edits the files (and so runs without settings).
pub fn edits_files(args: &ConfigureArgs) -> bool {
    !matches!(
        args.command,
        Some(
            ConfigureCommand::List
                | ConfigureCommand::ExportCredentials { .. }
                | ConfigureCommand::MfaLogin { .. }
                | ConfigureCommand::Doctor
                | ConfigureCommand::Sso { .. }
        )
    )
}

/// `configure sso`: it signs in, so it needs settings for its HTTP client, but the profile it
/// writes may not exist yet, so they are resolved without it.
pub fn run_sso(
    args: &ConfigureArgs,
    global: &GlobalArgs,
    env: &Env,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let Some(ConfigureCommand::Sso {
        no_browser,
        use_device_code,
    }) = &args.command
    else {
        unreachable!("only configure sso comes here")
    };
    let files = Files::new(global, env);
    let global = GlobalArgs {
        profile: None,
        ..global.clone()
    };
    let settings = settings::Settings::resolve(
        &global,
        env.without(&["AWS_PROFILE", "AWS_DEFAULT_PROFILE"]),
    )?;
    let options = crate::sso::sign_in::Options {
        no_browser: *no_browser,
        use_device_code: *use_device_code,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(sso::run(
        &files,
        &settings,
        options,
        printer,
        std::io::stdin().lock(),
    ))
}

/// The interactive prompts, `get`, `set` and `list-profiles`: the files and the profile's name.
pub fn run_on_files(
    args: &ConfigureArgs,
    global: &GlobalArgs,
    env: &Env,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let files = Files::new(global, env);
    match &args.command {
        None => interactive::run(&files, printer, std::io::stdin().lock()),
        Some(ConfigureCommand::Get { varname }) => get::run(&files, varname, printer),
        Some(ConfigureCommand::Set { varname, value }) => set::run(&files, varname, value, printer),
        Some(ConfigureCommand::ListProfiles) => list_profiles::run(&files, printer),
        Some(ConfigureCommand::SsoSession) => {
            sso_session::run(&files, printer, std::io::stdin().lock())
        }
        Some(
            ConfigureCommand::Sso { .. }
            | ConfigureCommand::List
            | ConfigureCommand::ExportCredentials { .. }
            | ConfigureCommand::MfaLogin { .. }
            | ConfigureCommand::Doctor,
        ) => {
            unreachable!("resolved with settings: see edits_files")
        }
    }
}

/// `list` and `export-credentials`, which run the credential chain with the resolved settings.
pub async fn run(
    args: &ConfigureArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match &args.command {
        Some(ConfigureCommand::List) => list::run(session, printer).await,
        Some(ConfigureCommand::ExportCredentials { format }) => {
            export_credentials::run(session, *format, printer).await
        }
        Some(ConfigureCommand::MfaLogin {
            update_profile,
            duration_seconds,
            serial_number,
        }) => {
            let args = mfa_login::Args {
                update_profile,
                duration_seconds,
                serial_number,
            };
            mfa_login::run(session, args, printer, std::io::stdin().lock()).await
        }
        Some(ConfigureCommand::Doctor) => doctor::run(session, printer).await,
        Some(ConfigureCommand::Sso { .. }) => {
            unreachable!("configure sso resolves its own settings: see run_sso")
        }
        _ => unreachable!("the file commands run without settings: see edits_files"),
    }
}

/// How the CLI shows a secret it must not print: 16 stars and the last 4 characters.
pub fn mask(value: &str) -> String {
    let tail: String = value
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("****************{tail}")
}

/// What the configure commands work on: the two files and the profile named on the command
/// line or in the environment (`None`: the default profile, implicitly).
pub struct Files {
    pub profile: Option<String>,
    pub config_path: PathBuf,
    pub credentials_path: PathBuf,
}

impl Files {
    fn new(global: &GlobalArgs, env: &Env) -> Files {
        let (config_path, credentials_path) = config::file_paths(env);
        Files {
            profile: settings::explicit_profile(global, env),
            config_path,
            credentials_path,
        }
    }

    /// Both files, parsed: a malformed file stops the command before anything is written.
    fn load(&self) -> Result<SharedConfig, Error> {
        SharedConfig::load(&self.config_path, &self.credentials_path)
            .map_err(|e| Error::Settings(SettingsError::Ini(e)))
    }

    /// The profile's name as the credentials file's section, `default` when none is named.
    fn profile_name(&self) -> &str {
        self.profile.as_deref().unwrap_or("default")
    }

    fn edit_config(&self, section: &str, changes: &[Change]) -> Result<(), Error> {
        edit::update_file(&self.config_path, section, changes)?;
        Ok(())
    }

    /// Edits the credentials file, then warns as v2 does when others can read it.
    pub(super) fn edit_credentials(
        &self,
        section: &str,
        changes: &[Change],
        printer: &mut Printer,
    ) -> Result<(), Error> {
        let mode = edit::update_secret_file(&self.credentials_path, section, changes)?;
        if edit::is_permissive(mode) {
            let path = self.credentials_path.display();
            printer.err_line("")?;
            printer.err_line(&format!(
                "aws: [WARNING]: The file '{path}' is accessible by other users. Consider running 'chmod 600 {path}' to restrict access to only your user."
            ))?;
        }
        Ok(())
    }
}

/// Keys `configure set` writes to the credentials file rather than the config file.
const CREDENTIAL_KEYS: [&str; 4] = [
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
];
