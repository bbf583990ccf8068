//! Everything between an operation and the wire: the client, signing, retries,
//! the debug log and the redaction of secrets in it.

pub mod adaptive;
pub mod body;
pub mod ca_bundle;
pub mod capped;
pub mod client;
pub mod clock;
pub mod debug;
pub mod redact;
pub mod resume;
pub mod retry;
pub mod sign;
pub mod sink;

pub use body::Body;
pub use client::{ErrorParser, HttpClient, HttpRequest, HttpResponse};
pub use resume::Resume;
pub use sink::BodySink;
