//! The one HTTP client: reqwest over rustls with the configured timeouts and TLS settings,
//! and the request loop: build and sign each attempt, send it ([`super::attempt`]), and do
//! what the retry decision ([`super::retry::decide`]) says: return, correct the clock, back
//! off and retry or resume, or give up. Adaptive mode's rate limiter is consulted before
//! each attempt and told about each answer.

use super::adaptive::RateLimiter;
use super::attempt::{self, Failure};
use super::clock::SigningClock;
use super::debug::DebugLog;
use super::message::{ErrorParser, HttpRequest, HttpResponse};
use super::resume::{Received, Resume};
use super::retry::{self, CallState, Decision, Outcome, RetryKind, RetryQuota, Stop};
use super::sink::BodySink;
use crate::error::{Error, TransportError};
use crate::protocol::timestamp;
use crate::settings::{RetryConfig, Settings};

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
        mut sink: Option<&mut dyn BodySink>,
    ) -> Result<HttpResponse, Error> {
        let invocation_id = uuid::Uuid::new_v4().to_string();
        let mut call = CallState::new(self.retry.max_attempts);
        let mut memory = Vec::new();
        // What arrived of a resumable body before its connection broke.
        let mut received: Option<Received> = None;
        loop {
            let resume = received.as_ref().map(Resume::after);
            let mut request = build(resume.as_ref())?;
            request.headers.extend([
                ("amz-sdk-invocation-id".into(), invocation_id.clone()),
                ("amz-sdk-request".into(), call.request_marker()),
            ]);
            self.log.request(operation, &request);
            self.wait_for_rate_limit().await;
            let sent = self
                .attempt(
                    operation,
                    &request,
                    sink.as_deref_mut(),
                    &mut memory,
                    &mut received,
                )
                .await?;
            let cut_short = received.as_ref().is_some_and(|r| r.bytes > 0);
            let (outcome, answer) = self.judge(operation, sent, parse_error, accept, cut_short);
            self.record_for_rate_limit(outcome.throttled());
            let decision =
                retry::decide(outcome, &mut call, &mut self.quota.lock(), rand::random());
            match (decision, answer) {
                (Decision::Return, answer) => return answer,
                (Decision::CorrectClock { skew_ms }, Err(failure)) => {
                    self.clock.adjust(skew_ms);
                    self.log_clock_skew(operation, &failure, skew_ms);
                }
                (
                    Decision::Retry { kind, delay } | Decision::Resume { kind, delay },
                    Err(failure),
                ) => {
                    self.log_retry(kind, &failure, received.as_ref(), delay);
                    tokio::time::sleep(delay).await;
                }
                (Decision::Fail(stop), Err(failure)) => return Err(self.give_up(stop, failure)),
                (_, Ok(_)) => unreachable!("an accepted answer is always returned"),
            }
        }
    }

    /// One attempt, its answer complete: a 2xx body in place (in the sink, else taken from
    /// `memory`) and logged. Other answers were logged as they were read and leave `memory`
    /// alone: it may hold the start of a body that a later attempt carries on. `Err` is a
    /// local failure (a file that cannot be read or written), which no retry fixes.
    async fn attempt(
        &self,
        operation: &str,
        request: &HttpRequest,
        sink: Option<&mut (dyn BodySink + '_)>,
        memory: &mut Vec<u8>,
        received: &mut Option<Received>,
    ) -> Result<Result<HttpResponse, TransportError>, Error> {
        let streamed = sink.is_some();
        let target: &mut dyn BodySink = match sink {
            Some(sink) => sink,
            None => &mut *memory,
        };
        match attempt::send(&self.client, self.log, operation, request, target, received).await {
            Ok((mut response, delivered)) => {
                if response.is_success() {
                    if !streamed {
                        response.body = std::mem::take(memory);
                    }
                    self.log
                        .response(operation, &response, streamed.then_some(delivered));
                }
                Ok(Ok(response))
            }
            Err(Failure::Transport(e)) => Ok(Err(e)),
            Err(Failure::Local(e)) => Err(e),
        }
    }

    /// What an attempt came to, for the retry decision, with the answer to return or the error
    /// it failed with. `cut_short`: part of a resumable body had arrived when it failed.
    fn judge(
        &self,
        operation: &'static str,
        sent: Result<HttpResponse, TransportError>,
        parse_error: ErrorParser<'_>,
        accept: fn(&HttpResponse) -> bool,
        cut_short: bool,
    ) -> (Outcome, Result<HttpResponse, Error>) {
        let response = match sent {
            Ok(response) if response.is_success() => {
                return (Outcome::Accepted { throttling: false }, Ok(response));
            }
            Ok(response) => response,
            Err(error) => {
                let outcome = Outcome::Broken {
                    kind: retry::classify_transport(&error),
                    cut_mid_body: cut_short && matches!(error, TransportError::Closed(_)),
                };
                return (outcome, Err(Error::Transport(error)));
            }
        };
        let error = parse_error(&response, operation);
        let kind = retry::classify(response.status, Some(&error.code));
        if accept(&response) {
            let throttling = kind == Some(RetryKind::Throttling);
            return (Outcome::Accepted { throttling }, Ok(response));
        }
        let server_date = response.header("date").and_then(timestamp::http_date);
        let skew_ms = self.clock.skew(&error, server_date);
        (
            Outcome::Refused { kind, skew_ms },
            Err(Error::Service(error)),
        )
    }

    /// The error a call ends with, marked when its attempts ran out.
    fn give_up(&self, stop: Stop, mut failure: Error) -> Error {
        match stop {
            Stop::OutOfAttempts { retries } => {
                // botocore marks "max attempts reached" whenever the limit is hit.
                if let Error::Service(error) = &mut failure {
                    error.retries_exhausted = Some(retries);
                }
            }
            Stop::OutOfQuota => self.log.log(
                "awsctl.retries",
                "Retry quota reached, not retrying request.",
            ),
            Stop::NotRetryable => {}
        }
        failure
    }

    fn log_clock_skew(&self, operation: &str, failure: &Error, skew_ms: i64) {
        let code = match failure {
            Error::Service(error) => error.code.as_str(),
            _ => "",
        };
        // Once per call, on top of its attempts and without a delay: the clock, not the
        // service, was at fault.
        self.log.log(
            "awsctl.retries",
            format_args!(
                "Clock skew: {operation} answered {code} and its clock is {:+.3} s from ours; signing with the corrected clock from now on and retrying",
                skew_ms as f64 / 1000.0
            ),
        );
    }

    fn log_retry(
        &self,
        kind: RetryKind,
        failure: &Error,
        received: Option<&Received>,
        delay: std::time::Duration,
    ) {
        let resuming = received
            .map(|r| format!(", resuming after the {} bytes received", r.bytes))
            .unwrap_or_default();
        self.log.log(
            "awsctl.retries",
            format_args!(
                "Retry needed ({kind:?}: {failure}){resuming}, retrying request after delay of: {:.3}",
                delay.as_secs_f64()
            ),
        );
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
}
