//! The pager: on a terminal (a pseudo-terminal made by util-linux `script`), responses go
//! through `AWS_PAGER` / the profile's `cli_pager` / `PAGER` and help through `MANPAGER` /
//! `PAGER`; an empty value or `--no-cli-pager` turns it off; never when stdout is a pipe.
//! The pager is a small shell script that records its environment, arguments and input.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::TestContext;
use tempfile::TempDir;

/// A pager that writes `LESS=...`, `ARGS=...` and then its input to `log`, and shows nothing.
struct FakePager {
    dir: TempDir,
}

impl FakePager {
    fn new() -> FakePager {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("pager");
        fs::write(
            &script,
            "#!/bin/sh\n{ echo \"LESS=${LESS-unset}\"; echo \"ARGS=$*\"; cat; } > \"$(dirname \"$0\")/log\"\n",
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
        }
        FakePager { dir }
    }

    fn command(&self) -> String {
        self.dir.path().join("pager").display().to_string()
    }

    /// What the pager was given, `None` if it never ran.
    fn log(&self) -> Option<String> {
        fs::read_to_string(self.dir.path().join("log")).ok()
    }
}

/// Runs awsctl with its stdout on a pseudo-terminal: `script` runs the command line and
/// copies the terminal's output to its own stdout. Returns (exit code, terminal output).
fn on_terminal(cmd: common::AwsCmd) -> (i32, String) {
    let inner = cmd.into_command();
    let mut words = vec![inner.get_program().to_string_lossy().into_owned()];
    words.extend(inner.get_args().map(|a| a.to_string_lossy().into_owned()));
    let line = shlex::try_join(words.iter().map(String::as_str)).unwrap();
    let mut outer = Command::new("script");
    outer.args(["-qec", &line, "/dev/null"]).env_clear();
    for (key, value) in inner.get_envs() {
        if let Some(value) = value {
            outer.env(key, value);
        }
    }
    if let Some(dir) = inner.get_current_dir() {
        outer.current_dir(dir);
    }
    let out = outer
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .expect("run script(1)");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"),
    )
}

const SKELETON: [&str; 4] = [
    "sts",
    "get-caller-identity",
    "--generate-cli-skeleton",
    "output",
];

fn has_script() -> bool {
    Path::new("/usr/bin/script").exists() || which("script").is_some()
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.exists())
    })
}

#[test]
fn a_response_on_a_terminal_goes_through_aws_pager_with_less_frx() {
    assert!(
        has_script(),
        "util-linux script(1) is needed for a terminal"
    );
    let ctx = TestContext::new();
    let pager = FakePager::new();
    let cmd = ctx
        .cmd(SKELETON)
        .env("AWS_PAGER", format!("{} --from-aws-pager", pager.command()));
    let (code, terminal) = on_terminal(cmd);
    assert_eq!(code, 0, "{terminal}");
    let log = pager.log().expect("the pager ran");
    assert!(
        log.starts_with("LESS=FRX\nARGS=--from-aws-pager\n{\n    \"UserId\": \"UserId\","),
        "{log}"
    );
    assert!(
        !terminal.contains("UserId"),
        "printed around the pager: {terminal}"
    );

    // A LESS of the user's own is left alone.
    let pager = FakePager::new();
    let cmd = ctx
        .cmd(SKELETON)
        .env("AWS_PAGER", pager.command())
        .env("LESS", "-X");
    on_terminal(cmd);
    assert!(pager.log().unwrap().starts_with("LESS=-X\n"));
}

#[test]
fn the_profiles_cli_pager_comes_before_pager_and_after_aws_pager() {
    let ctx = TestContext::new();
    let from_profile = FakePager::new();
    let from_env = FakePager::new();
    ctx.write_config(&format!(
        "[default]\ncli_pager = {}\n",
        from_profile.command()
    ));
    let cmd = ctx
        .cmd(SKELETON)
        .env_remove("AWS_PAGER")
        .env("PAGER", from_env.command());
    on_terminal(cmd);
    assert!(from_profile.log().is_some(), "cli_pager was not used");
    assert!(from_env.log().is_none(), "PAGER was used over cli_pager");

    // Without cli_pager, PAGER.
    ctx.write_config("[default]\n");
    let cmd = ctx
        .cmd(SKELETON)
        .env_remove("AWS_PAGER")
        .env("PAGER", from_env.command());
    on_terminal(cmd);
    assert!(from_env.log().is_some(), "PAGER was not used");
}

#[test]
fn empty_values_no_cli_pager_and_pipes_turn_paging_off() {
    let ctx = TestContext::new();
    let pager = FakePager::new();
    // AWS_PAGER="" wins over PAGER and turns it off: the JSON is on the terminal.
    let (code, terminal) = on_terminal(
        ctx.cmd(SKELETON)
            .env("AWS_PAGER", "")
            .env("PAGER", pager.command()),
    );
    assert_eq!(code, 0);
    assert!(terminal.contains("\"UserId\": \"UserId\""), "{terminal}");
    assert!(pager.log().is_none());

    let (_, terminal) = on_terminal(
        ctx.cmd(SKELETON)
            .arg("--no-cli-pager")
            .env("AWS_PAGER", pager.command()),
    );
    assert!(terminal.contains("\"Arn\": \"Arn\""), "{terminal}");
    assert!(pager.log().is_none());

    // Not a terminal: never paged, whatever is configured.
    let out = ctx.cmd(SKELETON).env("AWS_PAGER", pager.command()).run();
    out.assert_success();
    assert!(out.stdout.contains("\"Account\": \"Account\""));
    assert!(pager.log().is_none());
}

#[test]
fn a_pager_that_cannot_start_is_a_configuration_error() {
    let ctx = TestContext::new();
    let (code, terminal) = on_terminal(ctx.cmd(SKELETON).env("AWS_PAGER", "/nonexistent/pager"));
    assert_eq!(code, 253, "{terminal}");
    assert!(
        terminal.contains("Unable to redirect output to pager."),
        "{terminal}"
    );
}

#[test]
fn help_goes_through_manpager_then_pager_and_ignores_aws_pager() {
    let ctx = TestContext::new();
    let man = FakePager::new();
    let aws = FakePager::new();
    let (code, _) = on_terminal(
        ctx.cmd(["sts", "get-caller-identity", "help"])
            .env("AWS_PAGER", aws.command())
            .env("MANPAGER", man.command())
            .env("PAGER", "/nonexistent/pager"),
    );
    assert_eq!(code, 0);
    let log = man.log().expect("MANPAGER ran");
    assert!(
        log.contains("NAME\n       get-caller-identity -\n"),
        "{log}"
    );
    assert!(aws.log().is_none());

    // A help pager that cannot start: the page is printed as it is.
    let (code, terminal) = on_terminal(ctx.cmd(["help"]).env("PAGER", "/nonexistent/pager"));
    assert_eq!(code, 0);
    assert!(terminal.contains("AVAILABLE SERVICES"), "{terminal}");
}

/// Ctrl-C reaches every process of the terminal's foreground group: awsctl must outlive the
/// pager rather than die and give the terminal back while the pager still runs. The pager
/// here interrupts its parent (awsctl), then reads all its input.
#[test]
fn an_interrupt_while_the_pager_runs_is_left_to_the_pager() {
    let ctx = TestContext::new();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("pager");
    fs::write(
        &script,
        "#!/bin/sh\nkill -INT $PPID\nsleep 0.3\ncat > \"$(dirname \"$0\")/log\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let (code, terminal) = on_terminal(
        ctx.cmd(SKELETON)
            .env("AWS_PAGER", script.display().to_string()),
    );
    assert_eq!(code, 0, "{terminal}");
    let log = fs::read_to_string(dir.path().join("log")).unwrap();
    assert!(log.contains("\"Arn\": \"Arn\""), "{log}");
}
