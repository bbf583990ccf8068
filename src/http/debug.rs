//! The `--debug` log on stderr, in the CLI's line format. Everything logged about a request
//! goes through [`super::redact`] first.

use std::io::Write;

#[derive(Clone, Copy, Debug, Default)]
pub struct DebugLog {
    pub enabled: bool,
}

impl DebugLog {
    /// Writes `YYYY-MM-DD HH:MM:SS,mmm - MainThread - <logger> - DEBUG - <message>`.
    pub fn log(&self, logger: &str, message: impl std::fmt::Display) {
        if !self.enabled {
            return;
        }
        let now =
            time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
        let stamp = format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02},{:03}",
            now.year(),
            u8::from(now.month()),
            now.day(),
            now.hour(),
            now.minute(),
            now.second(),
            now.millisecond()
        );
        let _ = writeln!(
            std::io::stderr().lock(),
            "{stamp} - MainThread - {logger} - DEBUG - {message}"
        );
    }
}
