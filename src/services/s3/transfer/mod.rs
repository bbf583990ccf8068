//! The concurrent transfer engine `s3 cp`, `mv` and `sync` run on: uploads in parts
//! above the multipart threshold, ranged downloads, one bounded pool of request slots shared
//! by every file of a command, CRC32 integrity both ways, and nothing left half-done: a
//! failed multipart upload is aborted, a download lands in a temporary file renamed into
//! place only once complete and verified.
//!
//! `max_bandwidth` limits uploads and downloads together (bandwidth.rs).
//!
//! Memory does not grow with the object or the part size: a download writes each range to the
//! file as its bytes arrive (range_writer.rs), an upload reads each part from the file as it
//! is sent (http::body). Only streams (stdin, stdout) hold parts, `parts_per_object` at most.
//! Slots (`max_concurrent_requests`, config.rs) are shared by all transfers of a command.
//!
//! Every S3 operation goes through an [`ObjectClient`] (object_client.rs): the real one over
//! HTTP for commands, an in-memory fake with a failure-injecting wrapper in the unit tests
//! (testing/, tests/).

mod bandwidth;
pub mod checksum;
pub mod config;
pub mod copy;
pub mod download;
pub mod object_client;
pub mod progress;
mod range_writer;
pub mod retry;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
mod unfinished;
pub mod upload;

pub use config::TransferConfig;
pub use download::temp_path;
pub use object_client::{HttpObjectClient, ObjectClient};

use std::future::Future;
use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};

use crate::error::Error;
use crate::services::Session;

/// The engine, over the real S3 (`C` = [`HttpObjectClient`]) unless built with another
/// [`ObjectClient`] ([`Engine::with_client`], for tests).
pub struct Engine<'s, C = HttpObjectClient<'s>> {
    pub session: &'s Session<'s>,
    pub config: TransferConfig,
    pub progress: progress::Progress,
    /// Every S3 operation of a transfer goes through it.
    client: C,
    unfinished: unfinished::Unfinished,
    slots: Semaphore,
    bandwidth: bandwidth::Limiter,
    /// The wait before a transfer-level retry's `n`th fresh request (jittered; none in tests).
    retry_wait: fn(u32) -> Duration,
}

impl<'s> Engine<'s> {
    pub fn new(session: &'s Session<'s>, config: TransferConfig) -> Engine<'s> {
        Engine::with_client(session, config, HttpObjectClient::new(session))
    }
}

impl<'s, C: ObjectClient> Engine<'s, C> {
    /// An engine whose S3 operations go to `client` (the session is then used for its debug
    /// log only, and by the commands for their own calls).
    pub fn with_client(session: &'s Session<'s>, config: TransferConfig, client: C) -> Self {
        Engine {
            session,
            config,
            progress: progress::Progress::default(),
            client,
            unfinished: unfinished::Unfinished::default(),
            slots: Semaphore::new(config.max_concurrent_requests),
            bandwidth: bandwidth::Limiter::new(config.max_bandwidth),
            retry_wait: retry::jittered,
        }
    }

    /// A request slot: held while a request carrying an object's bytes is in flight.
    async fn slot(&self) -> SemaphorePermit<'_> {
        self.slots
            .acquire()
            .await
            .expect("the semaphore is never closed")
    }

    /// `request` asked again with fresh requests after transient failures (retry.rs).
    async fn again<T, F, Fut>(&self, what: &str, request: F) -> Result<T, Error>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        retry::again_with(self.session.log(), what, self.retry_wait, request).await
    }
}
