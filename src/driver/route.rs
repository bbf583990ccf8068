//! The top of the command table: which commands are hand-written (clap's tree in `cli/`),
//! which come from a service model, and the CLI's "invalid choice" for anything else.
//!
//! A hand-written service (`sts`, `ec2`, ...) keeps its own subcommands; its other operations
//! come from the model, so `ec2 describe-vpcs` works beside the hand-written
//! `ec2 describe-instances`.

use clap::CommandFactory;

use super::globals::{self, FirstPass};
use super::names;
use super::suggest;
use crate::cli::Cli;
use crate::error::Error;
use crate::model::embedded;

/// Commands with no model behind them (or whose model commands the CLI replaces).
const HAND_WRITTEN_ONLY: &[&str] = &["configure", "s3", "imds"];

/// Where a command line goes.
pub enum Route {
    /// clap's tree: the hand-written commands, `--version`, and no command at all.
    HandWritten,
    /// An operation of a service model.
    Model {
        first: Box<FirstPass>,
        /// The model's name (`s3`, not `s3api`).
        service: &'static str,
    },
}

pub fn route(args: &[String]) -> Result<Route, Error> {
    // A bad global option is the main parser's error, whatever the command; a line without
    // a command (or with only `--version`/`--help`) is clap's.
    let first = globals::parse(args)?;
    let Some(command) = first.command.as_deref() else {
        return Ok(Route::HandWritten);
    };
    if first.globals.version || HAND_WRITTEN_ONLY.contains(&command) {
        return Ok(Route::HandWritten);
    }
    let cli = Cli::command();
    if let Some(hand_written) = cli.find_subcommand(command) {
        let operation = first.rest.iter().find(|a| !a.starts_with('-'));
        // `<service> help` is the model's list, which names the hand-written commands too.
        let overridden =
            operation.is_none_or(|op| hand_written.get_subcommands().any(|s| s.get_name() == op));
        if overridden || names::model_service_name(command).is_none() {
            return Ok(Route::HandWritten);
        }
    }
    match names::model_service_name(command) {
        Some(service) => Ok(Route::Model {
            first: Box::new(first),
            service,
        }),
        None => Err(Error::ArgParse(suggest::invalid_choice(
            "command",
            command,
            command_names(&cli).iter().map(String::as_str),
        ))),
    }
}

/// Every top-level command: the services by their CLI names and the hand-written ones.
pub fn command_names(cli: &clap::Command) -> Vec<String> {
    let mut all: Vec<String> = embedded::service_names()
        .map(|s| names::cli_service_name(s).to_string())
        .chain(cli.get_subcommands().map(|s| s.get_name().to_string()))
        .collect();
    all.sort();
    all.dedup();
    all
}
