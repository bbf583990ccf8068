//! The output pager, as the CLI v2 chooses and starts it: only when stdout is a terminal;
//! responses go through `AWS_PAGER`, else the profile's `cli_pager`, else `PAGER`, else `less`
//! (`more` on Windows), and help pages through `MANPAGER`, else `PAGER`, else `less -R`; an
//! empty value or `--no-cli-pager` turns it off. `less` gets `LESS=FRX` when `LESS` is unset
//! (quit when the output fits one screen, keep colours, leave the screen as it was).

use std::io::IsTerminal;
use std::process::{Child, ChildStdin, Command, Stdio};

use crate::env::Env;
use crate::error::Error;

#[cfg(windows)]
const DEFAULT: &str = "more";
#[cfg(not(windows))]
const DEFAULT: &str = "less";
#[cfg(windows)]
const HELP_DEFAULT: &str = "more";
#[cfg(not(windows))]
const HELP_DEFAULT: &str = "less -R";

/// The pager for a command's response, `None` when paging is off.
pub fn for_output(no_cli_pager: bool, env: &Env, cli_pager: Option<&str>) -> Option<String> {
    if no_cli_pager {
        return None;
    }
    let chosen = env
        .get_raw("AWS_PAGER")
        .or(cli_pager)
        .or_else(|| env.get_raw("PAGER"))
        .unwrap_or(DEFAULT);
    Some(chosen.trim().to_string()).filter(|c| !c.is_empty())
}

/// The pager for a help page, `None` when paging is off.
pub fn for_help(no_cli_pager: bool, env: &Env) -> Option<String> {
    if no_cli_pager {
        return None;
    }
    let chosen = env
        .get_raw("MANPAGER")
        .or_else(|| env.get_raw("PAGER"))
        .unwrap_or(HELP_DEFAULT);
    Some(chosen.trim().to_string()).filter(|c| !c.is_empty())
}

/// Whether output would be paged at all: stdout is a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// A running pager: what is written to `stdin` is shown; `wait` after the last write.
pub struct Pager {
    child: Child,
    _interrupts: Interrupts,
}

/// Ctrl-C while a pager runs is the pager's (less uses it to stop a search): awsctl must not
/// die under it and hand the terminal back to the shell while the pager still draws on it.
/// From just before the pager starts, SIGINT is taken by a handler that does nothing, for the
/// rest of the process (which ends when the pager does). A handled signal is reset to its
/// default by `exec`, so the pager itself keeps the usual Ctrl-C.
#[cfg(unix)]
struct Interrupts(
    #[allow(dead_code)] // held, never read: dropping it would end the registration
    Option<(tokio::runtime::Runtime, tokio::signal::unix::Signal)>,
);

#[cfg(unix)]
impl Interrupts {
    fn hold() -> Interrupts {
        use tokio::signal::unix::{SignalKind, signal};
        let held = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .ok()
            .and_then(|runtime| {
                let stream = runtime.block_on(async { signal(SignalKind::interrupt()) });
                stream.ok().map(|s| (runtime, s))
            });
        Interrupts(held)
    }
}

#[cfg(not(unix))]
struct Interrupts;

#[cfg(not(unix))]
impl Interrupts {
    fn hold() -> Interrupts {
        Interrupts
    }
}

impl Pager {
    /// Starts `command` (split as a shell would split it, without a shell; through `cmd /C`
    /// on Windows, as the CLI does) with its stdin a pipe.
    pub fn start(command: &str, env: &Env) -> Result<(Pager, ChildStdin), Error> {
        let mut process = build(command)?;
        if env.get_raw("LESS").is_none() {
            process.env("LESS", "FRX");
        }
        let interrupts = Interrupts::hold();
        let mut child = process
            .stdin(Stdio::piped())
            .spawn()
            .map_err(|e| unable(&e.to_string()))?;
        let stdin = child.stdin.take().expect("piped");
        let pager = Pager {
            child,
            _interrupts: interrupts,
        };
        Ok((pager, stdin))
    }

    /// Waits for the reader to quit the pager (the caller has closed its stdin).
    pub fn wait(mut self) {
        let _ = self.child.wait();
    }
}

#[cfg(not(windows))]
fn build(command: &str) -> Result<Command, Error> {
    let words = shlex::split(command)
        .filter(|w| !w.is_empty())
        .ok_or_else(|| unable(&format!("cannot split the pager command: {command}")))?;
    let mut process = Command::new(&words[0]);
    process.args(&words[1..]);
    Ok(process)
}

#[cfg(windows)]
fn build(command: &str) -> Result<Command, Error> {
    let mut process = Command::new("cmd");
    process.args(["/C", command]);
    Ok(process)
}

fn unable(detail: &str) -> Error {
    Error::Configuration(format!(
        "Unable to redirect output to pager. Received the following error when opening \
         pager:\n{detail}\n\nLearn more about configuring the output pager by running \
         \"awsctl help config-vars\"."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Env {
        Env::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn output_pager_precedence_and_empty_values() {
        assert_eq!(for_output(false, &env(&[]), None).as_deref(), Some(DEFAULT));
        let all = env(&[("AWS_PAGER", "most"), ("PAGER", "more")]);
        assert_eq!(
            for_output(false, &all, Some("cat")).as_deref(),
            Some("most")
        );
        let no_aws = env(&[("PAGER", "more")]);
        assert_eq!(
            for_output(false, &no_aws, Some("cat")).as_deref(),
            Some("cat")
        );
        assert_eq!(for_output(false, &no_aws, None).as_deref(), Some("more"));
        // An empty AWS_PAGER or cli_pager turns paging off rather than falling through.
        let empty = env(&[("AWS_PAGER", ""), ("PAGER", "more")]);
        assert_eq!(for_output(false, &empty, Some("cat")), None);
        assert_eq!(for_output(false, &no_aws, Some("")), None);
        assert_eq!(for_output(true, &all, Some("cat")), None);
    }

    #[test]
    fn help_pager_precedence() {
        assert_eq!(for_help(false, &env(&[])).as_deref(), Some(HELP_DEFAULT));
        let both = env(&[("MANPAGER", "most"), ("PAGER", "more"), ("AWS_PAGER", "x")]);
        assert_eq!(for_help(false, &both).as_deref(), Some("most"));
        assert_eq!(for_help(false, &env(&[("PAGER", "")])), None);
        assert_eq!(for_help(true, &both), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_missing_pager_is_a_configuration_error() {
        let Err(e) = Pager::start("/nonexistent/pager -x", &env(&[])) else {
            panic!("started")
        };
        assert_eq!(e.exit_code(), 253);
        assert!(
            e.to_string()
                .contains("Unable to redirect output to pager."),
            "{e}"
        );
    }
}
