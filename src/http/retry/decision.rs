//! The retry decision, apart from the loop that sends: from what an attempt came to and where
//! the call stands, whether to hand the answer back, correct the clock and send again at once,
//! send again after a delay (whole, or asking for the rest of a cut body), or give up.
//!
//! The rules are the standard retry mode's: at most `max_attempts` attempts in all; only
//! throttling, transient and timeout failures are retried; each retry is paid from the
//! client's retry quota (a body cut mid-stream is resumed for free: the server sends nothing
//! twice) and waits a full-jitter backoff. A refusal for clock skew is retried once at once,
//! on top of the attempts, since the clock and not the service was at fault. Adaptive mode
//! decides the same way; what it adds, slowing the client down after throttling, is fed by
//! [`Outcome::throttled`].
//!
//! Pure: the caller holds the quota's balance for the decision and passes the random draw.

use std::time::Duration;

use super::quota::Tokens;
use super::{RetryKind, backoff};

/// What one attempt came to, as the retry rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A 2xx answer, or another the caller takes as it is (S3's region redirects).
    /// `throttling`: such an answer's error code still says the client sends too fast.
    Accepted { throttling: bool },
    /// An error answer, classified by its status and code. `skew_ms`: it refused the request
    /// for our clock, which the server's `Date` shows to be this far behind (server minus ours).
    Refused {
        kind: Option<RetryKind>,
        skew_ms: Option<i64>,
    },
    /// No whole answer: the transport failure, classified. `cut_mid_body`: the connection
    /// closed after part of a resumable body had arrived, and the next attempt asks for the rest.
    Broken {
        kind: Option<RetryKind>,
        cut_mid_body: bool,
    },
}

impl Outcome {
    /// Whether adaptive mode's rate limiter counts the attempt as throttled.
    pub fn throttled(&self) -> bool {
        match self {
            Outcome::Accepted { throttling } => *throttling,
            Outcome::Refused { kind, .. } => *kind == Some(RetryKind::Throttling),
            Outcome::Broken { .. } => false,
        }
    }
}

/// Where a call stands: which attempt was just made and how many are allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallState {
    /// The attempt just made, 1 for the first.
    pub attempt: u32,
    /// Attempts allowed in all: the configured `max_attempts`, one more after a clock correction.
    pub max_attempts: u32,
    /// The clock was corrected during this call (at most once per call).
    pub clock_corrected: bool,
    /// What the last retry took from the quota (0 for a resumed body); `None` before any retry.
    pub last_cost: Option<u32>,
}

impl CallState {
    pub fn new(max_attempts: u32) -> CallState {
        CallState {
            attempt: 1,
            max_attempts,
            clock_corrected: false,
            last_cost: None,
        }
    }

    /// The `amz-sdk-request` header's value for the current attempt: `attempt=1` for the
    /// first, `attempt=N; max=M` for retries.
    pub fn request_marker(&self) -> String {
        if self.attempt == 1 {
            "attempt=1".to_string()
        } else {
            format!("attempt={}; max={}", self.attempt, self.max_attempts)
        }
    }
}

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decision {
    /// Hand the answer to the caller.
    Return,
    /// Correct the signing clock by `skew_ms` and send again at once.
    CorrectClock { skew_ms: i64 },
    /// Send the whole request again after `delay`.
    Retry { kind: RetryKind, delay: Duration },
    /// Ask for the rest of a body cut mid-stream after `delay`.
    Resume { kind: RetryKind, delay: Duration },
    /// Give up: the attempt's error is the call's.
    Fail(Stop),
}

/// Why a call gives up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The failure is not one a retry may cure.
    NotRetryable,
    /// Every attempt allowed was made, `retries` of them retries. An error answer says so
    /// ("reached max retries"), whether or not it could have been retried.
    OutOfAttempts { retries: u32 },
    /// The retry quota cannot pay for another retry.
    OutOfQuota,
}

/// Decides what follows `outcome`, updating `call` (the next attempt's number and allowance)
/// and `quota` (a retry's cost taken, a success's refund given). `random` in `[0, 1]` draws
/// the backoff's jitter.
pub fn decide(outcome: Outcome, call: &mut CallState, quota: &mut Tokens, random: f64) -> Decision {
    let (kind, free) = match outcome {
        Outcome::Accepted { .. } => {
            quota.release(call.last_cost);
            return Decision::Return;
        }
        Outcome::Refused {
            skew_ms: Some(skew_ms),
            ..
        } if !call.clock_corrected => {
            call.clock_corrected = true;
            call.max_attempts += 1;
            call.attempt += 1;
            return Decision::CorrectClock { skew_ms };
        }
        Outcome::Refused { kind, .. } => (kind, false),
        Outcome::Broken { kind, cut_mid_body } => (kind, cut_mid_body),
    };
    if call.attempt >= call.max_attempts {
        return Decision::Fail(Stop::OutOfAttempts {
            retries: call.attempt - 1,
        });
    }
    let Some(kind) = kind else {
        return Decision::Fail(Stop::NotRetryable);
    };
    let cost = if free { Some(0) } else { quota.acquire(kind) };
    let Some(cost) = cost else {
        return Decision::Fail(Stop::OutOfQuota);
    };
    call.last_cost = Some(cost);
    let delay = backoff(call.attempt, random);
    call.attempt += 1;
    if free {
        Decision::Resume { kind, delay }
    } else {
        Decision::Retry { kind, delay }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::retry::RetryKind::{Throttling, Timeout, Transient};

    const fn refused(kind: Option<RetryKind>) -> Outcome {
        Outcome::Refused {
            kind,
            skew_ms: None,
        }
    }

    const fn broken(kind: Option<RetryKind>) -> Outcome {
        Outcome::Broken {
            kind,
            cut_mid_body: false,
        }
    }

    const SKEWED: Outcome = Outcome::Refused {
        kind: None,
        skew_ms: Some(-3_600_000),
    };

    const CUT: Outcome = Outcome::Broken {
        kind: Some(Transient),
        cut_mid_body: true,
    };

    fn state(attempt: u32, max_attempts: u32) -> CallState {
        CallState {
            attempt,
            max_attempts,
            ..CallState::new(max_attempts)
        }
    }

    fn after(seconds: u64, kind: RetryKind) -> Decision {
        Decision::Retry {
            kind,
            delay: Duration::from_secs(seconds),
        }
    }

    /// Each row: the outcome, the call's attempt and allowance, the quota's balance before;
    /// the decision (with the backoff's jitter drawn at 1.0), the quota after, the next attempt.
    #[test]
    fn the_decision_table() {
        #[rustfmt::skip]
        let rows: &[(Outcome, u32, u32, u32, Decision, u32, u32)] = &[
            // A success gives back 1 token when it needed no retry.
            (Outcome::Accepted { throttling: false }, 1, 3, 490, Decision::Return, 491, 1),
            (Outcome::Accepted { throttling: true }, 1, 3, 500, Decision::Return, 500, 1),
            // Retryable answers and failures: backoff 2^(attempt-1) s at most, paid 5 or 10.
            (refused(Some(Throttling)), 1, 3, 500, after(1, Throttling), 495, 2),
            (refused(Some(Transient)), 2, 3, 500, after(2, Transient), 495, 3),
            (broken(Some(Transient)), 1, 3, 500, after(1, Transient), 495, 2),
            (broken(Some(Timeout)), 1, 3, 500, after(1, Timeout), 490, 2),
            (refused(Some(Transient)), 9, 20, 500, after(20, Transient), 495, 10),
            // Not retryable, or out of attempts (the last attempt's error is final).
            (refused(None), 1, 3, 500, Decision::Fail(Stop::NotRetryable), 500, 1),
            (broken(None), 1, 3, 500, Decision::Fail(Stop::NotRetryable), 500, 1),
            (refused(Some(Throttling)), 3, 3, 500, Decision::Fail(Stop::OutOfAttempts { retries: 2 }), 500, 3),
            (refused(None), 1, 1, 500, Decision::Fail(Stop::OutOfAttempts { retries: 0 }), 500, 1),
            (broken(Some(Timeout)), 2, 2, 500, Decision::Fail(Stop::OutOfAttempts { retries: 1 }), 500, 2),
            // The quota cannot pay: 4 tokens for a 5-token retry, 9 for a 10-token one.
            (refused(Some(Throttling)), 1, 3, 4, Decision::Fail(Stop::OutOfQuota), 4, 1),
            (broken(Some(Timeout)), 1, 3, 9, Decision::Fail(Stop::OutOfQuota), 9, 1),
            // A body cut mid-stream is resumed, free, even with an empty quota.
            (CUT, 1, 3, 0, Decision::Resume { kind: Transient, delay: Duration::from_secs(1) }, 0, 2),
            (CUT, 3, 3, 0, Decision::Fail(Stop::OutOfAttempts { retries: 2 }), 0, 3),
            // Clock skew: at once, on top of the attempts, even after the last one.
            (SKEWED, 1, 3, 500, Decision::CorrectClock { skew_ms: -3_600_000 }, 500, 2),
            (SKEWED, 3, 3, 500, Decision::CorrectClock { skew_ms: -3_600_000 }, 500, 4),
        ];
        for (i, &(outcome, attempt, max, tokens, expected, tokens_after, next)) in
            rows.iter().enumerate()
        {
            let mut call = state(attempt, max);
            let mut quota = Tokens::with(tokens);
            let decision = decide(outcome, &mut call, &mut quota, 1.0);
            assert_eq!(decision, expected, "row {i}: {outcome:?}");
            assert_eq!(quota.available(), tokens_after, "row {i}: quota");
            assert_eq!(call.attempt, next, "row {i}: next attempt");
        }
    }

    #[test]
    fn the_clock_is_corrected_once_per_call_and_allows_one_more_attempt() {
        let mut call = CallState::new(3);
        let mut quota = Tokens::full();
        let first = decide(SKEWED, &mut call, &mut quota, 1.0);
        assert_eq!(
            first,
            Decision::CorrectClock {
                skew_ms: -3_600_000
            }
        );
        assert_eq!((call.attempt, call.max_attempts), (2, 4));
        assert_eq!(call.request_marker(), "attempt=2; max=4");
        // Refused again for skew: now an ordinary error, not retried without a retryable code.
        let second = decide(SKEWED, &mut call, &mut quota, 1.0);
        assert_eq!(second, Decision::Fail(Stop::NotRetryable));
    }

    #[test]
    fn a_success_after_retries_gives_back_what_its_last_retry_cost() {
        let mut call = CallState::new(3);
        let mut quota = Tokens::full();
        decide(broken(Some(Timeout)), &mut call, &mut quota, 0.5);
        decide(refused(Some(Throttling)), &mut call, &mut quota, 0.5);
        assert_eq!(quota.available(), 485);
        let done = decide(
            Outcome::Accepted { throttling: false },
            &mut call,
            &mut quota,
            0.5,
        );
        assert_eq!(done, Decision::Return);
        assert_eq!(quota.available(), 490);
        // A resumed body cost nothing, and gives nothing back.
        let mut call = CallState::new(3);
        let mut quota = Tokens::with(100);
        decide(CUT, &mut call, &mut quota, 0.5);
        decide(
            Outcome::Accepted { throttling: false },
            &mut call,
            &mut quota,
            0.5,
        );
        assert_eq!(quota.available(), 100);
    }

    #[test]
    fn the_jitter_scales_the_backoff() {
        let mut call = state(3, 5);
        let decision = decide(
            refused(Some(Transient)),
            &mut call,
            &mut Tokens::full(),
            0.25,
        );
        assert_eq!(decision, after(1, Transient));
        let mut call = state(3, 5);
        let decision = decide(
            refused(Some(Transient)),
            &mut call,
            &mut Tokens::full(),
            0.0,
        );
        assert_eq!(decision, after(0, Transient));
    }

    #[test]
    fn only_throttling_slows_an_adaptive_client() {
        assert!(refused(Some(Throttling)).throttled());
        assert!(Outcome::Accepted { throttling: true }.throttled());
        assert!(!refused(Some(Transient)).throttled());
        assert!(!refused(None).throttled());
        assert!(!SKEWED.throttled());
        assert!(!broken(Some(Timeout)).throttled());
        assert!(!Outcome::Accepted { throttling: false }.throttled());
    }

    #[test]
    fn the_request_marker_names_the_allowance_on_retries() {
        assert_eq!(CallState::new(3).request_marker(), "attempt=1");
        assert_eq!(state(3, 3).request_marker(), "attempt=3; max=3");
    }
}
