//! The adaptive retry mode's client-side rate limiter, as botocore builds it: off until the
//! first throttling response; from then on every request takes a token from a bucket whose
//! fill rate follows CUBIC (cut to 70% on throttling, regrowing along a cubic curve after),
//! capped at twice the measured sending rate. Time is passed in, so that it can be tested.

/// Seconds since some fixed instant.
pub type Seconds = f64;

const MIN_RATE: f64 = 0.5;
const SCALE: f64 = 0.4;
const BETA: f64 = 0.7;
const SMOOTHING: f64 = 0.8;
/// The measured rate is counted in buckets of half a second.
const BUCKET_SCALE: f64 = 2.0;
const MAX_RATE_ADJUST_SCALE: f64 = 2.0;

#[derive(Debug)]
pub struct RateLimiter {
    enabled: bool,
    // The token bucket.
    fill_rate: f64,
    max_capacity: f64,
    capacity: f64,
    last_refill: Option<Seconds>,
    // CUBIC.
    w_max: f64,
    k: f64,
    last_fail: Seconds,
    // The measured sending rate.
    measured: f64,
    count: f64,
    last_bucket: f64,
}

impl RateLimiter {
    pub fn new(now: Seconds) -> RateLimiter {
        let mut limiter = RateLimiter {
            enabled: false,
            fill_rate: 0.0,
            max_capacity: 1.0,
            capacity: 0.0,
            last_refill: None,
            w_max: 0.0,
            k: 0.0,
            last_fail: now,
            measured: 0.0,
            count: 0.0,
            last_bucket: now.floor(),
        };
        limiter.set_max_rate(1.0);
        limiter
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// The bucket's current fill rate (requests per second).
    pub fn rate(&self) -> f64 {
        self.fill_rate
    }

    fn set_max_rate(&mut self, value: f64) {
        self.fill_rate = value.max(MIN_RATE);
        self.max_capacity = if value >= 1.0 { value } else { 1.0 };
        self.capacity = self.capacity.min(self.max_capacity);
    }

    fn refill(&mut self, now: Seconds) {
        if let Some(last) = self.last_refill {
            self.capacity = (self.capacity + (now - last) * self.fill_rate).min(self.max_capacity);
        }
        self.last_refill = Some(now);
    }

    /// Called before a request is sent: how long to wait first (zero while disabled). The
    /// token is taken as if the wait had been served.
    pub fn before_send(&mut self, now: Seconds) -> f64 {
        if !self.enabled {
            return 0.0;
        }
        self.refill(now);
        if self.capacity >= 1.0 {
            self.capacity -= 1.0;
            return 0.0;
        }
        let wait = (1.0 - self.capacity) / self.fill_rate;
        self.capacity = 0.0;
        self.last_refill = Some(now + wait);
        wait
    }

    /// Called for every response, throttled or not.
    pub fn after_response(&mut self, now: Seconds, throttled: bool) {
        let measured = self.record(now);
        let new_rate = if throttled {
            let rate = if self.enabled {
                measured.min(self.fill_rate)
            } else {
                measured
            };
            self.w_max = rate;
            self.k = (self.w_max * (1.0 - BETA) / SCALE).cbrt();
            self.last_fail = now;
            self.enabled = true;
            rate * BETA
        } else {
            SCALE * (now - self.last_fail - self.k).powi(3) + self.w_max
        };
        self.set_max_rate(new_rate.min(MAX_RATE_ADJUST_SCALE * measured));
    }

    fn record(&mut self, now: Seconds) -> f64 {
        let bucket = (now * BUCKET_SCALE).floor() / BUCKET_SCALE;
        self.count += 1.0;
        if bucket > self.last_bucket {
            let current = self.count / (bucket - self.last_bucket);
            self.measured = current * SMOOTHING + self.measured * (1.0 - SMOOTHING);
            self.count = 0.0;
            self.last_bucket = bucket;
        }
        self.measured
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends at `rate` requests per second for `seconds`, each answered with `throttled(t)`;
    /// returns the time spent waiting.
    fn drive(
        limiter: &mut RateLimiter,
        start: f64,
        seconds: f64,
        rate: f64,
        throttled: impl Fn(f64) -> bool,
    ) -> f64 {
        let mut t = start;
        let mut waited = 0.0;
        while t < start + seconds {
            let wait = limiter.before_send(t);
            waited += wait;
            t += wait;
            limiter.after_response(t, throttled(t));
            t += 1.0 / rate;
        }
        waited
    }

    #[test]
    fn stays_out_of_the_way_until_throttled() {
        let mut limiter = RateLimiter::new(0.0);
        assert_eq!(drive(&mut limiter, 0.0, 5.0, 50.0, |_| false), 0.0);
        assert!(!limiter.enabled());
    }

    #[test]
    fn throttling_cuts_the_rate_and_success_regrows_it() {
        let mut limiter = RateLimiter::new(0.0);
        drive(&mut limiter, 0.0, 3.0, 20.0, |_| false);
        limiter.after_response(3.0, true);
        assert!(limiter.enabled());
        let cut = limiter.rate();
        // 70% of the measured ~20 requests per second.
        assert!((12.0..=15.0).contains(&cut), "{cut}");
        // Sending faster than allowed now costs waiting time.
        let waited = drive(&mut limiter, 3.0, 1.0, 100.0, |_| false);
        assert!(waited > 0.1, "{waited}");
        // After a quiet stretch of successes the rate has grown back past its cut value.
        drive(&mut limiter, 10.0, 5.0, 10.0, |_| false);
        assert!(limiter.rate() > cut * 0.9, "{} vs {cut}", limiter.rate());
    }

    #[test]
    fn repeated_throttling_keeps_lowering_the_rate_but_not_below_the_minimum() {
        let mut limiter = RateLimiter::new(0.0);
        drive(&mut limiter, 0.0, 2.0, 10.0, |_| false);
        let mut t = 2.0;
        let mut last = f64::MAX;
        for _ in 0..20 {
            limiter.after_response(t, true);
            assert!(limiter.rate() <= last + 1e-9);
            last = limiter.rate();
            t += 0.01;
        }
        assert!(limiter.rate() >= MIN_RATE);
    }
}
