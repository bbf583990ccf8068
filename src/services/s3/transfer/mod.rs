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

mod bandwidth;
pub mod checksum;
pub mod config;
pub mod copy;
pub mod download;
pub mod progress;
mod range_writer;
pub mod retry;
mod unfinished;
pub mod upload;

pub use config::TransferConfig;
pub use download::temp_path;

use tokio::sync::{Semaphore, SemaphorePermit};

use crate::services::Session;

pub struct Engine<'s> {
    pub session: &'s Session<'s>,
    pub config: TransferConfig,
    pub progress: progress::Progress,
    unfinished: unfinished::Unfinished,
    slots: Semaphore,
    bandwidth: bandwidth::Limiter,
}

impl<'s> Engine<'s> {
    pub fn new(session: &'s Session<'s>, config: TransferConfig) -> Engine<'s> {
        Engine {
            session,
            config,
            progress: progress::Progress::default(),
            unfinished: unfinished::Unfinished::default(),
            slots: Semaphore::new(config.max_concurrent_requests),
            bandwidth: bandwidth::Limiter::new(config.max_bandwidth),
        }
    }

    /// A request slot: held while a request carrying an object's bytes is in flight.
    async fn slot(&self) -> SemaphorePermit<'_> {
        self.slots
            .acquire()
            .await
            .expect("the semaphore is never closed")
    }
}
