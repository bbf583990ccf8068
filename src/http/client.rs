//! The one HTTP client: reqwest over rustls with the configured timeouts and TLS settings,
//! and the retry loop that re-signs, sends, classifies and backs off.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::adaptive::RateLimiter;
use super::body::{Body, BodyError};
use super::clock::SigningClock;
use super::debug::DebugLog;
use super::redact;
use super::resume::{self, Received, Resume};
use super::retry::{self, RetryKind, RetryQuota};
use super::sink::BodySink;
use crate::error::{Error, ServiceError, TransportError};
use crate::protocol::timestamp;
use crate::settings::{RetryConfig, Settings};

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
            .field("body", &loggable_request_body("", &self.body))
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
}

/// Turns an error response into the service's error (the protocol knows how).
pub type ErrorParser<'p> = &'p (dyn Fn(&HttpResponse, &'static str) -> ServiceError + Sync);

pub struct HttpClient {
    client: reqwest::Client,
    retry: RetryConfig,
    quota: RetryQuota,
    log: DebugLog,
    /// Adaptive mode's client-side rate limiter, on the client's own clock.
    limiter: Option<std::sync::Mutex<RateLimiter>>,
    started: std::time::Instant,
    clock: SigningClock,
}

/// The most of an answer held in memory, objects' bytes excepted (they are bounded by their
/// part or range): a listing page, an error body, a credentials answer. Real pages are a few
/// MiB at most; a server sending more is refused rather than allowed to fill memory.
pub const MAX_RESPONSE_BODY: usize = 64 * 1024 * 1024;

impl HttpClient {
    pub fn new(settings: &Settings) -> Result<HttpClient, Error> {
        let mut builder = reqwest::Client::builder()
            .user_agent(format!(
                "awsctl/{} os/{} md/arch#{} cfg/retry-mode#{}",
                env!("CARGO_PKG_VERSION"),
                std::env::consts::OS,
                std::env::consts::ARCH,
                match settings.retry.mode {
                    crate::settings::RetryMode::Standard => "standard",
                    crate::settings::RetryMode::Adaptive => "adaptive",
                }
            ))
            .redirect(reqwest::redirect::Policy::none())
            .danger_accept_invalid_certs(!settings.tls.verify);
        if let Some(t) = settings.timeouts.connect {
            builder = builder.connect_timeout(t);
        }
        if let Some(t) = settings.timeouts.read {
            builder = builder.read_timeout(t);
        }
        if let Some(path) = &settings.tls.ca_bundle {
            // As botocore: a configured bundle replaces the built-in roots.
            builder = super::ca_bundle::trust(builder, super::ca_bundle::load(path)?);
        }
        let client = builder
            .build()
            .map_err(|e| TransportError::Tls(String::new(), e.to_string()))?;
        Ok(HttpClient {
            client,
            retry: settings.retry,
            quota: RetryQuota::default(),
            log: DebugLog {
                enabled: settings.debug,
            },
            limiter: (settings.retry.mode == crate::settings::RetryMode::Adaptive)
                .then(|| std::sync::Mutex::new(RateLimiter::new(0.0))),
            started: std::time::Instant::now(),
            clock: SigningClock::new(settings.clock_shift_seconds),
        })
    }

    pub fn log(&self) -> DebugLog {
        self.log
    }

    /// The clock to sign with: corrected when a server refused a request for clock skew.
    pub fn clock(&self) -> &SigningClock {
        &self.clock
    }

    /// Sends one operation's request with retries. `build` is called for every attempt so
    /// that each is signed afresh (with the [`Resume`] point when a body was cut mid-way); a
    /// 2xx response is returned, anything else becomes an error.
    pub async fn execute(
        &self,
        operation: &'static str,
        build: &mut dyn FnMut(Option<&Resume>) -> Result<HttpRequest, Error>,
        parse_error: ErrorParser<'_>,
    ) -> Result<HttpResponse, Error> {
        self.execute_accepting(operation, build, parse_error, |_| false, None)
            .await
    }

    /// As [`HttpClient::execute`], but non-2xx responses for which `accept` is true are
    /// returned instead of becoming errors (S3's region redirects need their headers), and a
    /// 2xx body goes to `sink` as it arrives when one is given (the response's own body is then
    /// empty), else into memory.
    pub async fn execute_accepting(
        &self,
        operation: &'static str,
        build: &mut dyn FnMut(Option<&Resume>) -> Result<HttpRequest, Error>,
        parse_error: ErrorParser<'_>,
        accept: fn(&HttpResponse) -> bool,
        sink: Option<&mut dyn BodySink>,
    ) -> Result<HttpResponse, Error> {
        let invocation_id = uuid::Uuid::new_v4().to_string();
        let mut max = self.retry.max_attempts;
        let mut last_cost = None;
        let mut attempt = 1;
        let mut skew_corrected = false;
        let mut sink = sink;
        let streamed = sink.is_some();
        let mut memory = Vec::new();
        // What arrived of a resumable body before its connection broke.
        let mut received: Option<Received> = None;
        loop {
            let resume = received.as_ref().map(Resume::after);
            let mut request = build(resume.as_ref())?;
            request
                .headers
                .push(("amz-sdk-invocation-id".into(), invocation_id.clone()));
            let marker = if attempt == 1 {
                "attempt=1".to_string()
            } else {
                format!("attempt={attempt}; max={max}")
            };
            request.headers.push(("amz-sdk-request".into(), marker));
            self.log_request(operation, &request);
            self.wait_for_rate_limit().await;
            let target: &mut dyn BodySink = match sink.as_deref_mut() {
                Some(sink) => sink,
                None => &mut memory,
            };
            let sent = match self
                .send_once(operation, &request, target, &mut received)
                .await
            {
                Ok(answer) => Ok(answer),
                Err(Failure::Transport(e)) => Err(e),
                Err(Failure::Local(e)) => return Err(e),
            };
            let sent = sent.map(|(mut response, delivered)| {
                if (200..300).contains(&response.status) {
                    if !streamed {
                        response.body = std::mem::take(&mut memory);
                    }
                    self.log_response(operation, &response, streamed.then_some(delivered));
                }
                response
            });
            let throttled = matches!(&sent, Ok(r) if !(200..300).contains(&r.status)
                && retry::classify(r.status, Some(&parse_error(r, operation).code)) == Some(RetryKind::Throttling));
            self.record_for_rate_limit(throttled);
            let (kind, failure) = match sent {
                Ok(response) if (200..300).contains(&response.status) || accept(&response) => {
                    self.quota.release(last_cost);
                    return Ok(response);
                }
                Ok(response) => {
                    let mut error = parse_error(&response, operation);
                    let server_date = response.header("date").and_then(timestamp::http_date);
                    if !skew_corrected && let Some(skew) = self.clock.correct(&error, server_date) {
                        // Once per call, on top of its attempts and without a delay: the
                        // clock, not the service, was at fault.
                        skew_corrected = true;
                        max += 1;
                        attempt += 1;
                        self.log.log(
                            "awsctl.retries",
                            format_args!(
                                "Clock skew: {} answered {} and its clock is {:+.3} s from ours; signing with the corrected clock from now on and retrying",
                                operation,
                                error.code,
                                skew as f64 / 1000.0
                            ),
                        );
                        continue;
                    }
                    let kind = retry::classify(response.status, Some(&error.code));
                    if attempt >= max {
                        // botocore marks "max attempts reached" whenever the limit is hit.
                        error.retries_exhausted = Some(attempt - 1);
                    }
                    (kind, Error::Service(error))
                }
                Err(error) => {
                    let kind = match &error {
                        TransportError::ConnectTimeout(_) | TransportError::ReadTimeout(_) => {
                            Some(RetryKind::Timeout)
                        }
                        TransportError::Connect(_)
                        | TransportError::Closed(_)
                        | TransportError::ResumeRefused(_) => Some(RetryKind::Transient),
                        _ => None,
                    };
                    (kind, Error::Transport(error))
                }
            };
            let Some(kind) = kind.filter(|_| attempt < max) else {
                return Err(failure);
            };
            // A body cut mid-stream is resumed where it stopped: that costs the server
            // nothing more, so it does not draw on the quota that guards against storms.
            let cut_mid_stream = received.as_ref().is_some_and(|r| r.bytes > 0)
                && matches!(failure, Error::Transport(TransportError::Closed(_)));
            let cost = if cut_mid_stream {
                Some(0)
            } else {
                self.quota.acquire(kind)
            };
            let Some(cost) = cost else {
                self.log.log(
                    "awsctl.retries",
                    "Retry quota reached, not retrying request.",
                );
                return Err(failure);
            };
            last_cost = Some(cost);
            let delay = retry::backoff(attempt, rand::random::<f64>());
            let resuming = received
                .as_ref()
                .map(|r| format!(", resuming after the {} bytes received", r.bytes))
                .unwrap_or_default();
            self.log.log(
                "awsctl.retries",
                format_args!(
                    "Retry needed ({kind:?}: {failure}){resuming}, retrying request after delay of: {:.3}",
                    delay.as_secs_f64()
                ),
            );
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    fn seconds(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Adaptive mode: wait for a token of the client-side rate limiter (none until throttled).
    async fn wait_for_rate_limit(&self) {
        let Some(limiter) = &self.limiter else { return };
        let wait = limiter
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .before_send(self.seconds());
        if wait > 0.0 {
            self.log.log(
                "awsctl.retries",
                format_args!("Client-side rate limiting: waiting {wait:.3} s"),
            );
            tokio::time::sleep(std::time::Duration::from_secs_f64(wait)).await;
        }
    }

    fn record_for_rate_limit(&self, throttled: bool) {
        let Some(limiter) = &self.limiter else { return };
        let mut limiter = limiter.lock().unwrap_or_else(|e| e.into_inner());
        let was_enabled = limiter.enabled();
        limiter.after_response(self.seconds(), throttled);
        if throttled {
            let verb = if was_enabled { "lowered" } else { "enabled" };
            self.log.log(
                "awsctl.retries",
                format_args!(
                    "Throttled: client-side rate limiting {verb}, now {:.2} requests per second",
                    limiter.rate()
                ),
            );
        }
    }

    /// One attempt. A 2xx body goes to `sink` chunk by chunk; a resumable one cut mid-way
    /// leaves what arrived there, counted in `received`, for the next attempt to carry on. Any
    /// other answer is read into memory. Returns the answer (for a 2xx its head, of the first
    /// answer when resumed) and how many body bytes the sink took over all attempts.
    async fn send_once(
        &self,
        operation: &str,
        request: &HttpRequest,
        sink: &mut dyn BodySink,
        received: &mut Option<Received>,
    ) -> Result<(HttpResponse, u64), Failure> {
        let transport = |e: TransportError| Failure::Transport(e);
        let mut headers = HeaderMap::with_capacity(request.headers.len());
        for (k, v) in &request.headers {
            let name = HeaderName::from_bytes(k.as_bytes())
                .map_err(|_| transport(TransportError::InvalidHeader(k.clone())))?;
            let value = HeaderValue::from_str(v)
                .map_err(|_| transport(TransportError::InvalidHeader(k.clone())))?;
            headers.append(name, value);
        }
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .expect("methods are static and valid");
        let url = reqwest::Url::parse(&request.url)
            .map_err(|_| transport(TransportError::InvalidEndpoint(request.url.clone())))?;
        let body = request.body.to_reqwest().map_err(Failure::body)?;
        let mut response = self
            .client
            .request(method, url)
            .headers(headers)
            .body(body)
            .send()
            .await
            .map_err(|e| Failure::from_reqwest(&e, &request.url))?;
        let mut answer = HttpResponse {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: Vec::new(),
        };
        if !(200..300).contains(&answer.status) {
            // An error (or a redirect): small, read into memory for its code and message;
            // bytes kept from a cut attempt stay kept.
            answer.body = read_capped(&mut response, &request.url, MAX_RESPONSE_BODY).await?;
            self.log_response(operation, &answer, None);
            return Ok((answer, received.as_ref().map_or(0, |r| r.bytes)));
        }
        match received {
            Some(kept) if !resume::continues(kept, &answer) => {
                sink.restart();
                *received = None;
                return Err(transport(TransportError::ResumeRefused(
                    request.url.clone(),
                )));
            }
            Some(_) => {}
            None => {
                sink.restart();
                sink.expect(response.content_length().unwrap_or(0));
            }
        }
        let cap = if OBJECT_DATA.contains(&operation) {
            // A range asked for bounds its answer; a whole object is checked by its length.
            range_length(&request.headers).unwrap_or(usize::MAX)
        } else {
            MAX_RESPONSE_BODY
        };
        let too_large = || transport(TransportError::TooLarge(request.url.clone(), cap));
        if response.content_length().is_some_and(|n| n > cap as u64) {
            return Err(too_large());
        }
        let kept = received.get_or_insert_with(|| Received {
            head: HttpResponse {
                status: answer.status,
                headers: answer.headers.clone(),
                body: Vec::new(),
            },
            bytes: 0,
        });
        let mut this_attempt = 0usize;
        // Chunk by chunk, so that what arrived before a break is not lost.
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) if this_attempt + chunk.len() > cap => return Err(too_large()),
                Ok(Some(chunk)) => {
                    sink.write(&chunk).map_err(Failure::Local)?;
                    this_attempt += chunk.len();
                    kept.bytes += chunk.len() as u64;
                }
                Ok(None) => break,
                Err(e) => {
                    if !request.resumable || kept.bytes == 0 {
                        *received = None;
                    }
                    return Err(transport(transport_error(&e, &request.url)));
                }
            }
        }
        let whole = received.take().expect("kept above");
        Ok((whole.head, whole.bytes))
    }

    fn log_request(&self, operation: &str, request: &HttpRequest) {
        if !self.log.enabled {
            return;
        }
        let headers: Vec<String> = request
            .headers
            .iter()
            .map(|(k, v)| format!("'{k}': '{}'", redact::header_value(k, v)))
            .collect();
        self.log.log(
            "awsctl.http",
            format_args!(
                "Sending {operation} request: method={}, url={}, headers={{{}}}, body={}",
                request.method,
                redact::url(&request.url),
                headers.join(", "),
                loggable_request_body(operation, &request.body)
            ),
        );
    }

    /// `streamed`: the body went to a sink, this many bytes of it (the response holds none).
    fn log_response(&self, operation: &str, response: &HttpResponse, streamed: Option<u64>) {
        if !self.log.enabled {
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
        self.log.log(
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
        } else if (200..300).contains(&response.status) {
            loggable_body(operation, &response.body)
        } else {
            loggable_body("", &response.body)
        };
        self.log
            .log("awsctl.http", format_args!("Response body:\n{shown}"));
    }
}

/// The length of a `Range: bytes=FIRST-LAST` request header's span.
fn range_length(headers: &[(String, String)]) -> Option<usize> {
    let (_, value) = headers.iter().find(|(k, _)| k == "range")?;
    let (first, last) = value.strip_prefix("bytes=")?.split_once('-')?;
    let (first, last): (u64, u64) = (first.trim().parse().ok()?, last.trim().parse().ok()?);
    usize::try_from(last.checked_sub(first)?.checked_add(1)?).ok()
}

/// Operations whose request or (successful) response body is an object's contents: logged
/// as their size only, however small and textual (an uploaded credentials file, say).
const OBJECT_DATA: &[&str] = &[
    "PutObject",
    "UploadPart",
    "GetObject",
    "GetObjectTorrent",
    "WriteGetObjectResponse",
];

/// The most of a body the debug log shows; the rest is counted, not printed.
pub const MAX_LOGGED_BODY: usize = 16 * 1024;

/// A request body as the debug log shows it: a file's bytes are never read to be shown.
fn loggable_request_body(operation: &str, body: &Body) -> String {
    match body.as_bytes() {
        Some(bytes) => loggable_body(operation, bytes),
        None => format!("<{} bytes of object data>", body.len()),
    }
}

/// A body as the debug log shows it: an object's contents or binary data as their size;
/// text redacted, then cut at [`MAX_LOGGED_BODY`] bytes.
fn loggable_body(operation: &str, body: &[u8]) -> String {
    if OBJECT_DATA.contains(&operation) {
        return format!("<{} bytes of object data>", body.len());
    }
    let Ok(text) = std::str::from_utf8(body) else {
        return format!("<{} bytes>", body.len());
    };
    // Redacted whole first, so that a cut never splits a secret from the tag that masks it.
    let redacted = redact::body(text);
    if redacted.len() <= MAX_LOGGED_BODY {
        return redacted;
    }
    let mut end = MAX_LOGGED_BODY;
    while !redacted.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}... <cut: {} bytes in all>", &redacted[..end], body.len())
}

/// Why an attempt failed: the transport (classified, maybe retried), or something local (a
/// file that cannot be read or written), which no retry fixes.
enum Failure {
    Transport(TransportError),
    Local(Error),
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
    fn logged_bodies_are_capped_and_redacted_and_object_data_is_never_shown() {
        let page = format!(
            "<SecretAccessKey>s3cr3t</SecretAccessKey>{}",
            "<Key>k</Key>".repeat(100_000)
        );
        let shown = loggable_body("ListObjectsV2", page.as_bytes());
        assert!(!shown.contains("s3cr3t"));
        assert!(shown.len() < MAX_LOGGED_BODY + 100, "{}", shown.len());
        assert!(shown.ends_with(&format!("... <cut: {} bytes in all>", page.len())));
        assert_eq!(
            loggable_body("PutObject", b"hello"),
            "<5 bytes of object data>"
        );
        assert_eq!(loggable_body("GetObject", b""), "<0 bytes of object data>");
        assert_eq!(loggable_body("GetCallerIdentity", &[0xff, 0]), "<2 bytes>");
        let range = |v: &str| range_length(&[("range".to_string(), v.to_string())]);
        assert_eq!(range("bytes=0-99"), Some(100));
        assert_eq!(range("bytes=500-"), None);
        assert_eq!(range("bytes=9-1"), None);
        // A cut never splits a character.
        let wide = "é".repeat(MAX_LOGGED_BODY);
        assert!(loggable_body("X", wide.as_bytes()).starts_with('é'));
    }
}
