//! The HTTP layer under load and faults: clock skew, retries, hostile servers, mixed load.

mod clock_skew;
mod hostile_servers;
mod mixed_load;
mod retries;
