//! `awsctl configure sso-session`: prompts for an `[sso-session]`'s name, start URL, region and
//! registration scopes (the current values in brackets, Enter keeps them) and writes the section
//! with the comment-preserving editor. Also the line prompter `configure sso` shares.

use std::collections::HashMap;
use std::io::BufRead;

use super::Files;
use crate::commands::Outcome;
use crate::config::edit::{Change, sso_session_to_section};
use crate::error::Error;
use crate::printer::Printer;
use crate::sso::registration::DEFAULT_SCOPE;

/// Questions on stdout, answers read line by line from stdin (like the CLI's prompts, without
/// their completion menus).
pub(super) struct Ask<'a, R> {
    pub printer: &'a mut Printer,
    pub input: R,
}

impl<R: BufRead> Ask<'_, R> {
    /// Asks `prompt`; Enter keeps `current`. A required value with no current one is asked for
    /// again until given.
    pub fn value(
        &mut self,
        prompt: &str,
        current: Option<&str>,
        required: bool,
    ) -> Result<Option<String>, Error> {
        loop {
            write!(self.printer.out(), "{prompt}")?;
            self.printer.flush()?;
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                return Err(Error::StdinEof);
            }
            let answer = line.trim();
            if !answer.is_empty() {
                return Ok(Some(answer.to_string()));
            }
            if current.is_some() || !required {
                return Ok(current.map(str::to_string));
            }
        }
    }

    /// `TEXT [current]: `, `[None]` when there is none.
    pub fn bracketed(
        &mut self,
        text: &str,
        current: Option<&str>,
        required: bool,
    ) -> Result<Option<String>, Error> {
        let prompt = format!("{text} [{}]: ", current.unwrap_or("None"));
        self.value(&prompt, current, required)
    }
}

/// An `[sso-session]`'s settings as the wizards ask for them (the section's current values
/// offered).
pub(super) struct SessionAnswers {
    pub start_url: String,
    pub region: String,
    pub scopes: Option<String>,
}

pub(super) fn ask_session_settings<R: BufRead>(
    ask: &mut Ask<'_, R>,
    current: &HashMap<String, String>,
) -> Result<SessionAnswers, Error> {
    let get = |k: &str| current.get(k).map(String::as_str);
    let start_url = ask
        .bracketed("SSO start URL", get("sso_start_url"), true)?
        .unwrap_or_default();
    let region = ask
        .bracketed("SSO region", get("sso_region"), true)?
        .unwrap_or_default();
    let scopes = ask.bracketed(
        "SSO registration scopes",
        Some(get("sso_registration_scopes").unwrap_or(DEFAULT_SCOPE)),
        false,
    )?;
    Ok(SessionAnswers {
        start_url,
        region,
        scopes,
    })
}

pub(super) fn write_session(
    files: &Files,
    name: &str,
    answers: &SessionAnswers,
) -> Result<(), Error> {
    let mut changes = vec![
        Change::set("sso_start_url", &answers.start_url),
        Change::set("sso_region", &answers.region),
    ];
    if let Some(scopes) = &answers.scopes {
        changes.push(Change::set("sso_registration_scopes", scopes));
    }
    files.edit_config(&sso_session_to_section(name), &changes)
}

pub fn run(files: &Files, printer: &mut Printer, input: impl BufRead) -> Result<Outcome, Error> {
    let shared = files.load()?;
    let mut ask = Ask { printer, input };
    let name = ask
        .value("SSO session name: ", None, true)?
        .unwrap_or_default();
    let current = shared.sso_session(&name).unwrap_or_default();
    let answers = ask_session_settings(&mut ask, &current)?;
    write_session(files, &name, &answers)?;
    ask.printer.out().write_all(
        format!(
            "\nCompleted configuring SSO session: {name}\nRun the following to login and refresh access token for this session:\n\nawsctl sso login --sso-session {name}\n"
        )
        .as_bytes(),
    )?;
    Ok(Outcome::Done(0))
}
