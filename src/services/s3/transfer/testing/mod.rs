//! What the engine's unit tests (../tests/) run on: an in-memory fake S3 (fake.rs), a
//! failure-injecting wrapper (faults.rs), and an engine over either that asks again at once
//! after a transient failure instead of after a jittered delay.

mod fake;
mod faults;

pub use fake::FakeS3;
pub use faults::{AfterCut, Fault, Faulty};

use std::time::Duration;

use super::config::MIN_PART;
use super::{Engine, ObjectClient, TransferConfig};
use crate::cli::GlobalArgs;
use crate::config::SharedConfig;
use crate::env::Env;
use crate::error::{Error, ServiceError};
use crate::services::Session;
use crate::settings::Settings;

/// An S3 error as the HTTP client reports it.
pub fn error(operation: &'static str, status: u16, code: &str) -> Error {
    Error::Service(ServiceError {
        code: code.into(),
        message: Some(format!("{code} (from the fake S3)")),
        operation,
        status,
        request_id: None,
        retries_exhausted: None,
        fields: Default::default(),
    })
}

/// A session of empty settings (no files, no environment): the engine reads its debug log
/// only, the fake needs no credentials or endpoint. Leaked, as the engine borrows it.
pub fn session() -> &'static Session<'static> {
    let settings = Settings::resolve_with_files(
        &GlobalArgs::default(),
        Env::from_pairs(Vec::<(String, String)>::new()),
        SharedConfig::from_strings("", ""),
    )
    .expect("empty settings resolve");
    let settings: &'static Settings = Box::leak(Box::new(settings));
    Box::leak(Box::new(Session::new(settings)))
}

/// An engine over `client` that retries without waiting.
pub fn engine<C: ObjectClient>(client: C, config: TransferConfig) -> Engine<'static, C> {
    let mut engine = Engine::with_client(session(), config, client);
    engine.retry_wait = |_| Duration::ZERO;
    engine
}

/// Multipart from 5 MiB (S3's smallest part) in 5 MiB parts, 4 parts of an object in flight.
pub fn small_parts() -> TransferConfig {
    TransferConfig {
        multipart_threshold: MIN_PART,
        multipart_chunksize: MIN_PART,
        max_concurrent_requests: 8,
        parts_per_object: 4,
        ..TransferConfig::default()
    }
}

/// `len` bytes in which no two nearby stretches are alike, so that a range written at the
/// wrong offset, twice or not at all shows in a comparison.
pub fn data(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}
