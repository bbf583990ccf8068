//! Standard-mode retries as botocore v2 does them (aws-cli-behaviour.md section 7): what is
//! retried, the full-jitter exponential backoff, and the retry quota.

use std::sync::Mutex;
use std::time::Duration;

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

/// The delay before retry number `retry` (1 for the first retry):
/// `random() * min(2 ** (retry - 1), 20)` seconds.
pub fn backoff(retry: u32, random: f64) -> Duration {
    let cap = 2f64.powi(retry.saturating_sub(1).min(16) as i32).min(20.0);
    Duration::from_secs_f64(random.clamp(0.0, 1.0) * cap)
}

/// The retry quota: a bucket of 500 tokens per client; a retry costs 5 (10 after a timeout),
/// a success gives back what its last retry cost, or 1 if it needed none.
#[derive(Debug)]
pub struct RetryQuota {
    available: Mutex<u32>,
}

pub const QUOTA_CAPACITY: u32 = 500;

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota {
            available: Mutex::new(QUOTA_CAPACITY),
        }
    }
}

impl RetryQuota {
    /// Takes the cost of one retry; `None` when the quota cannot pay for it.
    pub fn acquire(&self, kind: RetryKind) -> Option<u32> {
        let cost = if kind == RetryKind::Timeout { 10 } else { 5 };
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        if *available < cost {
            return None;
        }
        *available -= cost;
        Some(cost)
    }

    /// Called on a successful response; `last_cost` is what its last retry acquired.
    pub fn release(&self, last_cost: Option<u32>) {
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        *available = (*available + last_cost.unwrap_or(1)).min(QUOTA_CAPACITY);
    }

    pub fn available(&self) -> u32 {
        *self.available.lock().unwrap_or_else(|e| e.into_inner())
    }
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

    #[test]
    fn quota_drains_and_refills() {
        let quota = RetryQuota::default();
        assert_eq!(quota.acquire(RetryKind::Throttling), Some(5));
        assert_eq!(quota.acquire(RetryKind::Timeout), Some(10));
        assert_eq!(quota.available(), 485);
        quota.release(Some(10));
        assert_eq!(quota.available(), 495);
        quota.release(None);
        quota.release(None);
        quota.release(None);
        quota.release(None);
        quota.release(None);
        quota.release(None);
        assert_eq!(quota.available(), 500);
        let drained = RetryQuota::default();
        for _ in 0..100 {
            assert!(drained.acquire(RetryKind::Transient).is_some());
        }
        assert_eq!(drained.acquire(RetryKind::Transient), None);
    }
}
