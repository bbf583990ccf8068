//! The whole run: parse the arguments, resolve the settings, run the command, print its
//! result, and turn any error into the CLI's text and exit code.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::commands::{self, Outcome};
use crate::completion;
use crate::driver;
use crate::driver::globals::FirstPass;
use crate::driver::operation::Planned;
use crate::driver::route::{self, Route};
use crate::env::Env;
use crate::error::Error;
use crate::error_format::{self, ErrorFormat};
use crate::output::{self, OutputFormat, RenderOptions};
use crate::pager;
use crate::printer::Printer;
use crate::services::Session;
use crate::settings::{ColorChoice, Settings};
use crate::usage::{self, ParseFailure};

/// The version line, in the shape of `aws --version` (`aws-cli/2.x Python/3.x Linux/6.8.0
/// exe/x86_64...`): space-separated `name/value` words, awsctl's own first, so scripts that
/// split on spaces and `/` read the version as they read the CLI's.
pub fn version() -> String {
    let (system, release) = platform();
    let platform = match release {
        Some(release) => format!("{system}/{release}"),
        None => system.to_string(),
    };
    format!(
        "awsctl/{} {platform} exe/{}",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::ARCH
    )
}

/// The system's name as Python's `platform.system()` spells it, and its release (the kernel's).
fn platform() -> (&'static str, Option<String>) {
    let system = match std::env::consts::OS {
        "linux" => "Linux",
        "macos" => "Darwin",
        "windows" => "Windows",
        "freebsd" => "FreeBSD",
        other => other,
    };
    let release = if cfg!(target_os = "linux") {
        std::fs::read_to_string("/proc/sys/kernel/osrelease").ok()
    } else if cfg!(unix) {
        std::process::Command::new("uname")
            .arg("-r")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
    } else {
        None
    };
    let release = release
        .map(|r| r.trim().replace(' ', "_"))
        .filter(|r| !r.is_empty());
    (system, release)
}

/// Runs awsctl and returns the exit code. Output goes to the real stdout and stderr.
pub fn main_with(args: impl IntoIterator<Item = OsString>, env: Env) -> u8 {
    let args: Vec<OsString> = args.into_iter().collect();
    // Words that are not UTF-8 can only be clap's to refuse.
    let words: Option<Vec<String>> = args
        .iter()
        .skip(1)
        .map(|a| a.to_str().map(str::to_string))
        .collect();
    if let Some(words) = words {
        // The shell's completion callback: before any parsing, since a half-typed line is
        // rarely a valid one.
        if words.first().is_some_and(|w| w == "__complete") {
            return completion::complete(&words[1..], env);
        }
        match route::route(&words) {
            Ok(Route::HandWritten) => {}
            Ok(Route::Help { first, target }) => {
                let printed = driver::help::page(&target)
                    .and_then(|text| print_help(&text, first.globals.no_cli_pager, &env));
                return printed.unwrap_or_else(|error| report(&error));
            }
            Ok(Route::Completion(words)) => {
                return match completion::script(&words) {
                    Ok(text) => {
                        let _ = std::io::stdout().write_all(text.as_bytes());
                        0
                    }
                    Err(error) => report(&error),
                };
            }
            Ok(Route::Model { first, service }) => {
                let mut format = error_format(first.globals.cli_error_format.as_deref(), &env);
                let chosen = first.globals.cli_error_format.is_some()
                    || env.get("AWS_CLI_ERROR_FORMAT").is_some();
                let mut from_profile = None;
                return match run_model(first, service, env, &mut from_profile) {
                    Ok(code) => code,
                    Err(error) => {
                        if let (false, Some(name)) = (chosen, from_profile) {
                            format = ErrorFormat::from_name(&name);
                        }
                        report_as(&error, format)
                    }
                };
            }
            Err(error) => return report(&error),
        }
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            return match usage::from_clap(e) {
                ParseFailure::Print(text) => {
                    let _ = std::io::stdout().write_all(text.as_bytes());
                    0
                }
                ParseFailure::Fail(error) => report(&error),
            };
        }
    };
    if cli.global.version {
        println!("{}", version());
        return 0;
    }
    let Some(command) = &cli.command else {
        return report(&Error::ParamValidation {
            message: "the following arguments are required: command".into(),
            usage: true,
        });
    };
    let format = error_format(cli.global.cli_error_format.as_deref(), &env);
    match run(&cli, command, env) {
        Ok(code) => code,
        Err(error) => report_as(&error, format),
    }
}

/// `--cli-error-format`, else `AWS_CLI_ERROR_FORMAT`, else enhanced.
fn error_format(option: Option<&str>, env: &Env) -> ErrorFormat {
    option
        .map(str::to_string)
        .or_else(|| env.get("AWS_CLI_ERROR_FORMAT").map(str::to_string))
        .map(|name| ErrorFormat::from_name(&name))
        .unwrap_or_default()
}

fn run(cli: &Cli, command: &Command, env: Env) -> Result<u8, Error> {
    with_printer(|printer| match command {
        // The configure commands that only read and edit the files resolve no settings: the
        // CLI checks the region, the retry mode or that a named profile exists only when it
        // builds a client, so `configure set` can create a profile or repair a bad setting.
        Command::Configure(
            args @ crate::cli::ConfigureArgs {
                command: Some(crate::cli::ConfigureCommand::Sso { .. }),
            },
        ) => commands::configure::run_sso(args, &cli.global, &env, printer).map(|o| o.code()),
        Command::Configure(args) if commands::configure::edits_files(args) => {
            commands::configure::run_on_files(args, &cli.global, &env, printer).map(|o| o.code())
        }
        _ => run_with_settings(cli, command, env, printer),
    })
}

/// A model-driven command: planned from its words (help and input skeletons need nothing
/// more), then the settings, then the call.
/// `from_profile` receives the profile's `cli_error_format`, once the settings are read.
fn run_model(
    first: Box<FirstPass>,
    service: &'static str,
    env: Env,
    from_profile: &mut Option<String>,
) -> Result<u8, Error> {
    let planned = driver::operation::plan(service, &first.rest)?;
    let no_pager = first.globals.no_cli_pager;
    if let Planned::Help(text) = &planned {
        return print_help(text, no_pager, &env);
    }
    with_printer(|printer| match planned {
        Planned::Print(text) => {
            printer.out().write_all(text.as_bytes())?;
            Ok(0)
        }
        Planned::Help(_) => unreachable!("printed above"),
        Planned::SampleOutput { operation, value } => {
            let settings = Settings::resolve(&first.globals, env)?;
            *from_profile = settings.profile_config.get("cli_error_format").cloned();
            start_pager(&settings, no_pager, printer)?;
            print_response(&settings, &operation.name, &value, printer)?;
            Ok(0)
        }
        Planned::Send(mut request) => {
            request.binary_format = first.globals.cli_binary_format.clone();
            let settings = Settings::resolve(&first.globals, env)?;
            *from_profile = settings.profile_config.get("cli_error_format").cloned();
            let session = Session::new(&settings);
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let outcome = runtime.block_on(driver::invoke::run(&request, &session))?;
            finish(&settings, no_pager, outcome, printer)
        }
        Planned::Wait(mut wait) => {
            wait.request.binary_format = first.globals.cli_binary_format.clone();
            let settings = Settings::resolve(&first.globals, env)?;
            *from_profile = settings.profile_config.get("cli_error_format").cloned();
            let session = Session::new(&settings);
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(driver::waiter::run(&wait, &session))?;
            Ok(0)
        }
    })
}

/// A help page, through the help pager on a terminal (printed as it is when the pager
/// cannot be started, as the CLI does).
fn print_help(text: &str, no_pager: bool, env: &Env) -> Result<u8, Error> {
    with_printer(|printer| {
        let _ = printer.page_through(pager::for_help(no_pager, env).as_deref(), env);
        printer.out().write_all(text.as_bytes())?;
        Ok(0)
    })
}

/// Sends what follows through the response pager, when stdout is a terminal.
fn start_pager(settings: &Settings, no_pager: bool, printer: &mut Printer) -> Result<(), Error> {
    let configured = settings.profile_config.get("cli_pager").map(String::as_str);
    let command = pager::for_output(no_pager, &settings.env, configured);
    printer.page_through(command.as_deref(), &settings.env)
}

/// Runs `body` with the printer for stdout, flushing it after (and waiting for the pager, if
/// one was started); a closed pipe is success.
fn with_printer(body: impl FnOnce(&mut Printer) -> Result<u8, Error>) -> Result<u8, Error> {
    let mut printer = Printer::new();
    let result = body(&mut printer);
    let flushed = printer.finish();
    match (result, flushed) {
        // A closed pipe (`| head`) is the reader's choice, not an error worth reporting.
        (Err(Error::Io(e)), _) | (Ok(_), Err(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(0)
        }
        (Ok(code), Ok(())) => Ok(code),
        (Ok(_), Err(e)) => Err(Error::Io(e)),
        (Err(e), _) => Err(e),
    }
}

fn run_with_settings(
    cli: &Cli,
    command: &Command,
    env: Env,
    printer: &mut Printer,
) -> Result<u8, Error> {
    let settings = Settings::resolve(&cli.global, env)?;
    let session = Session::new(&settings);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let outcome = runtime.block_on(commands::run(command, &session, printer))?;
    finish(&settings, cli.global.no_cli_pager, outcome, printer)
}

/// Prints what a command returned (through the pager on a terminal), and its exit code.
fn finish(
    settings: &Settings,
    no_pager: bool,
    outcome: Outcome,
    printer: &mut Printer,
) -> Result<u8, Error> {
    if !matches!(outcome, Outcome::Done(_)) {
        start_pager(settings, no_pager, printer)?;
    }
    match outcome {
        Outcome::Response { operation, value } => {
            print_response(settings, operation, &value, printer)?;
            Ok(0)
        }
        // The CLI's text format prints (and queries) each page on its own.
        Outcome::Pages { operation, pages } if settings.output == OutputFormat::Text => {
            for document in pages.per_page() {
                print_response(settings, operation, &document, printer)?;
            }
            Ok(0)
        }
        // yaml-stream prints every page as the service sent it, each a document of its own.
        Outcome::Pages { operation, pages } if settings.output == OutputFormat::YamlStream => {
            for page in &pages.pages {
                print_response(settings, operation, page, printer)?;
            }
            Ok(0)
        }
        Outcome::Pages { operation, pages } => {
            print_response(settings, operation, &pages.full_result(), printer)?;
            Ok(0)
        }
        Outcome::Document {
            operation,
            value,
            then,
        } => {
            print_response(settings, operation, &value, printer)?;
            printer.out().write_all(then.as_bytes())?;
            Ok(0)
        }
        Outcome::Done(code) => Ok(code),
    }
}

fn print_response(
    settings: &Settings,
    operation: &str,
    value: &serde_json::Value,
    printer: &mut Printer,
) -> Result<(), Error> {
    let queried;
    let value = match &settings.query {
        Some(query) => {
            queried = query.apply(value)?;
            &queried
        }
        None => value,
    };
    let is_terminal = std::io::stdout().is_terminal();
    let options = RenderOptions {
        format: settings.output,
        color: match settings.color {
            ColorChoice::On => true,
            ColorChoice::Off => false,
            ColorChoice::Auto => is_terminal,
        },
        terminal_width: if is_terminal {
            terminal_size::terminal_size().map(|(w, _)| w.0 as usize)
        } else {
            None
        },
    };
    Ok(output::render(value, operation, &options, printer.out())?)
}

/// Prints an error the one way errors are printed, and returns its exit code.
fn report(error: &Error) -> u8 {
    report_as(error, ErrorFormat::Enhanced)
}

fn report_as(error: &Error, format: ErrorFormat) -> u8 {
    let _ = std::io::stderr().write_all(error_format::render(error, format).as_bytes());
    error.exit_code()
}
