//! The one way commands write: stdout carries data only; progress, warnings and errors go to
//! stderr. Stdout is buffered; it is flushed before anything goes to stderr so that the two
//! streams interleave in the order they were written, as the CLI's do on a terminal. Data can
//! be sent through a pager instead (`page_through`), which `finish` waits for.

use std::io::{self, BufWriter, Stderr, Stdout, Write};
use std::process::ChildStdin;

use crate::env::Env;
use crate::error::Error;
use crate::pager::{self, Pager};

/// Where data goes: the real stdout, or a pager's stdin.
enum Sink {
    Stdout(Stdout),
    Pager(ChildStdin),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::Pager(p) => p.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::Pager(p) => p.flush(),
        }
    }
}

pub struct Printer {
    out: BufWriter<Sink>,
    err: Stderr,
    pager: Option<Pager>,
}

impl Default for Printer {
    fn default() -> Self {
        Self::new()
    }
}

impl Printer {
    pub fn new() -> Printer {
        Printer {
            out: BufWriter::new(Sink::Stdout(io::stdout())),
            err: io::stderr(),
            pager: None,
        }
    }

    /// From now on, data goes through `command` when stdout is a terminal (once: a second
    /// call, or `None`, changes nothing).
    pub fn page_through(&mut self, command: Option<&str>, env: &Env) -> Result<(), Error> {
        let Some(command) = command else {
            return Ok(());
        };
        if self.pager.is_some() || !pager::stdout_is_terminal() {
            return Ok(());
        }
        self.out.flush()?;
        let (pager, stdin) = Pager::start(command, env)?;
        self.out = BufWriter::new(Sink::Pager(stdin));
        self.pager = Some(pager);
        Ok(())
    }

    /// The data stream, for renderers that write bytes.
    pub fn out(&mut self) -> &mut dyn Write {
        &mut self.out
    }

    /// One line of data on stdout.
    pub fn out_line(&mut self, line: &str) -> io::Result<()> {
        self.out.write_all(line.as_bytes())?;
        self.out.write_all(b"\n")
    }

    /// One line on stderr (warnings, failures, prompts' surroundings).
    pub fn err_line(&mut self, line: &str) -> io::Result<()> {
        self.out.flush()?;
        let mut err = self.err.lock();
        err.write_all(line.as_bytes())?;
        err.write_all(b"\n")
    }

    /// Text on stderr as it is, without a newline added (some CLI messages end without one).
    pub fn err_text(&mut self, text: &str) -> io::Result<()> {
        self.out.flush()?;
        self.err.lock().write_all(text.as_bytes())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Flushes the data; with a pager, closes its input and waits until the reader quits it.
    pub fn finish(mut self) -> io::Result<()> {
        let flushed = self.out.flush();
        if let Some(pager) = self.pager.take() {
            // Dropping the writer closes the pipe: the pager sees the end of its input.
            drop(std::mem::replace(
                &mut self.out,
                BufWriter::new(Sink::Stdout(io::stdout())),
            ));
            pager.wait();
        }
        flushed
    }
}
