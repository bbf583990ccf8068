//! `awsctl configure [--profile NAME]`: prompts for the keys, the region and the output
//! format, showing the files' current values (secrets masked), and writes what changed: keys
//! to the credentials file, region and output to the config file. Prompts go to stdout and
//! answers are read line by line from stdin, like Python's `input()`.

use std::collections::HashMap;
use std::io::BufRead;

use super::{Files, mask};
use crate::commands::Outcome;
use crate::config::edit::{Change, profile_to_section};
use crate::error::Error;
use crate::printer::Printer;

const TIP: &str = "\nTip: You can deliver temporary credentials to the AWS CLI using your AWS Console session by running the command 'aws login'.\n\n";

const ACCESS_KEY: &str = "aws_access_key_id";
const SECRET_KEY: &str = "aws_secret_access_key";
const SESSION_TOKEN: &str = "aws_session_token";

/// `input` is the process's stdin: answers are read from it one line at a time.
pub fn run(files: &Files, printer: &mut Printer, input: impl BufRead) -> Result<Outcome, Error> {
    let shared = files.load()?;
    // Only the files' values for this profile (an unknown profile has none), never the
    // environment's.
    let current = shared.scoped(files.profile_name());
    let in_credentials_file = shared
        .credentials_profile(files.profile_name())
        .unwrap_or_default();
    if current.is_empty() {
        printer.out().write_all(TIP.as_bytes())?;
    }
    let mut prompter = Prompter {
        printer,
        input,
        current: &current,
    };
    let access_key = prompter.ask("AWS Access Key ID", ACCESS_KEY, true)?;
    let secret_key = prompter.ask("AWS Secret Access Key", SECRET_KEY, true)?;
    // v2 asks for a token for temporary (ASIA) keys, or to keep one while the key stays.
    let wants_token = match &access_key {
        Some(key) => key.starts_with("ASIA"),
        None => current.contains_key(SESSION_TOKEN),
    };
    let token = if wants_token {
        prompter.ask("AWS Session Token", SESSION_TOKEN, true)?
    } else {
        None
    };
    let region = prompter.ask("Default region name", "region", false)?;
    let output = prompter.ask("Default output format", "output", false)?;

    let mut credentials: Vec<Change> = [
        (ACCESS_KEY, access_key.as_ref()),
        (SECRET_KEY, secret_key.as_ref()),
        (SESSION_TOKEN, token.as_ref()),
    ]
    .into_iter()
    .filter_map(|(key, value)| Some(Change::set(key, value?)))
    .collect();
    // A new long-term key makes the old session token wrong: it goes.
    if access_key.is_some() && !wants_token && in_credentials_file.contains_key(SESSION_TOKEN) {
        credentials.push(Change::Remove {
            key: SESSION_TOKEN.into(),
        });
    }
    let config: Vec<Change> = [("region", region), ("output", output)]
        .into_iter()
        .filter_map(|(key, value)| Some(Change::set(key, value?)))
        .collect();
    if credentials.is_empty() && config.is_empty() {
        return Ok(Outcome::Done(0));
    }
    if !credentials.is_empty() {
        files.edit_credentials(files.profile_name(), &credentials, printer)?;
    }
    // Like the CLI, the config file gets the profile's section even when only keys changed.
    let section = files
        .profile
        .as_deref()
        .map_or_else(|| "default".to_string(), profile_to_section);
    files.edit_config(&section, &config)?;
    Ok(Outcome::Done(0))
}

struct Prompter<'a, R> {
    printer: &'a mut Printer,
    input: R,
    current: &'a HashMap<String, String>,
}

impl<R: BufRead> Prompter<'_, R> {
    /// Prompts `TEXT [current]: ` and returns the answer when it changes the value; Enter (or
    /// the same value again) keeps it.
    fn ask(&mut self, text: &str, key: &str, secret: bool) -> Result<Option<String>, Error> {
        let current = self.current.get(key);
        let shown = match current {
            None => "None".to_string(),
            Some(value) if secret => mask(value),
            Some(value) => value.clone(),
        };
        write!(self.printer.out(), "{text} [{shown}]: ")?;
        self.printer.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            // Nothing was written yet: the files are as they were.
            return Err(Error::StdinEof);
        }
        let answer = line
            .strip_suffix('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .unwrap_or(&line);
        let changed = !answer.is_empty() && current.map(String::as_str) != Some(answer);
        Ok(changed.then(|| answer.to_string()))
    }
}
