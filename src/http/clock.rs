//! The clock requests are signed with: the system clock, shifted by the test hook
//! `AWSCTL_TEST_CLOCK_OFFSET_SECONDS` (to play a machine whose clock is wrong), plus the
//! correction learnt from a server that refused a request for clock skew. One clock per
//! client, and one client per process, so a correction applies to all later signing.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

use crate::error::ServiceError;

/// The test hook's environment variable: seconds added to the system clock when signing.
pub const TEST_OFFSET_VARIABLE: &str = "AWSCTL_TEST_CLOCK_OFFSET_SECONDS";

/// A server's clock further than this from ours explains a refused signature. AWS allows
/// 5 minutes (S3 15); below 4 the refusal has another cause and correcting would not help.
const SKEW_THRESHOLD_MS: i64 = 4 * 60 * 1000;

/// Codes that say the request time was refused outright.
const SKEW_CODES: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
];

/// Codes a skewed signature may also get (signature checks that fold time into the
/// signature); they count as skew only when the server's `Date` is far from our clock.
const SIGNATURE_CODES: &[&str] = &[
    "SignatureDoesNotMatch",
    "InvalidSignatureException",
    "AuthFailure",
    // A HEAD answer has no body to name its error: a skewed HeadObject is a bare 403.
    "403",
];

#[derive(Debug, Default)]
pub struct SigningClock {
    /// The test hook's shift, milliseconds.
    shift_ms: i64,
    /// What the server's clock taught us, milliseconds; shared by every request in flight.
    correction_ms: AtomicI64,
}

impl SigningClock {
    pub fn new(shift_seconds: i64) -> SigningClock {
        SigningClock {
            shift_ms: shift_seconds.saturating_mul(1000),
            correction_ms: AtomicI64::new(0),
        }
    }

    /// The time to sign with.
    pub fn now(&self) -> SystemTime {
        let system = SystemTime::now();
        let offset = self
            .shift_ms
            .saturating_add(self.correction_ms.load(Ordering::Relaxed));
        let magnitude = Duration::from_millis(offset.unsigned_abs());
        // An offset past what the clock can represent leaves the time unshifted.
        if offset >= 0 {
            system.checked_add(magnitude).unwrap_or(system)
        } else {
            system.checked_sub(magnitude).unwrap_or(system)
        }
    }

    /// When `error` is a refusal for clock skew and the server's `Date` shows our clock is
    /// off: the skew (server minus ours, ms), for [`SigningClock::adjust`]. `None` when the
    /// error is something else or a correction would change nothing, e.g. because the clock
    /// was already corrected by an earlier answer.
    pub fn skew(&self, error: &ServiceError, server_date: Option<SystemTime>) -> Option<i64> {
        let code = error.code.as_str();
        if !SKEW_CODES.contains(&code) && !SIGNATURE_CODES.contains(&code) {
            return None;
        }
        let skew = millis_between(self.now(), server_date?);
        (skew.abs() > SKEW_THRESHOLD_MS).then_some(skew)
    }

    /// Moves the clock by `skew_ms` (from [`SigningClock::skew`]) for all later signing.
    pub fn adjust(&self, skew_ms: i64) {
        self.correction_ms.fetch_add(skew_ms, Ordering::Relaxed);
    }
}

/// `to - from` in milliseconds.
fn millis_between(from: SystemTime, to: SystemTime) -> i64 {
    match to.duration_since(from) {
        Ok(ahead) => ahead.as_millis() as i64,
        Err(behind) => -(behind.duration().as_millis() as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shift_past_what_the_clock_holds_is_not_a_panic() {
        for shift in [i64::MAX, i64::MIN] {
            let clock = SigningClock::new(shift);
            clock.correction_ms.store(shift, Ordering::Relaxed);
            let _ = clock.now();
        }
    }

    fn refusal(code: &str) -> ServiceError {
        ServiceError {
            code: code.into(),
            message: None,
            operation: "GetObject",
            status: 403,
            request_id: None,
            retries_exhausted: None,
            fields: Default::default(),
        }
    }

    #[test]
    fn a_skew_refusal_moves_the_clock_to_the_servers_once() {
        let clock = SigningClock::new(3600);
        let server = SystemTime::now();
        let skew = clock
            .skew(&refusal("RequestTimeTooSkewed"), Some(server))
            .unwrap();
        assert!((-3_601_000..=-3_599_000).contains(&skew), "{skew}");
        clock.adjust(skew);
        let now = millis_between(server, clock.now());
        assert!(now.abs() < 1000, "{now}");
        // Corrected already: a second refusal changes nothing.
        assert_eq!(
            clock.skew(&refusal("RequestTimeTooSkewed"), Some(server)),
            None
        );
    }

    #[test]
    fn only_skew_codes_with_a_distant_date_count() {
        let clock = SigningClock::new(0);
        let far = SystemTime::now() + Duration::from_secs(600);
        assert_eq!(clock.skew(&refusal("AccessDenied"), Some(far)), None);
        assert_eq!(clock.skew(&refusal("RequestTimeTooSkewed"), None), None);
        let near = SystemTime::now() + Duration::from_secs(60);
        assert_eq!(
            clock.skew(&refusal("SignatureDoesNotMatch"), Some(near)),
            None
        );
        assert!(
            clock
                .skew(&refusal("SignatureDoesNotMatch"), Some(far))
                .is_some()
        );
    }
}
