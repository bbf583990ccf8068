//! Showing the sign-in page to the user: the CLI's messages (with the device code when there
//! is one), and the browser opened unless `--no-browser`. The browser is `$BROWSER` when set
//! (a command, `%s` standing for the URL, else the URL appended: Python's `webbrowser` reads
//! it the same way), else `xdg-open` (`open` on macOS). Tests point `BROWSER` at a script.

use std::process::{Command, Stdio};

use crate::env::Env;
use crate::error::Error;
use crate::http::debug::DebugLog;
use crate::printer::Printer;

/// What the user is asked to open.
pub struct Pending<'a> {
    pub verification_uri: &'a str,
    pub verification_uri_complete: &'a str,
    /// The device flow's code to type in; `None` in the authorization code flow.
    pub user_code: Option<&'a str>,
}

pub struct Opener<'a> {
    /// `--no-browser`: print the URL only.
    pub no_browser: bool,
    pub env: &'a Env,
    pub log: DebugLog,
}

impl Opener<'_> {
    /// Prints the instructions (to stdout, as the CLI does) and opens the browser.
    pub fn show(&self, pending: &Pending, printer: &mut Printer) -> Result<(), Error> {
        let uri = pending.verification_uri;
        if self.no_browser {
            printer.out().write_all(
                format!(
                    "Browser will not be automatically opened.\nPlease visit the following URL:\n\n{uri}\n"
                )
                .as_bytes(),
            )?;
            if let Some(code) = pending.user_code {
                printer.out().write_all(format!(
                    "\nThen enter the code:\n\n{code}\n\nAlternatively, you may visit the following URL which will autofill the code upon loading:\n{}\n",
                    pending.verification_uri_complete
                ).as_bytes())?;
            }
            printer.flush()?;
            return Ok(());
        }
        let text = match pending.user_code {
            Some(code) => format!(
                "Attempting to open your default browser.\nIf the browser does not open or you wish to use a different device to authorize this request, open the following URL:\n\n{uri}\n\nThen enter the code:\n\n{code}\n"
            ),
            None => format!(
                "Attempting to open your default browser. If the browser does not open, open the following URL.\nIf you are unable to open the URL on this device, run this command again with the '--use-device-code' option.\n\n{uri}\n\n"
            ),
        };
        printer.out().write_all(text.as_bytes())?;
        printer.flush()?;
        if let Err(e) = self.open(pending.verification_uri_complete) {
            self.log
                .log("awsctl.sso", format_args!("Failed to open browser: {e}"));
        }
        Ok(())
    }

    fn open(&self, url: &str) -> std::io::Result<()> {
        let mut command = match self.env.get("BROWSER").filter(|b| !b.trim().is_empty()) {
            Some(browser) => {
                // The first of the `:`-separated commands, split like a shell would.
                let first = browser.split(':').next().unwrap_or(browser);
                let mut words = shlex::split(first)
                    .filter(|w| !w.is_empty())
                    .ok_or_else(|| std::io::Error::other("BROWSER cannot be parsed"))?;
                if words.iter().any(|w| w.contains("%s")) {
                    for w in &mut words {
                        *w = w.replace("%s", url);
                    }
                } else {
                    words.push(url.to_string());
                }
                let mut command = Command::new(&words[0]);
                command.args(&words[1..]);
                command
            }
            None => {
                let mut command = Command::new(if cfg!(target_os = "macos") {
                    "open"
                } else {
                    "xdg-open"
                });
                command.arg(url);
                command
            }
        };
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        // Reaped in the background: a browser may run for as long as the user likes.
        std::thread::spawn(move || child.wait());
        Ok(())
    }
}
