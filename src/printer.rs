//! The one way commands write: stdout carries data only; progress, warnings and errors go to
//! stderr. Stdout is buffered; it is flushed before anything goes to stderr so that the two
//! streams interleave in the order they were written, as the CLI's do on a terminal.

use std::io::{self, BufWriter, Stderr, Stdout, Write};

pub struct Printer {
    out: BufWriter<Stdout>,
    err: Stderr,
}

impl Default for Printer {
    fn default() -> Self {
        Self::new()
    }
}

impl Printer {
    pub fn new() -> Printer {
        Printer {
            out: BufWriter::new(io::stdout()),
            err: io::stderr(),
        }
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
}
