//! `TestContext`: a temp HOME with `.aws/`, and commands that run the real `awsctl` binary in a
//! cleared environment, so that nothing from the developer's machine (keys, profiles, region,
//! pager, IMDS) leaks into a test. `Output` holds what it printed and asserts on it.

use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// A command that runs longer than this is killed and the test fails: a hung awsctl should
/// not eat CI's time budget.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

pub struct TestContext {
    home: TempDir,
}

impl Default for TestContext {
    fn default() -> Self {
        Self::new()
    }
}

impl TestContext {
    /// A new empty HOME containing an empty `.aws/` directory (no config, no credentials).
    pub fn new() -> TestContext {
        let home = tempfile::Builder::new()
            .prefix("awsctl-home-")
            .tempdir()
            .expect("create a temp HOME");
        fs::create_dir(home.path().join(".aws")).expect("create HOME/.aws");
        TestContext { home }
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// `HOME/.aws/config`, which `AWS_CONFIG_FILE` points at.
    pub fn config_path(&self) -> PathBuf {
        self.home().join(".aws").join("config")
    }

    /// `HOME/.aws/credentials`, which `AWS_SHARED_CREDENTIALS_FILE` points at.
    pub fn credentials_path(&self) -> PathBuf {
        self.home().join(".aws").join("credentials")
    }

    pub fn write_config(&self, contents: &str) {
        fs::write(self.config_path(), contents).expect("write the config file");
    }

    pub fn write_credentials(&self, contents: &str) {
        fs::write(self.credentials_path(), contents).expect("write the credentials file");
    }

    /// The config file as awsctl left it ("" when it does not exist).
    pub fn read_config(&self) -> String {
        fs::read_to_string(self.config_path()).unwrap_or_default()
    }

    /// The credentials file as awsctl left it ("" when it does not exist).
    pub fn read_credentials(&self) -> String {
        fs::read_to_string(self.credentials_path()).unwrap_or_default()
    }

    /// Replaces the temp HOME path with `[HOME]`, for exact comparisons of output that
    /// mentions files.
    pub fn filter(&self, text: &str) -> String {
        text.replace(&self.home().display().to_string(), "[HOME]")
    }

    /// `awsctl ARGS` with only these variables set: HOME, PATH, TZ=UTC, AWS_CONFIG_FILE,
    /// AWS_SHARED_CREDENTIALS_FILE, AWS_EC2_METADATA_DISABLED=true, AWS_PAGER="". Add more
    /// with [`AwsCmd::env`].
    pub fn cmd<I, S>(&self, args: I) -> AwsCmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.program(Path::new(env!("CARGO_BIN_EXE_awsctl")), args)
    }

    /// The real AWS CLI (the pinned v1 peer, the oracle) with the same HOME, files and
    /// environment as [`TestContext::cmd`], for side-by-side comparisons of output.
    pub fn aws_cli<I, S>(&self, args: I) -> AwsCmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.program(&super::peer_binary(super::AWS_CLI), args)
    }

    fn program<I, S>(&self, program: &Path, args: I) -> AwsCmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new(program);
        command
            .args(args)
            .env_clear()
            .env("HOME", self.home())
            .env(
                "PATH",
                std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into()),
            )
            .env("TZ", "UTC")
            .env("AWS_CONFIG_FILE", self.config_path())
            .env("AWS_SHARED_CREDENTIALS_FILE", self.credentials_path())
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_PAGER", "")
            .current_dir(self.home());
        AwsCmd {
            command,
            stdin: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

/// A prepared `awsctl` invocation; chain the setters, then [`AwsCmd::run`].
pub struct AwsCmd {
    command: Command,
    stdin: Option<Vec<u8>>,
    timeout: Duration,
}

impl AwsCmd {
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.command.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command.args(args);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Self {
        self.command.env_remove(key);
        self
    }

    /// Runs in `dir` instead of HOME (for relative paths in `s3 cp` and the like).
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.command.current_dir(dir);
        self
    }

    /// Feeds `data` on stdin, then closes it. Without this, stdin is /dev/null, as in CI.
    pub fn stdin(mut self, data: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(data.into());
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The underlying command, to inspect what will run.
    pub fn command(&self) -> &Command {
        &self.command
    }

    /// The underlying command, to run it with other standard streams (a terminal, say).
    pub fn into_command(self) -> Command {
        self.command
    }

    /// Runs to completion and captures everything. Panics if the binary cannot start or runs
    /// past the timeout; a non-zero exit is not an error here: assert on [`Output::code`].
    pub fn run(mut self) -> Output {
        let description = describe(&self.command);
        self.command
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // A session of its own, without a controlling terminal: awsctl must never reach the
        // developer's terminal through /dev/tty (the MFA prompt reads it when there is one).
        // SAFETY: setsid is async-signal-safe, as pre_exec requires.
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut self.command, || {
                if libc::setsid() == -1 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = self
            .command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {description}: {e}"));
        // Threads for every pipe: a child blocked on a full stdout would never read its stdin.
        let feeder = child
            .stdin
            .take()
            .zip(self.stdin.take())
            .map(|(mut pipe, data)| {
                thread::spawn(move || {
                    // A child that exits without reading all its input is not our failure.
                    let _ = pipe.write_all(&data);
                })
            });
        let stdout = drain(child.stdout.take().expect("piped stdout"));
        let stderr = drain(child.stderr.take().expect("piped stderr"));

        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for awsctl") {
                break status;
            }
            if start.elapsed() > self.timeout {
                let _ = child.kill();
                let _ = child.wait();
                let partial = Output {
                    command: description,
                    code: -1,
                    stdout: stdout.join().unwrap_or_default(),
                    stderr: stderr.join().unwrap_or_default(),
                };
                panic!(
                    "awsctl ran longer than {:?}; killed.\n{partial}",
                    self.timeout
                );
            }
            thread::sleep(Duration::from_millis(5));
        };
        if let Some(feeder) = feeder {
            let _ = feeder.join();
        }
        Output {
            command: description,
            // Killed by a signal: report it the way a shell does.
            code: status
                .code()
                .unwrap_or_else(|| 128 + status.signal().unwrap_or(0)),
            stdout: stdout.join().expect("stdout reader"),
            stderr: stderr.join().expect("stderr reader"),
        }
    }
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn describe(command: &Command) -> String {
    let mut text = String::from("awsctl");
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// What one run of awsctl did. Every assertion prints the whole of it when it fails.
#[derive(Debug, Clone)]
pub struct Output {
    /// `awsctl ARGS`, for failure messages.
    pub command: String,
    pub stdout: String,
    pub stderr: String,
    /// The exit code; 128 + N when killed by signal N.
    pub code: i32,
}

impl Output {
    pub fn assert_success(&self) -> &Self {
        self.assert_code(0)
    }

    pub fn assert_code(&self, code: i32) -> &Self {
        assert!(
            self.code == code,
            "expected exit code {code}, got {}\n{self}",
            self.code
        );
        self
    }

    pub fn assert_stdout(&self, expected: &str) -> &Self {
        assert!(
            self.stdout == expected,
            "stdout differs from the expected:\n--- expected stdout:\n{expected}\n{self}"
        );
        self
    }

    pub fn assert_stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr does not contain {needle:?}\n{self}"
        );
        self
    }

    /// stdout parsed as JSON (for `--output json`); panics with the output if it is not.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{self}"))
    }
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "--- command: {}\n--- exit code: {}\n--- stdout:\n{}\n--- stderr:\n{}\n--- end",
            self.command, self.code, self.stdout, self.stderr
        )
    }
}
