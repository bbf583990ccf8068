//! One attempt at a request: send it and take in the answer. An error (or a redirect) is read
//! whole into memory; a 2xx body goes to its sink chunk by chunk, and a resumable one cut
//! mid-way leaves what arrived there, counted, for the next attempt to carry on.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::body::BodyError;
use super::debug::DebugLog;
use super::logged_body;
use super::message::{HttpRequest, HttpResponse};
use super::resume::{self, Received};
use super::sink::BodySink;
use crate::error::{Error, TransportError};

/// The most of an answer held in memory, objects' bytes excepted (they are bounded by their
/// part or range): a listing page, an error body, a credentials answer. Real pages are a few
/// MiB at most; a server sending more is refused rather than allowed to fill memory.
pub const MAX_RESPONSE_BODY: usize = 64 * 1024 * 1024;

/// Why an attempt failed: the transport (classified, maybe retried), or something local (a
/// file that cannot be read or written), which no retry fixes.
pub enum Failure {
    Transport(TransportError),
    Local(Error),
}

/// Sends `request` once. A 2xx body goes to `sink`; a resumable one cut mid-way stays there,
/// counted in `received`, for the next attempt to carry on (`received` is then `Some`). Any
/// other answer is read into memory. Returns the answer (for a 2xx its head, of the first
/// answer when resumed) and how many body bytes the sink took over all attempts.
pub async fn send(
    client: &reqwest::Client,
    log: DebugLog,
    operation: &str,
    request: &HttpRequest,
    sink: &mut dyn BodySink,
    received: &mut Option<Received>,
) -> Result<(HttpResponse, u64), Failure> {
    let mut response = to_reqwest(client, request)?
        .send()
        .await
        .map_err(|e| Failure::from_reqwest(&e, &request.url))?;
    let mut answer = HttpResponse {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: Vec::new(),
    };
    if !answer.is_success() {
        // An error (or a redirect): small, read into memory for its code and message;
        // bytes kept from a cut attempt stay kept.
        answer.body = read_capped(&mut response, &request.url, MAX_RESPONSE_BODY).await?;
        log.response(operation, &answer, None);
        return Ok((answer, received.as_ref().map_or(0, |r| r.bytes)));
    }
    start_or_carry_on(received, sink, &answer, response.content_length(), request)?;
    let cap = body_cap(operation, request);
    if response.content_length().is_some_and(|n| n > cap as u64) {
        return Err(too_large(request, cap));
    }
    let kept = received.get_or_insert_with(|| Received::start(&answer));
    let streamed = stream_body(&mut response, sink, &mut kept.bytes, cap, request).await;
    if streamed.is_err() && (!request.resumable || kept.bytes == 0) {
        // Nothing to carry on from: the next attempt, if any, starts over.
        *received = None;
    }
    streamed?;
    let whole = received.take().expect("kept above");
    Ok((whole.head, whole.bytes))
}

/// The request in reqwest's terms.
fn to_reqwest(
    client: &reqwest::Client,
    request: &HttpRequest,
) -> Result<reqwest::RequestBuilder, Failure> {
    let invalid_header = |k: &String| Failure::Transport(TransportError::InvalidHeader(k.clone()));
    let mut headers = HeaderMap::with_capacity(request.headers.len());
    for (k, v) in &request.headers {
        let name = HeaderName::from_bytes(k.as_bytes()).map_err(|_| invalid_header(k))?;
        let value = HeaderValue::from_str(v).map_err(|_| invalid_header(k))?;
        headers.append(name, value);
    }
    let method = reqwest::Method::from_bytes(request.method.as_bytes())
        .expect("methods are static and valid");
    let url = reqwest::Url::parse(&request.url)
        .map_err(|_| Failure::Transport(TransportError::InvalidEndpoint(request.url.clone())))?;
    let body = request.body.to_reqwest().map_err(Failure::body)?;
    Ok(client.request(method, url).headers(headers).body(body))
}

/// Before a 2xx body's first byte. A new body restarts the sink, sized by Content-Length; a
/// kept one carries on only if this answer resumes it exactly where it stopped, else what
/// was kept is void and the attempt counts as failed.
fn start_or_carry_on(
    received: &mut Option<Received>,
    sink: &mut dyn BodySink,
    answer: &HttpResponse,
    content_length: Option<u64>,
    request: &HttpRequest,
) -> Result<(), Failure> {
    match received {
        Some(kept) if !resume::continues(kept, answer) => {
            sink.restart();
            *received = None;
            Err(Failure::Transport(TransportError::ResumeRefused(
                request.url.clone(),
            )))
        }
        Some(_) => Ok(()),
        None => {
            sink.restart();
            sink.expect(content_length.unwrap_or(0));
            Ok(())
        }
    }
}

/// The most of a 2xx body one attempt takes: an object's by the range asked for (a whole
/// object is checked by its length), anything else [`MAX_RESPONSE_BODY`].
fn body_cap(operation: &str, request: &HttpRequest) -> usize {
    if logged_body::is_object_data(operation) {
        range_length(&request.headers).unwrap_or(usize::MAX)
    } else {
        MAX_RESPONSE_BODY
    }
}

fn too_large(request: &HttpRequest, cap: usize) -> Failure {
    Failure::Transport(TransportError::TooLarge(request.url.clone(), cap))
}

/// Moves a 2xx body into `sink` chunk by chunk, so that what arrived before a break is not
/// lost; `bytes` counts what the sink took.
async fn stream_body(
    response: &mut reqwest::Response,
    sink: &mut dyn BodySink,
    bytes: &mut u64,
    cap: usize,
    request: &HttpRequest,
) -> Result<(), Failure> {
    let mut this_attempt = 0usize;
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if this_attempt + chunk.len() > cap => {
                return Err(too_large(request, cap));
            }
            Ok(Some(chunk)) => {
                sink.write(&chunk).map_err(Failure::Local)?;
                this_attempt += chunk.len();
                *bytes += chunk.len() as u64;
            }
            Ok(None) => return Ok(()),
            Err(e) => {
                return Err(Failure::Transport(transport_error(&e, &request.url)));
            }
        }
    }
}

/// The length of a `Range: bytes=FIRST-LAST` request header's span.
fn range_length(headers: &[(String, String)]) -> Option<usize> {
    let (_, value) = headers.iter().find(|(k, _)| k == "range")?;
    let (first, last) = value.strip_prefix("bytes=")?.split_once('-')?;
    let (first, last): (u64, u64) = (first.trim().parse().ok()?, last.trim().parse().ok()?);
    usize::try_from(last.checked_sub(first)?.checked_add(1)?).ok()
}

impl Failure {
    fn body(error: BodyError) -> Failure {
        Failure::Local(Error::General(error.to_string()))
    }

    /// A failure to read a file body surfaces inside reqwest's error: it is reported as
    /// itself, not as a closed connection.
    fn from_reqwest(error: &reqwest::Error, url: &str) -> Failure {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(e) = source {
            if let Some(body) = e.downcast_ref::<BodyError>() {
                return Failure::Local(Error::General(body.to_string()));
            }
            source = e.source();
        }
        Failure::Transport(transport_error(error, url))
    }
}

/// A non-object answer, read whole up to `cap` bytes.
async fn read_capped(
    response: &mut reqwest::Response,
    url: &str,
    cap: usize,
) -> Result<Vec<u8>, Failure> {
    let too_large = || Failure::Transport(TransportError::TooLarge(url.to_string(), cap));
    if response.content_length().is_some_and(|n| n > cap as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| Failure::Transport(transport_error(&e, url)))?
    {
        if body.len() + chunk.len() > cap {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Maps reqwest's errors to the CLI's transport errors.
fn transport_error(error: &reqwest::Error, url: &str) -> TransportError {
    let chain = error_chain(error);
    if error.is_connect() {
        if chain.contains("certificate") || chain.contains("tls") || chain.contains("TLS") {
            return TransportError::Tls(url.to_string(), chain);
        }
        if error.is_timeout() || chain.contains("timed out") {
            return TransportError::ConnectTimeout(url.to_string());
        }
        return TransportError::Connect(url.to_string());
    }
    if error.is_timeout() {
        return TransportError::ReadTimeout(url.to_string());
    }
    TransportError::Closed(url.to_string())
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_bounds_its_answer() {
        let range = |v: &str| range_length(&[("range".to_string(), v.to_string())]);
        assert_eq!(range("bytes=0-99"), Some(100));
        assert_eq!(range("bytes=500-"), None);
        assert_eq!(range("bytes=9-1"), None);
        assert_eq!(range_length(&[]), None);
    }
}
