//! The MFA code prompt. Read without echo from the terminal; without one (a pipe), from
//! stdin after the warning Python's getpass prints, as the CLI does.

use std::io::{BufRead, Write};

pub trait Prompter {
    /// Asks for the current code of the MFA device `serial`.
    fn mfa_code(&self, serial: &str) -> std::io::Result<String>;
}

pub struct TerminalPrompter;

impl Prompter for TerminalPrompter {
    fn mfa_code(&self, serial: &str) -> std::io::Result<String> {
        let prompt = format!("Enter MFA code for {serial}: ");
        if let Ok(code) = rpassword::prompt_password(&prompt) {
            return Ok(code.trim().to_string());
        }
        let mut err = std::io::stderr().lock();
        write!(err, "Warning: Password input may be echoed.\n{prompt}")?;
        err.flush()?;
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "EOF when reading a line",
            ));
        }
        Ok(line.trim().to_string())
    }
}
