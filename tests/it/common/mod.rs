//! Shared test harness: a temp-HOME `TestContext` that runs the real `awsctl` binary, and
//! launchers for the real peers it talks to (moto, s3s-fs), all on 127.0.0.1.
//!
//! The test modules (one per area under `tests/it/`) use what they need:
//!
//! ```ignore
//! use crate::common::{Moto, TestContext};
//!
//! #[test]
//! fn lists_buckets() {
//!     let moto = Moto::shared();
//!     let ctx = TestContext::new();
//!     ctx.cmd(["s3", "ls", "--endpoint-url", &moto.endpoint()]).run().assert_success();
//! }
//! ```
//!
//! The peers are installed by `scripts/install-peers.sh` into `$AWSCTL_PEERS_DIR`; when it
//! is missing the tests fail with a message saying so: they never skip silently.

pub mod compare;
mod context;
pub mod fake_server;
pub mod fault_proxy;
pub mod http;
mod moto;
mod process;
pub mod s3_faults;
pub mod s3_fixtures;
mod s3s;
pub mod sigv4;
pub mod snapshot;
pub mod sso_fake;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

pub use context::{AwsCmd, EXAMPLE_CREDENTIALS, Output, TestContext};
pub use moto::{ALLOW_ALL_POLICY, Moto};
pub use s3s::{S3S_ACCESS_KEY, S3S_SECRET_KEY, S3sFs};

/// The directory `scripts/install-peers.sh` installs into. Same default as the script, so a
/// plain `cargo test` works after one run of the script.
pub fn peers_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("AWSCTL_PEERS_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .expect("neither AWSCTL_PEERS_DIR, XDG_CACHE_HOME nor HOME is set");
    cache.join("awsctl-test")
}

/// The AWS CLI peer, relative to [`peers_dir`].
pub const AWS_CLI: &str = "awscli-1.45.11/bin/aws";

/// The path of an installed peer executable, e.g. `peer_binary("moto-5.2.5/bin/moto_server")`.
/// Panics with instructions when it is missing, so that a machine without peers fails loudly.
pub fn peer_binary(relative: &str) -> PathBuf {
    let path = peers_dir().join(relative);
    if !path.is_file() {
        panic!(
            "test peer {} is missing.\n\
             Install the test peers first: `scripts/install-peers.sh` (or run the whole suite \
             with `scripts/test.sh`, which does it). Set AWSCTL_PEERS_DIR if they live elsewhere.",
            path.display()
        );
    }
    path
}

/// A name no other test in this run uses: `prefix-<pid>-<n>`, lowercase, valid as an S3
/// bucket or IAM user name. Tests sharing one moto keep out of each other's way with it.
pub fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}-{}-{n}", std::process::id())
}
