//! Owns the life of a peer server process: spawn it on a kernel-chosen loopback port, learn the
//! port from its log, wait until it answers, and make sure it dies with its owner.
//!
//! Ports: the peer is started with port 0 and reports the port it bound in its log. Unlike
//! "bind :0, release, pass the number on", nothing else can take the port in between.
//!
//! No orphans, whatever happens to the test process: the peer runs under a tiny `sh` guard
//! whose stdin is a pipe from the test process. When that pipe closes (on `Drop`, but also when
//! the test process panics, aborts, is killed, or exits with the peer still in a `static`, where
//! `Drop` never runs) the guard sends SIGTERM to the peer. Guard and peer get their own process
//! group so that `Drop` can still SIGKILL everything if the peer ignores SIGTERM.

use std::fs::File;
use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// How long a peer may take to start. Generous because CI machines have 2 busy cores; a
/// healthy moto is ready in about a second.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a peer may take to exit after SIGTERM before it gets SIGKILL.
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(10);

/// `$0` is the peer executable, `$@` its arguments, the working directory the peer's own.
/// The read end of the guard pipe is moved to fd 3 because sh gives background jobs /dev/null
/// as stdin. The guard exits when the peer does (so `try_wait` on the guard sees a peer that
/// crashed), taking the pipe reader with it. When the owner is gone it also deletes the peer's
/// directory, which `Drop` would have done but cannot for a peer kept in a `static`.
const GUARD_SCRIPT: &str = r#"exec 3<&0
"$0" "$@" </dev/null 3<&- &
peer=$!
(read -r _ <&3; : >owner-gone; kill -TERM "$peer" 2>/dev/null) &
reader=$!
exec 3<&-
wait "$peer"
status=$?
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null
if [ -e owner-gone ]; then cd / && rm -rf "$OLDPWD"; fi
exit "$status""#;

pub struct PeerProcess {
    name: &'static str,
    guard: Child,
    /// Closing this tells the guard to stop the peer.
    guard_pipe: Option<ChildStdin>,
    port: u16,
    /// Holds the peer's log and data, and is its working directory and HOME.
    dir: TempDir,
}

/// A new directory for a peer: pass it to [`PeerProcess::start`], after creating in it any
/// data directory the peer needs (so that it goes away with the peer).
pub fn peer_dir(name: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(&format!("awsctl-peer-{name}-"))
        .tempdir()
        .expect("create a temp dir for a peer")
}

impl PeerProcess {
    /// Starts `program args...` in `dir` with a cleared environment plus `env`, waits until it
    /// logs `http://127.0.0.1:PORT` and `ready(port)` holds, and returns it. Panics with the
    /// peer's log if it exits or does not become ready in time.
    pub fn start(
        name: &'static str,
        dir: TempDir,
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        ready: impl Fn(u16) -> bool,
    ) -> PeerProcess {
        let log_path = dir.path().join("peer.log");
        // A file rather than a pipe: nobody would drain a pipe, and a chatty peer (moto logs
        // every request) would block once it filled.
        let log = File::create(&log_path).expect("create the peer log");
        let mut command = Command::new("/bin/sh");
        command
            .arg("-c")
            .arg(GUARD_SCRIPT)
            .arg(program)
            .args(args)
            // Keep the developer's AWS_* variables and the like away from the peer.
            .env_clear()
            .env(
                "PATH",
                std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into()),
            )
            .env("HOME", dir.path())
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            .envs(env.iter().copied())
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(log.try_clone().expect("clone the log file handle"))
            .stderr(log)
            .process_group(0);
        let mut guard = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {name} ({}): {e}", program.display()));
        let guard_pipe = guard.stdin.take();
        let mut peer = PeerProcess {
            name,
            guard,
            guard_pipe,
            port: 0,
            dir,
        };
        peer.port = peer.wait_for_port();
        peer.wait_until(|p| ready(p.port), "to answer HTTP");
        peer
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The process group of the peer and its guard (for tests of the harness itself).
    pub fn process_group(&self) -> u32 {
        self.guard.id()
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.path().join("peer.log")
    }

    /// Everything the peer wrote to stdout and stderr so far.
    pub fn log(&self) -> String {
        let mut text = String::new();
        if let Ok(mut f) = File::open(self.log_path()) {
            let mut bytes = Vec::new();
            let _ = f.read_to_end(&mut bytes);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        text
    }

    fn wait_for_port(&mut self) -> u16 {
        let mut port = None;
        self.wait_until(
            |p| {
                port = find_loopback_port(&p.log());
                port.is_some()
            },
            "to report its port",
        );
        port.expect("wait_until returned without a port")
    }

    fn wait_until(&mut self, mut condition: impl FnMut(&Self) -> bool, what: &str) {
        let start = Instant::now();
        loop {
            if condition(self) {
                return;
            }
            if let Ok(Some(status)) = self.guard.try_wait() {
                panic!(
                    "{} exited ({}) while waiting for it {what}. Its log:\n{}",
                    self.name,
                    describe(status),
                    self.log()
                );
            }
            if start.elapsed() > STARTUP_TIMEOUT {
                panic!(
                    "{} did not start {what} within {STARTUP_TIMEOUT:?}. Its log:\n{}",
                    self.name,
                    self.log()
                );
            }
            sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for PeerProcess {
    fn drop(&mut self) {
        drop(self.guard_pipe.take());
        let deadline = Instant::now() + SHUTDOWN_TIMEOUT;
        while Instant::now() < deadline {
            match self.guard.try_wait() {
                Ok(None) => sleep(Duration::from_millis(10)),
                _ => return,
            }
        }
        // The peer ignored SIGTERM: kill the whole group. std cannot signal a group, the
        // shell's kill builtin can.
        let _ = Command::new("/bin/sh")
            .arg("-c")
            .arg(format!("kill -KILL -{}", self.guard.id()))
            .status();
        let _ = self.guard.wait();
    }
}

/// The port in the first `http://127.0.0.1:PORT` of a peer's log: both moto ("Running on
/// http://127.0.0.1:PORT") and s3s-fs ("server is running at http://127.0.0.1:PORT") print one.
fn find_loopback_port(log: &str) -> Option<u16> {
    const PREFIX: &str = "http://127.0.0.1:";
    let rest = &log[log.find(PREFIX)? + PREFIX.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    // Wait for the rest of the line, in case the digits were caught mid-write.
    if !rest[digits.len()..].starts_with(|c: char| !c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&p| p != 0)
}

fn describe(status: std::process::ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit code {code}"),
        (_, Some(signal)) => format!("signal {signal}"),
        _ => status.to_string(),
    }
}
