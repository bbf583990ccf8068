//! `logs tail` on moto: the formats as the CLI v2 prints them (the v1 peer has no `logs
//! tail`, so the expected lines are written out from v2's formatters), the stream and pattern
//! filters, and `--follow`: new events printed once each as they arrive, and SIGINT ending it
//! with exit code 0.

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{AwsCmd, Moto, TestContext};

fn base(cmd: AwsCmd) -> AwsCmd {
    cmd.args(["--endpoint-url", &Moto::shared().endpoint()])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
}

fn run(ctx: &TestContext, args: &[&str]) -> common::Output {
    let out = base(ctx.cmd(args)).run();
    out.assert_success();
    out
}

/// A group with streams `web-1` and `worker`, and the events given (stream, millis, message).
fn group(ctx: &TestContext, events: &[(&str, i64, &str)]) -> String {
    let name = common::unique_name("/app/logs");
    run(
        ctx,
        &["logs", "create-log-group", "--log-group-name", &name],
    );
    for stream in ["web-1", "worker"] {
        run(
            ctx,
            &[
                "logs",
                "create-log-stream",
                "--log-group-name",
                &name,
                "--log-stream-name",
                stream,
            ],
        );
    }
    for (stream, time, message) in events {
        put(ctx, &name, stream, *time, message);
    }
    name
}

fn put(ctx: &TestContext, group: &str, stream: &str, time: i64, message: &str) {
    let events = serde_json::json!([{"timestamp": time, "message": message}]).to_string();
    run(
        ctx,
        &[
            "logs",
            "put-log-events",
            "--log-group-name",
            group,
            "--log-stream-name",
            stream,
            "--log-events",
            &events,
        ],
    );
}

fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// Two minutes ago (at 250 ms past a second) and two seconds later: moto refuses events
/// much older than that, as CloudWatch does.
fn times() -> (i64, i64) {
    let second = now_millis() / 1000 - 120;
    (second * 1000 + 250, (second + 2) * 1000)
}

/// `YYYY-MM-DDTHH:MM:SS` of epoch milliseconds, UTC.
fn seconds_text(millis: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(millis / 1000).unwrap();
    t.format(time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second]"
    ))
    .unwrap()
}

#[test]
fn events_print_in_each_format_as_the_cli_prints_them() {
    let ctx = TestContext::new();
    let (t1, t2) = times();
    let (s1, s2) = (seconds_text(t1), seconds_text(t2));
    let g = group(
        &ctx,
        &[
            ("web-1", t1, "GET / 200\n"),
            ("worker", t2, r#"{"job": "mail", "n": 2}"#),
        ],
    );
    let tail = |format: &str| {
        run(
            &ctx,
            &["logs", "tail", &g, "--since", "5m", "--format", format],
        )
        .stdout
    };
    assert_output_snapshot!(&ctx, redact: [(s1, "[S1]"), (s2, "[S2]")], tail("detailed"));
    assert_output_snapshot!(&ctx, redact: [(s1, "[S1]"), (s2, "[S2]")], tail("short"));
    assert_output_snapshot!(&ctx, redact: [(s1, "[S1]"), (s2, "[S2]")], tail("json"));
    // The default --since is ten minutes ago, which includes them; one minute does not.
    assert_eq!(run(&ctx, &["logs", "tail", &g]).stdout.lines().count(), 2);
    assert_eq!(run(&ctx, &["logs", "tail", &g, "--since", "1m"]).stdout, "");
}

#[test]
fn streams_and_patterns_narrow_the_events() {
    let ctx = TestContext::new();
    let (t1, t2) = times();
    let (s1, s2) = (seconds_text(t1), seconds_text(t2));
    let g = group(
        &ctx,
        &[("web-1", t1, "GET / 200"), ("worker", t2, "job failed")],
    );
    let since = ["--since", "5m", "--format", "short"];
    let mut args = vec!["logs", "tail", g.as_str(), "--log-stream-names", "worker"];
    args.extend(since);
    assert_output_snapshot!(&ctx, redact: [(s1, "[S1]"), (s2, "[S2]")], run(&ctx, &args).stdout);
    let mut args = vec![
        "logs",
        "tail",
        g.as_str(),
        "--log-stream-name-prefix",
        "web",
        "--debug",
    ];
    args.extend(since);
    // moto ignores the prefix (it answers every stream); the request must still carry it.
    let out = run(&ctx, &args);
    assert!(
        out.stdout.starts_with(&format!("{s1} GET / 200\n")),
        "{out}"
    );
    assert!(
        out.stderr.contains(r#""logStreamNamePrefix":"web""#),
        "{out}"
    );
    assert!(out.stderr.contains(r#""interleaved":true"#), "{out}");
    let mut args = vec!["logs", "tail", g.as_str(), "--filter-pattern", "failed"];
    args.extend(since);
    assert_output_snapshot!(&ctx, redact: [(s1, "[S1]"), (s2, "[S2]")], run(&ctx, &args).stdout);
}

#[test]
fn a_missing_group_is_the_services_error() {
    let ctx = TestContext::new();
    let out = base(ctx.cmd(["logs", "tail", "/no/such/group"])).run();
    out.assert_code(254);
    out.assert_stderr_contains("ResourceNotFoundException");
}

#[test]
fn follow_prints_new_events_once_and_sigint_exits_zero() {
    let ctx = TestContext::new();
    let first = now_millis() - 1000;
    let g = group(&ctx, &[("web-1", first, "before")]);
    let mut child = base(ctx.cmd(["logs", "tail", &g, "--follow", "--format", "short"]))
        .into_command()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let next = |rx: &mpsc::Receiver<String>| rx.recv_timeout(Duration::from_secs(15)).ok();
    assert!(next(&rx).is_some_and(|l| l.ends_with(" before")));
    put(&ctx, &g, "worker", now_millis(), "after");
    assert!(next(&rx).is_some_and(|l| l.ends_with(" after")));
    // Another poll (5 s) repeats neither event.
    assert_eq!(rx.recv_timeout(Duration::from_secs(6)).ok(), None);
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?}");
}
