//! The top of the command table: which commands are hand-written (clap's tree in `cli/`),
//! which come from a service model, and the CLI's "invalid choice" for anything else.
//!
//! A hand-written service (`sts`, `ec2`, ...) keeps its own subcommands; its other operations
//! come from the model, so `ec2 describe-vpcs` works beside the hand-written
//! `ec2 describe-instances`.

use clap::CommandFactory;

use super::globals::{self, FirstPass};
use super::help;
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
    /// A help page that no model has to be parsed for.
    Help {
        first: Box<FirstPass>,
        target: HelpTarget,
    },
    /// `awsctl completion <shell>`: the words after `completion`.
    Completion(Vec<String>),
    /// An operation of a service model.
    Model {
        first: Box<FirstPass>,
        /// The model's name (`s3`, not `s3api`).
        service: &'static str,
    },
}

/// Which help page.
pub enum HelpTarget {
    /// `awsctl help`.
    Top,
    /// `awsctl help config-vars`.
    Topic(String),
    /// `awsctl s3 cp help`: the hand-written command's own help, by its words.
    HandWritten(Vec<String>),
}

pub fn route(args: &[String]) -> Result<Route, Error> {
    // A bad global option is the main parser's error, whatever the command; a line without
    // a command (or with only `--version`/`--help`) is clap's.
    let first = globals::parse(args)?;
    let Some(command) = first.command.as_deref() else {
        return Ok(Route::HandWritten);
    };
    if first.globals.version {
        return Ok(Route::HandWritten);
    }
    if command == "completion" {
        return Ok(Route::Completion(first.rest));
    }
    if command == "help" {
        let target = match first.rest.first() {
            None => HelpTarget::Top,
            Some(word) if help::topics::names().any(|t| t == word) => {
                HelpTarget::Topic(word.clone())
            }
            // `awsctl help ec2 describe-instances` is `awsctl ec2 describe-instances help`.
            Some(_) => {
                let mut again = args.to_vec();
                let at = again.iter().position(|a| a == "help").expect("the command");
                again.remove(at);
                again.push("help".into());
                return route(&again);
            }
        };
        let first = Box::new(first);
        return Ok(Route::Help { first, target });
    }
    let asks_help = asks_help(command, &first.rest);
    let hand_written_help = |first: FirstPass| {
        let command = first.command.clone().expect("a command");
        let mut words = vec![command];
        words.extend(first.rest.iter().filter(|w| !w.starts_with('-')).cloned());
        words.pop();
        Ok(Route::Help {
            first: Box::new(first),
            target: HelpTarget::HandWritten(words),
        })
    };
    if HAND_WRITTEN_ONLY.contains(&command) {
        return match asks_help {
            true => hand_written_help(first),
            false => Ok(Route::HandWritten),
        };
    }
    let cli = Cli::command();
    if let Some(hand_written) = cli.find_subcommand(command) {
        let model = names::model_service_name(command);
        let operation = first.rest.iter().find(|a| !a.starts_with('-'));
        // `ec2 help` is the model's page: it lists every operation, hand-written or not.
        let service_help = operation.is_some_and(|op| op == "help") && model.is_some();
        let overridden = operation.is_none_or(|op| {
            op == "help" || hand_written.get_subcommands().any(|s| s.get_name() == op)
        });
        if !service_help && (overridden || model.is_none()) {
            return match asks_help {
                true => hand_written_help(first),
                false => Ok(Route::HandWritten),
            };
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

/// `<command> [subcommand ...] help` for a hand-written command: `help` last, after nothing
/// but the names of subcommands (`s3 cp help`; `s3 cp s3://b/k help` downloads to `./help`).
fn asks_help(command: &str, rest: &[String]) -> bool {
    let Some((last, before)) = rest.split_last() else {
        return false;
    };
    if last != "help" {
        return false;
    }
    let cli = Cli::command();
    let Some(mut at) = cli.find_subcommand(command) else {
        return false;
    };
    for word in before.iter().filter(|w| !w.starts_with('-')) {
        match at.find_subcommand(word) {
            Some(sub) => at = sub,
            None => return false,
        }
    }
    true
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
