//! Transfer-level retries, on top of each request's own `max_attempts`: like the AWS CLI's
//! transfer layer, a part, a range or a small object whose request failed for a transient
//! reason (5xx, throttling, a reset connection, a body cut short) is asked for again with a
//! fresh request, a few times, before the file is given up. Errors that another try cannot
//! fix (access denied, a missing key, a checksum mismatch) end the file at once.

use std::future::Future;
use std::time::Duration;

use crate::error::{Error, TransportError};
use crate::http::debug::DebugLog;
use crate::http::retry;

/// Fresh requests per part (each making up to `max_attempts` attempts of its own).
pub const TRANSFER_ATTEMPTS: u32 = 5;

/// Whether a fresh request may succeed where this one failed.
pub fn retryable(error: &Error) -> bool {
    match error {
        Error::Transport(t) => matches!(
            t,
            TransportError::Connect(_)
                | TransportError::ConnectTimeout(_)
                | TransportError::ReadTimeout(_)
                | TransportError::Closed(_)
                | TransportError::ResumeRefused(_)
        ),
        Error::Service(e) => retry::classify(e.status, Some(&e.code)).is_some(),
        Error::ShortBody(_) => true,
        _ => false,
    }
}

/// Runs `request` until it succeeds, fails for good, or has been tried
/// [`TRANSFER_ATTEMPTS`] times; waits a jittered, growing delay between tries.
pub async fn again<T, F, Fut>(log: DebugLog, what: &str, request: F) -> Result<T, Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    again_with(log, what, jittered, request).await
}

/// The wait before the fresh request that follows try number `tries`.
pub(super) fn jittered(tries: u32) -> Duration {
    delay(tries, rand::random::<f64>())
}

/// As [`again`], waiting `wait(tries)` between tries.
pub(super) async fn again_with<T, F, Fut>(
    log: DebugLog,
    what: &str,
    wait: impl Fn(u32) -> Duration,
    mut request: F,
) -> Result<T, Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let mut tries = 1;
    loop {
        match request().await {
            Err(e) if tries < TRANSFER_ATTEMPTS && retryable(&e) => {
                let delay = wait(tries);
                log.log(
                    "awsctl.s3.transfer",
                    format_args!(
                        "{what} failed ({e}); asking again with a fresh request ({} of {TRANSFER_ATTEMPTS}) after {:.3} s",
                        tries + 1,
                        delay.as_secs_f64()
                    ),
                );
                tokio::time::sleep(delay).await;
                tries += 1;
            }
            other => return other,
        }
    }
}

/// `random` x min(2^(tries-1), 4) seconds: the request's own retries have waited already.
fn delay(tries: u32, random: f64) -> Duration {
    let cap = 2f64.powi(tries.saturating_sub(1).min(2) as i32);
    Duration::from_secs_f64(random.clamp(0.0, 1.0) * cap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ServiceError;
    use std::cell::Cell;

    fn service(status: u16, code: &str) -> Error {
        Error::Service(ServiceError {
            code: code.into(),
            message: None,
            operation: "UploadPart",
            status,
            request_id: None,
            retries_exhausted: Some(2),
            fields: Default::default(),
        })
    }

    #[test]
    fn transient_failures_are_retried_and_final_ones_are_not() {
        assert!(retryable(&service(503, "SlowDown")));
        assert!(retryable(&service(500, "InternalError")));
        assert!(retryable(&Error::Transport(TransportError::Closed(
            "u".into()
        ))));
        assert!(retryable(&Error::ShortBody("cut".into())));
        assert!(!retryable(&service(403, "AccessDenied")));
        assert!(!retryable(&service(404, "NoSuchKey")));
        assert!(!retryable(&Error::General("checksum".into())));
    }

    #[test]
    fn a_request_is_tried_at_most_transfer_attempts_times() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let tries = Cell::new(0);
        let result: Result<(), Error> = runtime.block_on(again_with(
            DebugLog::default(),
            "x",
            |_| Duration::ZERO,
            || {
                tries.set(tries.get() + 1);
                async { Err(service(503, "SlowDown")) }
            },
        ));
        assert!(result.is_err());
        assert_eq!(tries.get(), TRANSFER_ATTEMPTS);
        tries.set(0);
        let result = runtime.block_on(again_with(
            DebugLog::default(),
            "x",
            |_| Duration::ZERO,
            || {
                tries.set(tries.get() + 1);
                let n = tries.get();
                async move {
                    if n < 3 {
                        Err(service(500, "InternalError"))
                    } else {
                        Ok(n)
                    }
                }
            },
        ));
        assert_eq!(result.unwrap(), 3);
        tries.set(0);
        let _ = runtime.block_on(again_with(
            DebugLog::default(),
            "x",
            |_| Duration::ZERO,
            || {
                tries.set(tries.get() + 1);
                async { Err::<(), _>(service(403, "AccessDenied")) }
            },
        ));
        assert_eq!(tries.get(), 1);
    }
}
