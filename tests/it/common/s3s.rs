//! Launches s3s-fs 0.14.1: S3 over a fresh temp directory with strict SigV4 checking (header
//! and presigned signatures, clock skew, expiry, aws-chunked). It starts in milliseconds, so
//! every test gets its own: s3s-fs leaves sidecar files behind that would leak between tests.

use std::path::PathBuf;

use super::http;
use super::peer_binary;
use super::process::{PeerProcess, peer_dir};

/// The key pair every s3s-fs accepts (AWS's documented example keys, so that they look real).
pub const S3S_ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
pub const S3S_SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

pub struct S3sFs {
    /// The served directory lives inside the peer's own, and goes away with it.
    process: PeerProcess,
}

impl S3sFs {
    /// Starts s3s-fs on a free loopback port over a new empty directory, with auth on.
    pub fn start() -> S3sFs {
        let program = peer_binary("s3s-fs-0.14.1/bin/s3s-fs");
        let dir = peer_dir("s3s-fs");
        let root = dir.path().join("root");
        std::fs::create_dir(&root).expect("create the s3s-fs root");
        let root_arg = root.to_str().expect("temp dir path is UTF-8");
        let process = PeerProcess::start(
            "s3s-fs",
            dir,
            &program,
            &[
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--access-key",
                S3S_ACCESS_KEY,
                "--secret-key",
                S3S_SECRET_KEY,
                root_arg,
            ],
            // At info level it logs the address it bound, which is how we learn the port.
            &[("RUST_LOG", "info")],
            |port| http::request(port, "GET", "/", &[], b"").is_ok(),
        );
        S3sFs { process }
    }

    /// `http://127.0.0.1:PORT` (path-style addressing).
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port())
    }

    pub fn port(&self) -> u16 {
        self.process.port()
    }

    pub fn access_key(&self) -> &'static str {
        S3S_ACCESS_KEY
    }

    pub fn secret_key(&self) -> &'static str {
        S3S_SECRET_KEY
    }

    /// The served directory: bucket `b`, key `k` is the file `root/b/k`, so tests can create
    /// fixtures and check uploads without going through S3.
    pub fn root(&self) -> PathBuf {
        self.process.dir().join("root")
    }

    /// What s3s-fs logged so far (errors include the reason a request was refused).
    pub fn log(&self) -> String {
        self.process.log()
    }

    pub fn process_group(&self) -> u32 {
        self.process.process_group()
    }
}
