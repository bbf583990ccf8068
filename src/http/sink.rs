//! Where a response body goes as it arrives: into memory (a `Vec<u8>`, the default), or, for an
//! object's bytes, straight to its place in a file, so that a download never holds a whole
//! part (see services::s3::transfer::download).

use crate::error::Error;

/// Takes a 2xx body chunk by chunk, in order. When a cut body is resumed, the rest continues
/// where the last chunk stopped.
pub trait BodySink {
    /// The next bytes of the body. An error ends the request at once (it is not retried by the
    /// client; the transfer layer may ask again).
    fn write(&mut self, chunk: &[u8]) -> Result<(), Error>;

    /// What was written is void: the body starts again from its first byte (the server ignored
    /// a resume, or a request that cannot be resumed is sent again).
    fn restart(&mut self);

    /// The body is expected to be `len` bytes long (from Content-Length).
    fn expect(&mut self, _len: u64) {}
}

/// Response bodies are allocated from Content-Length up to this much at once (a ranged part
/// is 8 MiB by default); past it they grow as they arrive, so a wrong length cannot make the
/// client allocate more than it receives.
const MAX_PRESIZE: u64 = 64 * 1024 * 1024;

impl BodySink for Vec<u8> {
    fn write(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.extend_from_slice(chunk);
        Ok(())
    }

    fn restart(&mut self) {
        self.clear();
    }

    /// Sized once: growing by doubling would copy an 8 MiB range several times over and
    /// fault in fresh pages at every step.
    fn expect(&mut self, len: u64) {
        self.reserve(len.min(MAX_PRESIZE) as usize);
    }
}
