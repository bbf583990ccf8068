//! What a transfer command prints and the exit code it ends with, as the AWS CLI's `cp`,
//! `mv` and `sync` do: a line per success (`upload: ./a to s3://b/a`) on stdout; a line per
//! failure (`upload failed: ./a to s3://b/a <error>`), `warning: ...` and `fatal error: ...`
//! on stderr. `--quiet` silences everything, `--only-show-errors` (and streaming through `-`)
//! keeps failures and warnings. The exit code is the CLI's: 1 if anything failed, else 2 if
//! anything was skipped with a warning, else 0. On a terminal, the CLI's progress line (with
//! an ETA added) that each result line replaces.

use std::time::Duration;

use crate::commands::s3::format::human_size;
use crate::printer::Printer;
use crate::services::s3::transfer::progress::Figures;

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
    /// Whether progress lines are shown (stdout is a terminal and nothing asked otherwise).
    show_progress: bool,
    /// The length of the progress line on screen, 0 when there is none.
    progress_len: usize,
}

impl<'p> Report<'p> {
    pub fn new(printer: &'p mut Printer, quiet: bool, only_errors: bool) -> Self {
        Report {
            printer,
            quiet,
            only_errors,
            failed: false,
            warned: false,
            show_progress: false,
            progress_len: 0,
        }
    }

    /// Shows progress lines from now on (the caller checked that stdout is a terminal).
    pub fn with_progress(mut self, show: bool) -> Self {
        self.show_progress = show;
        self
    }

    pub fn shows_progress(&self) -> bool {
        self.show_progress
    }

    /// `Completed 6.0 MiB/12.0 MiB (3.1 MiB/s) with 1 file(s) remaining`, ended by `\r` so that
    /// the next line overwrites it.
    pub fn progress(&mut self, figures: Figures, elapsed: Duration) -> std::io::Result<()> {
        if !self.show_progress {
            return Ok(());
        }
        let line = progress_line(figures, elapsed);
        self.clear_progress()?;
        let out = self.printer.out();
        out.write_all(line.as_bytes())?;
        out.write_all(b"\r")?;
        self.progress_len = line.len();
        self.printer.flush()
    }

    /// Blanks the progress line, if one is shown.
    pub fn clear_progress(&mut self) -> std::io::Result<()> {
        if self.progress_len == 0 {
            return Ok(());
        }
        let blank = format!("{}\r", " ".repeat(self.progress_len));
        self.printer.out().write_all(blank.as_bytes())?;
        self.progress_len = 0;
        self.printer.flush()
    }

    pub fn printer(&mut self) -> &mut Printer {
        self.printer
    }

    pub fn event(&mut self, event: Event) -> std::io::Result<()> {
        if event != Event::Nothing {
            self.clear_progress()?;
        }
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

/// `Completed 6.0 MiB/12.0 MiB (3.1 MiB/s) with 1 file(s) remaining, ETA 2s`: the CLI's line,
/// and beyond it (the CLI has none) how long the rest takes at the rate so far.
fn progress_line(figures: Figures, elapsed: Duration) -> String {
    let rate = (figures.bytes_done as f64 / elapsed.as_secs_f64().max(0.001)) as u64;
    let mut line = format!(
        "Completed {}/{} ({}/s) with {} file(s) remaining",
        human_size(figures.bytes_done),
        human_size(figures.bytes_expected),
        human_size(rate),
        figures.files_remaining
    );
    let left = figures.bytes_expected.saturating_sub(figures.bytes_done);
    if rate > 0 && left > 0 {
        line.push_str(&format!(", ETA {}", eta(left / rate)));
    }
    line
}

/// Seconds as `45s`, `3m05s` or `2h07m`.
fn eta(seconds: u64) -> String {
    match seconds {
        0..60 => format!("{seconds}s"),
        60..3600 => format!("{}m{:02}s", seconds / 60, seconds % 60),
        _ => format!("{}h{:02}m", seconds / 3600, seconds % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_lines_add_an_eta_once_there_is_a_rate() {
        let mib = 1024 * 1024;
        let figures = |done, expected| Figures {
            bytes_done: done,
            bytes_expected: expected,
            files_remaining: 1,
        };
        let second = Duration::from_secs(1);
        assert_eq!(
            progress_line(figures(6 * mib, 12 * mib), 2 * second),
            "Completed 6.0 MiB/12.0 MiB (3.0 MiB/s) with 1 file(s) remaining, ETA 2s"
        );
        assert_eq!(
            progress_line(figures(0, 12 * mib), second),
            "Completed 0 Bytes/12.0 MiB (0 Bytes/s) with 1 file(s) remaining"
        );
        assert_eq!(
            progress_line(figures(12 * mib, 12 * mib), second),
            "Completed 12.0 MiB/12.0 MiB (12.0 MiB/s) with 1 file(s) remaining"
        );
    }

    #[test]
    fn eta_reads_naturally() {
        assert_eq!(super::eta(0), "0s");
        assert_eq!(super::eta(59), "59s");
        assert_eq!(super::eta(185), "3m05s");
        assert_eq!(super::eta(7620), "2h07m");
    }
}
