//! The `--debug` log on stderr, in the CLI's line format. Everything logged about a request
//! goes through [`super::redact`] first.

use std::io::Write;

use super::message::{HttpRequest, HttpResponse};
use super::{logged_body, redact};

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

    /// A request about to be sent, redacted.
    pub fn request(&self, operation: &str, request: &HttpRequest) {
        if !self.enabled {
            return;
        }
        let headers: Vec<String> = request
            .headers
            .iter()
            .map(|(k, v)| format!("'{k}': '{}'", redact::header_value(k, v)))
            .collect();
        self.log(
            "awsctl.http",
            format_args!(
                "Sending {operation} request: method={}, url={}, headers={{{}}}, body={}",
                request.method,
                redact::url(&request.url),
                headers.join(", "),
                logged_body::request(operation, &request.body)
            ),
        );
    }

    /// An answer, redacted. `streamed`: the body went to a sink, this many bytes of it (the
    /// response holds none).
    pub fn response(&self, operation: &str, response: &HttpResponse, streamed: Option<u64>) {
        if !self.enabled {
            return;
        }
        let headers: Vec<String> = response
            .headers
            .iter()
            .map(|(k, v)| {
                format!(
                    "'{k}': '{}'",
                    redact::header_value(k.as_str(), v.to_str().unwrap_or("<binary>"))
                )
            })
            .collect();
        self.log(
            "awsctl.http",
            format_args!(
                "Response status={}, headers={{{}}}",
                response.status,
                headers.join(", ")
            ),
        );
        // An object's bytes are its owner's, whatever they hold; an error answer is not.
        let shown = if let Some(bytes) = streamed {
            format!("<{bytes} bytes of object data>")
        } else if response.is_success() {
            logged_body::shown(operation, &response.body)
        } else {
            logged_body::shown("", &response.body)
        };
        self.log("awsctl.http", format_args!("Response body:\n{shown}"));
    }
}
