//! Resuming a download whose connection broke mid-body: the bytes that arrived are kept,
//! the retry asks for the rest with a Range request (and `If-Match` on the ETag, so that the
//! rest is of the same object), and the answer is spliced onto what was kept. The caller
//! sees one whole response, with the first answer's status and headers.

use super::client::{HttpRequest, HttpResponse};
use crate::error::TransportError;

/// A failed attempt, with what had arrived of a 2xx body when its connection broke.
pub struct Cut {
    pub error: TransportError,
    pub partial: Option<HttpResponse>,
}

impl From<TransportError> for Cut {
    fn from(error: TransportError) -> Cut {
        Cut {
            error,
            partial: None,
        }
    }
}

/// Where the next attempt should start, for the request builder to put in its Range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resume {
    /// The first byte still missing, counted from the start of the object.
    pub from: u64,
    pub etag: Option<String>,
}

impl Resume {
    pub fn after(received: &HttpResponse) -> Resume {
        Resume {
            from: first_byte(received) + received.body.len() as u64,
            etag: received.header("etag").map(str::to_string),
        }
    }

    /// The Range header for the rest of `range` (the original request's, if any).
    pub fn range(&self, range: Option<&str>) -> String {
        let last = range
            .and_then(|r| r.strip_prefix("bytes="))
            .and_then(|r| r.split_once('-'))
            .map_or("", |(_, last)| last);
        format!("bytes={}-{last}", self.from)
    }
}

/// The offset of a response's first byte: its Content-Range's start, or 0.
fn first_byte(response: &HttpResponse) -> u64 {
    response
        .header("content-range")
        .and_then(|r| r.strip_prefix("bytes "))
        .and_then(|r| r.split_once('-'))
        .and_then(|(first, _)| first.trim().parse().ok())
        .unwrap_or(0)
}

/// Whether `next` is the 206 that carries on exactly where `prefix` stopped.
fn continues(prefix: &HttpResponse, next: &HttpResponse) -> bool {
    next.status == 206 && first_byte(next) == Resume::after(prefix).from
}

/// After a cut attempt: keeps its bytes when the request may be resumed, appended to those
/// of earlier attempts when it was itself a resumption.
pub fn keep(
    received: &mut Option<HttpResponse>,
    request: &HttpRequest,
    partial: Option<HttpResponse>,
) {
    let Some(partial) = partial
        .filter(|p| request.resumable && (200..300).contains(&p.status) && !p.body.is_empty())
    else {
        return;
    };
    match received {
        Some(prefix) if continues(prefix, &partial) => prefix.body.extend(partial.body),
        Some(_) => {}
        None => *received = Some(partial),
    }
}

/// After a complete answer: spliced onto the kept bytes when it continues them. An error
/// answer leaves them kept for the next attempt; a 2xx that does not continue them (the
/// server ignored the Range) drops them, and the attempt is retried from the start.
pub fn splice(
    received: &mut Option<HttpResponse>,
    response: HttpResponse,
    url: &str,
) -> Result<HttpResponse, TransportError> {
    let Some(mut prefix) = received.take() else {
        return Ok(response);
    };
    if !(200..300).contains(&response.status) {
        *received = Some(prefix);
        return Ok(response);
    }
    if !continues(&prefix, &response) {
        return Err(TransportError::ResumeRefused(url.to_string()));
    }
    prefix.body.extend(response.body);
    Ok(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn response(status: u16, range: Option<&'static str>, body: &[u8]) -> HttpResponse {
        let mut headers = HeaderMap::new();
        headers.insert("etag", HeaderValue::from_static("\"e1\""));
        if let Some(r) = range {
            headers.insert("content-range", HeaderValue::from_static(r));
        }
        HttpResponse {
            status,
            headers,
            body: body.to_vec(),
        }
    }

    #[test]
    fn the_rest_of_a_range_or_of_the_whole_object() {
        let whole = Resume::after(&response(200, None, b"hel"));
        assert_eq!(whole.from, 3);
        assert_eq!(whole.etag.as_deref(), Some("\"e1\""));
        assert_eq!(whole.range(None), "bytes=3-");
        let part = Resume::after(&response(206, Some("bytes 100-199/500"), &[0; 40]));
        assert_eq!(part.range(Some("bytes=100-199")), "bytes=140-199");
    }

    #[test]
    fn only_a_continuing_answer_is_spliced() {
        let mut kept = Some(response(200, None, b"hel"));
        let error = response(503, None, b"");
        assert_eq!(splice(&mut kept, error, "u").unwrap().status, 503);
        assert!(kept.is_some());
        let rest = response(206, Some("bytes 3-5/6"), b"lo\n");
        let whole = splice(&mut kept, rest, "u").unwrap();
        assert_eq!(
            (whole.status, whole.body.as_slice()),
            (200, &b"hello\n"[..])
        );
        let mut kept = Some(response(200, None, b"hel"));
        let ignored = response(200, None, b"hello\n");
        assert!(splice(&mut kept, ignored, "u").is_err());
        assert!(kept.is_none());
    }
}
