//! What a transfer command prints and the exit code it ends with (aws-cli-behaviour.md 1.3,
//! 1.4): success lines on stdout, failures and warnings on stderr; `--quiet` silences
//! everything, `--only-show-errors` (and streaming through `-`) keeps failures and warnings;
//! 1 if anything failed, else 2 if anything was skipped with a warning, else 0.

use crate::printer::Printer;

/// One transfer's outcome, as the line it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Success(String),
    Failure(String),
    Warning(String),
    /// Filtered out: nothing to say.
    Nothing,
}

pub struct Report<'p> {
    printer: &'p mut Printer,
    quiet: bool,
    only_errors: bool,
    failed: bool,
    warned: bool,
}

impl<'p> Report<'p> {
    pub fn new(printer: &'p mut Printer, quiet: bool, only_errors: bool) -> Self {
        Report {
            printer,
            quiet,
            only_errors,
            failed: false,
            warned: false,
        }
    }

    pub fn printer(&mut self) -> &mut Printer {
        self.printer
    }

    pub fn event(&mut self, event: Event) -> std::io::Result<()> {
        match event {
            Event::Success(line) => {
                if self.quiet || self.only_errors {
                    return Ok(());
                }
                self.printer.out_line(&line)?;
                // Each line as it happens: a long recursive copy shows its progress so.
                self.printer.flush()
            }
            Event::Failure(line) => {
                self.failed = true;
                self.err(&line)
            }
            Event::Warning(line) => {
                self.warned = true;
                self.err(&line)
            }
            Event::Nothing => Ok(()),
        }
    }

    fn err(&mut self, line: &str) -> std::io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        self.printer.err_line(line)
    }

    pub fn code(&self) -> u8 {
        if self.failed {
            1
        } else if self.warned {
            2
        } else {
            0
        }
    }
}
