//! `max_bandwidth`: one limit shared by every upload and download of a command (copies and
//! deletes move no bytes through here and are not limited), as s3transfer's bandwidth limiter.
//!
//! The limit is kept per request: each part, range or small object reserves its share of time
//! after the shares already reserved, and is sent (upload) or asked for (download) only once
//! its share has passed. The command's average rate thus stays at or below the limit; a
//! single body still crosses the wire at link speed.

use std::cell::Cell;
use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug)]
pub struct Limiter {
    /// Bytes per second; `None`: no limit.
    rate: Option<u64>,
    /// When the time reserved so far runs out.
    reserved_until: Cell<Instant>,
}

impl Limiter {
    pub fn new(rate: Option<u64>) -> Limiter {
        Limiter {
            rate,
            reserved_until: Cell::new(Instant::now()),
        }
    }

    /// Waits until `bytes` more fit within the limit. Concurrent transfers queue up on the
    /// one reservation, so that together they get the rate, not each of them.
    pub async fn take(&self, bytes: u64) {
        let Some(rate) = self.rate.filter(|r| *r > 0) else {
            return;
        };
        let start = self.reserved_until.get().max(Instant::now());
        let end = start + Duration::from_secs_f64(bytes as f64 / rate as f64);
        self.reserved_until.set(end);
        tokio::time::sleep_until(end).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn shares_queue_up_on_one_reservation() {
        // 10 KiB/s: 1 KiB and 2 KiB at once take 0.3 s together, not 0.2 s each.
        let limiter = Limiter::new(Some(10 * 1024));
        let began = Instant::now();
        futures_util::join!(limiter.take(1024), limiter.take(2048));
        let elapsed = began.elapsed();
        assert!(elapsed >= Duration::from_millis(299), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
        let unlimited = Limiter::new(None);
        let began = Instant::now();
        unlimited.take(u64::MAX).await;
        assert!(began.elapsed() < Duration::from_millis(50));
    }
}
