//! The retry quota of the AWS SDKs' standard retry mode (also used by adaptive mode): a
//! bucket of 500 tokens per client; a retry costs 5 tokens (10 after a connect or read
//! timeout), and a successful answer gives back what its last retry cost, or 1 when it
//! needed none. An empty bucket means no more retries, so that a failing service is not
//! hammered by every request at once.

use std::sync::{Mutex, MutexGuard};

use super::RetryKind;

pub const QUOTA_CAPACITY: u32 = 500;

/// The quota's balance, changed only by the retry decision (see [`super::decide`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tokens {
    available: u32,
}

impl Tokens {
    pub fn full() -> Tokens {
        Tokens::with(QUOTA_CAPACITY)
    }

    pub fn with(available: u32) -> Tokens {
        Tokens {
            available: available.min(QUOTA_CAPACITY),
        }
    }

    pub fn available(&self) -> u32 {
        self.available
    }

    /// Takes the cost of one retry; `None` when the quota cannot pay for it.
    pub fn acquire(&mut self, kind: RetryKind) -> Option<u32> {
        let cost = if kind == RetryKind::Timeout { 10 } else { 5 };
        self.available = self.available.checked_sub(cost)?;
        Some(cost)
    }

    /// Called on a successful answer; `last_cost` is what its last retry acquired.
    pub fn release(&mut self, last_cost: Option<u32>) {
        self.available = (self.available + last_cost.unwrap_or(1)).min(QUOTA_CAPACITY);
    }
}

/// One client's quota, shared by all its requests in flight.
#[derive(Debug)]
pub struct RetryQuota {
    tokens: Mutex<Tokens>,
}

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota {
            tokens: Mutex::new(Tokens::full()),
        }
    }
}

impl RetryQuota {
    /// The balance, held for one decision.
    pub fn lock(&self) -> MutexGuard<'_, Tokens> {
        self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_drains_and_refills() {
        let quota = RetryQuota::default();
        let mut tokens = quota.lock();
        assert_eq!(tokens.acquire(RetryKind::Throttling), Some(5));
        assert_eq!(tokens.acquire(RetryKind::Timeout), Some(10));
        assert_eq!(tokens.available(), 485);
        tokens.release(Some(10));
        assert_eq!(tokens.available(), 495);
        for _ in 0..6 {
            tokens.release(None);
        }
        assert_eq!(tokens.available(), 500);
        let mut drained = Tokens::full();
        for _ in 0..100 {
            assert!(drained.acquire(RetryKind::Transient).is_some());
        }
        assert_eq!(drained.acquire(RetryKind::Transient), None);
        assert_eq!(Tokens::with(9).acquire(RetryKind::Timeout), None);
    }
}
