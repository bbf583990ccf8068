//! Retries as the AWS CLI v2 makes them in its default "standard" retry mode (botocore's
//! `retries/standard.py`, described in the AWS SDKs and Tools Reference Guide under "Retry
//! behavior"): which answers and transport failures are retried, the full-jitter exponential
//! backoff, the retry quota ([`quota`]), and the decision that combines them ([`decision`]).
//! Adaptive mode retries by the same rules and adds a client-side rate limiter
//! (`super::adaptive`).

pub mod decision;
pub mod quota;

use std::time::Duration;

use crate::error::TransportError;

pub use decision::{CallState, Decision, Outcome, Stop, decide};
pub use quota::{RetryQuota, Tokens};

/// Why a failed attempt may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryKind {
    Throttling,
    Transient,
    /// Connect and read timeouts cost more of the quota.
    Timeout,
}

const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

const TRANSIENT_CODES: &[&str] = &[
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
];

const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Classifies an error response by its error code and HTTP status.
pub fn classify(status: u16, code: Option<&str>) -> Option<RetryKind> {
    if let Some(code) = code {
        if THROTTLING_CODES.contains(&code) {
            return Some(RetryKind::Throttling);
        }
        if TRANSIENT_CODES.contains(&code) {
            return Some(RetryKind::Transient);
        }
    }
    TRANSIENT_STATUSES
        .contains(&status)
        .then_some(RetryKind::Transient)
}

/// Classifies a failure to get an answer at all: timeouts, refused or closed connections
/// (and a resume the server did not honour) are worth another attempt; TLS failures, bad
/// endpoints or headers, and oversized answers are not.
pub fn classify_transport(error: &TransportError) -> Option<RetryKind> {
    match error {
        TransportError::ConnectTimeout(_) | TransportError::ReadTimeout(_) => {
            Some(RetryKind::Timeout)
        }
        TransportError::Connect(_)
        | TransportError::Closed(_)
        | TransportError::ResumeRefused(_) => Some(RetryKind::Transient),
        _ => None,
    }
}

/// The delay before retry number `retry` (1 for the first retry):
/// `random() * min(2 ** (retry - 1), 20)` seconds.
pub fn backoff(retry: u32, random: f64) -> Duration {
    let cap = 2f64.powi(retry.saturating_sub(1).min(16) as i32).min(20.0);
    Duration::from_secs_f64(random.clamp(0.0, 1.0) * cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_follows_standard_mode() {
        assert_eq!(
            classify(400, Some("ThrottlingException")),
            Some(RetryKind::Throttling)
        );
        assert_eq!(classify(503, Some("SlowDown")), Some(RetryKind::Throttling));
        assert_eq!(
            classify(400, Some("RequestTimeout")),
            Some(RetryKind::Transient)
        );
        assert_eq!(classify(502, None), Some(RetryKind::Transient));
        assert_eq!(
            classify(500, Some("InternalError")),
            Some(RetryKind::Transient)
        );
        assert_eq!(classify(403, Some("SignatureDoesNotMatch")), None);
        assert_eq!(classify(429, Some("SomethingElse")), None);
        assert_eq!(classify(404, None), None);
        let url = || "http://127.0.0.1:1/".to_string();
        assert_eq!(
            classify_transport(&TransportError::ReadTimeout(url())),
            Some(RetryKind::Timeout)
        );
        assert_eq!(
            classify_transport(&TransportError::ResumeRefused(url())),
            Some(RetryKind::Transient)
        );
        assert_eq!(
            classify_transport(&TransportError::Tls(url(), String::new())),
            None
        );
        assert_eq!(
            classify_transport(&TransportError::TooLarge(url(), 1)),
            None
        );
    }

    #[test]
    fn backoff_is_full_jitter_capped_at_twenty_seconds() {
        assert_eq!(backoff(1, 1.0), Duration::from_secs(1));
        assert_eq!(backoff(2, 1.0), Duration::from_secs(2));
        assert_eq!(backoff(3, 0.5), Duration::from_secs(2));
        assert_eq!(backoff(6, 1.0), Duration::from_secs(20));
        assert_eq!(backoff(60, 1.0), Duration::from_secs(20));
        assert_eq!(backoff(4, 0.0), Duration::ZERO);
    }
}
