//! Resuming a download whose connection broke mid-body: the bytes that arrived have gone to
//! the body's sink (memory, or their place in a file) and stay there; the retry asks for the
//! rest with a Range request (and `If-Match` on the ETag, so that the rest is of the same
//! object), and the sink carries on with it. The caller sees one whole response, with the
//! first answer's status and headers.

use super::message::HttpResponse;

/// What arrived of a 2xx body before its connection broke: the answer's status and headers
/// (no body), and how many bytes of its body the sink took.
pub struct Received {
    pub head: HttpResponse,
    pub bytes: u64,
}

impl Received {
    /// Nothing yet of the body `answer` begins.
    pub fn start(answer: &HttpResponse) -> Received {
        Received {
            head: HttpResponse {
                status: answer.status,
                headers: answer.headers.clone(),
                body: Vec::new(),
            },
            bytes: 0,
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
    pub fn after(received: &Received) -> Resume {
        Resume {
            from: first_byte(&received.head) + received.bytes,
            etag: received.head.header("etag").map(str::to_string),
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

/// Whether `next` is the 206 that carries on exactly where `received` stopped. A 2xx that
/// does not (the server ignored the Range) voids what was kept: the request starts over.
pub fn continues(received: &Received, next: &HttpResponse) -> bool {
    next.status == 206 && first_byte(next) == Resume::after(received).from
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn response(status: u16, range: Option<&'static str>) -> HttpResponse {
        let mut headers = HeaderMap::new();
        headers.insert("etag", HeaderValue::from_static("\"e1\""));
        if let Some(r) = range {
            headers.insert("content-range", HeaderValue::from_static(r));
        }
        HttpResponse {
            status,
            headers,
            body: Vec::new(),
        }
    }

    fn received(head: HttpResponse, bytes: u64) -> Received {
        Received { head, bytes }
    }

    #[test]
    fn the_rest_of_a_range_or_of_the_whole_object() {
        let whole = Resume::after(&received(response(200, None), 3));
        assert_eq!(whole.from, 3);
        assert_eq!(whole.etag.as_deref(), Some("\"e1\""));
        assert_eq!(whole.range(None), "bytes=3-");
        let part = Resume::after(&received(response(206, Some("bytes 100-199/500")), 40));
        assert_eq!(part.range(Some("bytes=100-199")), "bytes=140-199");
    }

    #[test]
    fn only_an_answer_that_carries_on_where_the_bytes_stopped_continues_them() {
        let kept = received(response(200, None), 3);
        assert!(continues(&kept, &response(206, Some("bytes 3-5/6"))));
        assert!(!continues(&kept, &response(206, Some("bytes 0-5/6"))));
        assert!(!continues(&kept, &response(200, None)));
        let kept = received(response(206, Some("bytes 100-199/500")), 40);
        assert!(continues(&kept, &response(206, Some("bytes 140-199/500"))));
    }
}
