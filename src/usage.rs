//! Argument errors from clap, turned into the v2 messages and exit code 252.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::error::Error;

/// What the process should do about a clap error: print help/version and succeed, or fail.
pub enum ParseFailure {
    Print(String),
    Fail(Error),
}

pub fn from_clap(error: clap::Error) -> ParseFailure {
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        // clap names arguments `--role-arn <ROLE_ARN>`; the CLI names them `--role-arn`.
        Some(ContextValue::Strings(v)) => v
            .iter()
            .map(|a| a.split(' ').next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    // clap names an argument `--output <OUTPUT>`; the CLI names it `--output`.
    let arg = || {
        context(ContextKind::InvalidArg)
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let fail = |message: String, usage: bool| {
        ParseFailure::Fail(Error::ParamValidation { message, usage })
    };
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            ParseFailure::Print(error.render().to_string())
        }
        ErrorKind::UnknownArgument => fail(
            format!("Unknown options: {}", context(ContextKind::InvalidArg)),
            true,
        ),
        ErrorKind::InvalidSubcommand => {
            let mut message = format!(
                "argument operation: Found invalid choice '{}'",
                context(ContextKind::InvalidSubcommand)
            );
            let suggestions = context(ContextKind::SuggestedSubcommand);
            if !suggestions.is_empty() {
                message.push_str(&format!("\n\nMaybe you meant:\n\n  * {suggestions}\n"));
            }
            fail(message, false)
        }
        ErrorKind::InvalidValue => fail(
            format!(
                "argument {}: Found invalid choice '{}'",
                arg(),
                context(ContextKind::InvalidValue)
            ),
            false,
        ),
        ErrorKind::ValueValidation => fail(
            format!(
                "argument {}: invalid value: '{}'",
                arg(),
                context(ContextKind::InvalidValue)
            ),
            false,
        ),
        ErrorKind::MissingRequiredArgument => {
            // clap names each `--quota-code <STRING>` and positionals `<varname>`; argparse
            // names them `--quota-code` and `varname`.
            let bare = |a: &str| {
                a.split(' ')
                    .next()
                    .unwrap_or_default()
                    .trim_matches(['<', '>'])
                    .to_string()
            };
            let names: Vec<String> = match error.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(v)) => v.iter().map(|a| bare(a)).collect(),
                Some(ContextValue::String(a)) => vec![bare(a)],
                _ => Vec::new(),
            };
            fail(
                format!("the following arguments are required: {}", names.join(", ")),
                false,
            )
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => fail(
            "the following arguments are required: operation".into(),
            true,
        ),
        _ => {
            let text = error.render().to_string();
            let first = text
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ")
                .to_string();
            fail(first, true)
        }
    }
}
