//! Everything between an operation and the wire: the client and its request loop
//! (`client`), one attempt (`attempt`), the retry rules (`retry`, `adaptive`, `clock`,
//! `resume`), signing, and the debug log with the redaction of secrets in it.

pub mod adaptive;
pub mod attempt;
pub mod body;
pub mod ca_bundle;
pub mod capped;
pub mod client;
pub mod clock;
pub mod debug;
pub mod logged_body;
pub mod message;
pub mod redact;
pub mod resume;
pub mod retry;
pub mod sign;
pub mod sink;

pub use body::Body;
pub use client::HttpClient;
pub use message::{ErrorParser, HttpRequest, HttpResponse};
pub use resume::Resume;
pub use sink::BodySink;
