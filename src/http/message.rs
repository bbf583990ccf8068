//! A request as the client sends it and an answer as it comes back.

use reqwest::header::HeaderMap;

use super::body::Body;
use super::{logged_body, redact};
use crate::error::ServiceError;

/// A request ready to send (already signed, or unsigned on purpose).
#[derive(Clone)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// Shared, not copied, when in memory; a file's range is read again for every attempt.
    pub body: Body,
    /// A GET whose body, if cut mid-way, may be resumed with a Range request for the rest
    /// (GetObject); other answers are retried whole.
    pub resumable: bool,
}

/// Redacted as the debug log is: signatures, tokens and secret body fields masked.
impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, String)> = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), redact::header_value(k, v)))
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &redact::url(&self.url))
            .field("headers", &headers)
            .field("body", &logged_body::request("", &self.body))
            .finish()
    }
}

#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Turns an error response into the service's error (the protocol knows how).
pub type ErrorParser<'p> = &'p (dyn Fn(&HttpResponse, &'static str) -> ServiceError + Sync);
