//! Argument errors from clap, turned into the v2 messages and exit code 252.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::error::Error;

/// What the process should do about a clap error: print help/version and succeed, or fail.
pub enum ParseFailure {
    Print(String),
    Fail(Error),
}

pub fn from_clap(error: clap::Error) -> ParseFailure {
    let fail = |message: String, usage: bool| {
        ParseFailure::Fail(Error::ParamValidation { message, usage })
    };
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            ParseFailure::Print(error.render().to_string())
        }
        ErrorKind::UnknownArgument => fail(
            format!(
                "Unknown options: {}",
                context(&error, ContextKind::InvalidArg)
            ),
            true,
        ),
        ErrorKind::InvalidSubcommand => fail(invalid_operation(&error), false),
        ErrorKind::InvalidValue => fail(
            format!(
                "argument {}: Found invalid choice '{}'",
                invalid_arg(&error),
                context(&error, ContextKind::InvalidValue)
            ),
            false,
        ),
        ErrorKind::ValueValidation => fail(
            format!(
                "argument {}: invalid value: '{}'",
                invalid_arg(&error),
                context(&error, ContextKind::InvalidValue)
            ),
            false,
        ),
        ErrorKind::MissingRequiredArgument => fail(
            format!(
                "the following arguments are required: {}",
                missing_arguments(&error).join(", ")
            ),
            false,
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => fail(
            "the following arguments are required: operation".into(),
            true,
        ),
        _ => fail(first_line(&error), true),
    }
}

/// One piece of the error's context as text; several arguments joined by `, `.
fn context(error: &clap::Error, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        // clap names arguments `--role-arn <ROLE_ARN>`; the CLI names them `--role-arn`.
        Some(ContextValue::Strings(v)) => v
            .iter()
            .map(|a| a.split(' ').next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// The argument whose value was refused: clap names it `--output <OUTPUT>`; the CLI names it
/// `--output`.
fn invalid_arg(error: &clap::Error) -> String {
    context(error, ContextKind::InvalidArg)
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// An unknown operation, with clap's suggestions when it has some.
fn invalid_operation(error: &clap::Error) -> String {
    let mut message = format!(
        "argument operation: Found invalid choice '{}'",
        context(error, ContextKind::InvalidSubcommand)
    );
    let suggestions = context(error, ContextKind::SuggestedSubcommand);
    if !suggestions.is_empty() {
        message.push_str(&format!("\n\nMaybe you meant:\n\n  * {suggestions}\n"));
    }
    message
}

/// The required arguments missing: clap names each `--quota-code <STRING>` and positionals
/// `<varname>`; argparse names them `--quota-code` and `varname`.
fn missing_arguments(error: &clap::Error) -> Vec<String> {
    let bare = |a: &str| {
        a.split(' ')
            .next()
            .unwrap_or_default()
            .trim_matches(['<', '>'])
            .to_string()
    };
    match error.get(ContextKind::InvalidArg) {
        Some(ContextValue::Strings(v)) => v.iter().map(|a| bare(a)).collect(),
        Some(ContextValue::String(a)) => vec![bare(a)],
        _ => Vec::new(),
    }
}

/// Any other error: the first line of clap's own message, without its `error: `.
fn first_line(error: &clap::Error) -> String {
    let text = error.render().to_string();
    text.lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string()
}
