//! `awsctl configure get VARNAME`: a value from the files only (never the environment),
//! following the CLI's `get.py`: printed with a newline and exit 0, nothing and exit 1 when
//! missing, a message and exit 1 when the name is a nested block.

use std::collections::HashMap;

use super::Files;
use crate::commands::Outcome;
use crate::config::{SharedConfig, parse_nested};
use crate::error::Error;
use crate::printer::Printer;
use crate::settings::SettingsError;

/// A key's value as botocore sees it: a string, or a nested block (a value that starts on the
/// next line).
enum Found {
    Text(String),
    Block(HashMap<String, String>),
}

impl Found {
    fn of(raw: &str) -> Found {
        if raw.starts_with('\n') {
            Found::Block(parse_nested(raw))
        } else {
            Found::Text(raw.to_string())
        }
    }
}

pub fn run(files: &Files, varname: &str, printer: &mut Printer) -> Result<Outcome, Error> {
    let shared = files.load()?;
    let found = if varname.contains('.') {
        dotted(&shared, files, varname)?
    } else {
        // The profile's scoped config: a profile named explicitly must exist.
        if let Some(name) = &files.profile
            && !shared.profile_exists(name)
        {
            return Err(SettingsError::ProfileNotFound(name.clone()).into());
        }
        shared
            .scoped(files.profile_name())
            .get(varname)
            .map(|v| Found::of(v))
    };
    match found {
        Some(Found::Text(value)) => {
            printer.out_line(&value)?;
            Ok(Outcome::Done(0))
        }
        Some(Found::Block(_)) => {
            printer.err_text(&format!(
                "varname ({varname}) must reference a value, not a section or sub-section."
            ))?;
            Ok(Outcome::Done(1))
        }
        None => Ok(Outcome::Done(1)),
    }
}

/// `default.region`, `profile.dev.region`, `dev.region` (when `dev` is a profile),
/// `s3.max_queue_size` (the current profile), `plugins.NAME`.
fn dotted(shared: &SharedConfig, files: &Files, varname: &str) -> Result<Option<Found>, Error> {
    let parts: Vec<&str> = varname.split('.').collect();
    if let ["plugins", name] = parts.as_slice() {
        let value = shared
            .config
            .section("plugins")
            .and_then(|s| s.get(*name).cloned())
            .or_else(|| shared.scoped("plugins").get(*name).cloned());
        return Ok(value.map(|v| Found::of(&v)));
    }
    let part = |i: usize| parts.get(i).copied().ok_or(Error::MissingVarnamePart);
    let (profile, key, remaining) = if parts[0] == "profile" {
        (part(1)?, part(2)?, &parts[3..])
    } else if parts[0] == "default" || shared.profile_exists(parts[0]) {
        (parts[0], parts[1], &parts[2..])
    } else {
        (files.profile_name(), parts[0], &parts[1..])
    };
    let value = shared.scoped(profile).get(key).map(|v| Found::of(v));
    Ok(match (remaining, value) {
        // One level of nesting only; a longer name reads the key itself, as in the CLI.
        ([sub_key], Some(Found::Block(block))) => block.get(*sub_key).cloned().map(Found::Text),
        ([_], _) => None,
        (_, value) => value,
    })
}
