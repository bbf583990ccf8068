//! `awsctl configure ...`: the interactive prompts and the subcommands that read and edit the
//! shared files. They resolve no settings (only the profile's name and the files' paths), so
//! that a profile can be created and a broken setting repaired, as with the CLI.

mod get;
mod interactive;
mod list_profiles;
mod set;

use std::path::PathBuf;

use super::Outcome;
use crate::cli::{ConfigureArgs, ConfigureCommand, GlobalArgs};
use crate::config::edit::{self, Change};
use crate::config::{self, SharedConfig};
use crate::env::Env;
use crate::error::Error;
use crate::printer::Printer;
use crate::settings::{self, SettingsError};

pub fn run(
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
    }
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
    fn edit_credentials(
        &self,
        section: &str,
        changes: &[Change],
        printer: &mut Printer,
    ) -> Result<(), Error> {
        let mode = edit::update_file(&self.credentials_path, section, changes)?;
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
