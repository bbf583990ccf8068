//! `TestContext`: a temp HOME with `.aws/`, and commands that run the real `awsctl` binary in a
//! cleared environment, so that nothing from the developer's machine (keys, profiles, region,
//! pager, IMDS) leaks into a test. `Output` holds what it printed and asserts on it.

use std::ffi::{OsStr, OsString};
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
    /// Variables every command of this context gets (see [`ContextBuilder::env`]).
    env: Vec<(OsString, OsString)>,
}

/// The default profile's keys for the S3 peers: AWS's documented example key pair, which
/// s3s-fs accepts, moto takes while its authentication is off, and the AWS CLI signs with.
pub const EXAMPLE_CREDENTIALS: &str = "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";

/// Builds a [`TestContext`]: the files of its HOME and the variables of its commands, said
/// once instead of in every test. Start with [`TestContext::builder`], end with
/// [`ContextBuilder::build`].
///
/// The config file is `[default]` with the [`setting`](Self::setting)s (such as
/// [`region`](Self::region)) and the [`s3` block](Self::s3), then the raw text of
/// [`config`](Self::config) (which may go on with the default profile's keys or start other
/// sections); it is written only when one of them was called (even with ""), as is the
/// credentials file.
///
/// ```ignore
/// let ctx = TestContext::builder()
///     .example_credentials()
///     .s3("multipart_threshold", "5MB")
///     .endpoint(&moto.endpoint())
///     .build();
/// ```
#[derive(Default)]
#[must_use]
pub struct ContextBuilder {
    settings: Vec<(String, String)>,
    s3: Vec<(String, String)>,
    config: Option<String>,
    credentials: Option<String>,
    files: Vec<(PathBuf, Vec<u8>)>,
    env: Vec<(OsString, OsString)>,
}

impl ContextBuilder {
    /// `NAME = VALUE` in the default profile of the config file, before its `s3` block.
    pub fn setting(mut self, name: &str, value: &str) -> Self {
        self.settings.push((name.to_string(), value.to_string()));
        self
    }

    /// `region = REGION` in the default profile of the config file.
    pub fn region(self, region: &str) -> Self {
        self.setting("region", region)
    }

    /// `NAME = VALUE` in the `s3 =` block of the default profile (`multipart_threshold`,
    /// `max_concurrent_requests`, `max_bandwidth`, ...), in the order given.
    pub fn s3(mut self, name: &str, value: &str) -> Self {
        self.s3.push((name.to_string(), value.to_string()));
        self
    }

    /// [`s3`](Self::s3) for each pair.
    pub fn s3_settings(self, settings: &[(&str, &str)]) -> Self {
        settings
            .iter()
            .fold(self, |builder, (name, value)| builder.s3(name, value))
    }

    /// Raw text for the config file, after what [`setting`](Self::setting) and
    /// [`s3`](Self::s3) write (so it continues the default profile when they wrote one).
    pub fn config(mut self, text: &str) -> Self {
        self.config.get_or_insert_default().push_str(text);
        self
    }

    /// Raw text for the credentials file.
    pub fn credentials(mut self, text: &str) -> Self {
        self.credentials.get_or_insert_default().push_str(text);
        self
    }

    /// The default profile with [`EXAMPLE_CREDENTIALS`] in the credentials file: the S3
    /// tests' usual starting point.
    pub fn example_credentials(self) -> Self {
        self.credentials(EXAMPLE_CREDENTIALS)
    }

    /// A file in HOME (`name` relative to it), for commands to read.
    pub fn file(mut self, name: &str, contents: impl Into<Vec<u8>>) -> Self {
        self.files.push((PathBuf::from(name), contents.into()));
        self
    }

    /// A variable every command of the context gets, awsctl and the AWS CLI alike (a command's
    /// own [`AwsCmd::env`] still overrides it).
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.env
            .push((key.as_ref().to_os_string(), value.as_ref().to_os_string()));
        self
    }

    /// `AWS_ENDPOINT_URL=URL` for every command: all services at one peer.
    pub fn endpoint(self, url: &str) -> Self {
        self.env("AWS_ENDPOINT_URL", url)
    }

    /// A new HOME holding the files, as [`TestContext::new`] and then the files written.
    pub fn build(self) -> TestContext {
        let mut ctx = TestContext::new();
        let mut config = String::new();
        if !self.settings.is_empty() || !self.s3.is_empty() {
            config.push_str("[default]\n");
        }
        for (name, value) in &self.settings {
            config.push_str(&format!("{name} = {value}\n"));
        }
        if !self.s3.is_empty() {
            config.push_str("s3 =\n");
            for (name, value) in &self.s3 {
                config.push_str(&format!("    {name} = {value}\n"));
            }
        }
        if let Some(text) = &self.config {
            config.push_str(text);
        }
        if self.config.is_some() || !config.is_empty() {
            ctx.write_config(&config);
        }
        if let Some(text) = &self.credentials {
            ctx.write_credentials(text);
        }
        for (name, contents) in &self.files {
            fs::write(ctx.home().join(name), contents)
                .unwrap_or_else(|e| panic!("write HOME/{}: {e}", name.display()));
        }
        ctx.env = self.env;
        ctx
    }
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
        TestContext {
            home,
            env: Vec::new(),
        }
    }

    /// A context with files and variables set up front: see [`ContextBuilder`].
    pub fn builder() -> ContextBuilder {
        ContextBuilder::default()
    }

    /// The S3 tests' usual starting point: the default profile with [`EXAMPLE_CREDENTIALS`]
    /// (`TestContext::builder().example_credentials().build()`).
    pub fn with_example_credentials() -> TestContext {
        TestContext::builder().example_credentials().build()
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
    /// AWS_SHARED_CREDENTIALS_FILE, AWS_EC2_METADATA_DISABLED=true, AWS_PAGER="", and the
    /// context's own ([`ContextBuilder::env`]). Add more with [`AwsCmd::env`].
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
            .envs(self.env.iter().map(|(k, v)| (k, v)))
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
