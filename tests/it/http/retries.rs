//! The standard retry mode end to end, through the fault-injecting proxy in front of moto:
//! what is retried (5xx, throttling, dropped connections, truncated bodies) and what is not,
//! the attempt headers, the backoff bounds, and the error text when retries run out.

use crate::common;

use std::time::{Duration, Instant};

use common::fault_proxy::{Fault, FaultProxy, query_error};
use common::{Moto, Output, TestContext};

fn through(proxy: &FaultProxy, extra_env: &[(&str, &str)]) -> Output {
    let ctx = TestContext::new();
    let mut cmd = ctx
        .cmd([
            "sts",
            "get-caller-identity",
            "--region",
            "us-east-1",
            "--debug",
            "--endpoint-url",
            &proxy.endpoint(),
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret");
    for (k, v) in extra_env {
        cmd = cmd.env(k, v);
    }
    cmd.run()
}

fn proxy(script: Vec<Fault>) -> FaultProxy {
    FaultProxy::start(Moto::shared().port(), script)
}

fn succeeded(out: &Output) {
    out.assert_success();
    assert!(
        out.stdout.contains("\"Account\": \"123456789012\""),
        "{out}"
    );
}

#[test]
fn server_errors_are_retried_with_attempt_headers() {
    let p = proxy(vec![
        Fault::Respond(503, query_error("ServiceUnavailable", "busy")),
        Fault::Respond(500, String::new()),
    ]);
    let out = through(&p, &[]);
    succeeded(&out);
    assert_eq!(p.requests().len(), 3);
    assert!(
        out.stderr.contains("'amz-sdk-request': 'attempt=1'"),
        "{out}"
    );
    assert!(
        out.stderr.contains("'amz-sdk-request': 'attempt=2; max=3'"),
        "{out}"
    );
    assert!(
        out.stderr.contains("'amz-sdk-request': 'attempt=3; max=3'"),
        "{out}"
    );
    // One invocation id for every attempt of the call.
    let ids: std::collections::HashSet<&str> = out
        .stderr
        .match_indices("'amz-sdk-invocation-id': '")
        .map(|(i, m)| &out.stderr[i + m.len()..i + m.len() + 36])
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
}

#[test]
fn throttling_runs_out_of_attempts_and_says_so() {
    let throttle = || Fault::Respond(400, query_error("Throttling", "Rate exceeded"));
    let p = proxy(vec![throttle(), throttle(), throttle()]);
    let out = through(&p, &[]);
    out.assert_code(254);
    assert_eq!(p.requests().len(), 3);
    assert!(out.stderr.ends_with("\naws: [ERROR]: An error occurred (Throttling) when calling the GetCallerIdentity operation (reached max retries: 2): Rate exceeded\n"), "{out}");
    let p = proxy(vec![throttle(), throttle()]);
    let out = through(&p, &[("AWS_MAX_ATTEMPTS", "1")]);
    assert_eq!(p.requests().len(), 1);
    assert!(
        out.stderr
            .contains("operation (reached max retries: 0): Rate exceeded"),
        "{out}"
    );
}

#[test]
fn client_errors_are_not_retried() {
    let p = proxy(vec![Fault::Respond(403, query_error("AccessDenied", "no"))]);
    let out = through(&p, &[]);
    out.assert_code(254);
    assert_eq!(p.requests().len(), 1);
    assert!(
        out.stderr.ends_with(
            "An error occurred (AccessDenied) when calling the GetCallerIdentity operation: no\n"
        ),
        "{out}"
    );
}

#[test]
fn dropped_connections_and_truncated_bodies_are_retried() {
    let p = proxy(vec![Fault::Reset, Fault::Truncate]);
    let out = through(&p, &[]);
    succeeded(&out);
    assert_eq!(p.requests().len(), 3, "{:?}", p.requests());
}

#[test]
fn backoff_stays_within_full_jitter_bounds() {
    // Two retries: the first waits less than 1 s, the second less than 2 s.
    let p = proxy(vec![
        Fault::Respond(503, String::new()),
        Fault::Respond(503, String::new()),
    ]);
    let start = Instant::now();
    succeeded(&through(&p, &[]));
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn a_slow_answer_past_the_read_timeout_is_retried() {
    let p = proxy(vec![Fault::Delay(Duration::from_secs(3))]);
    let ctx = TestContext::new();
    let out = ctx
        .cmd([
            "sts",
            "get-caller-identity",
            "--region",
            "us-east-1",
            "--cli-read-timeout",
            "1",
            "--endpoint-url",
            &p.endpoint(),
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .run();
    succeeded(&out);
    assert_eq!(p.requests().len(), 2);
    let p = proxy(vec![Fault::Delay(Duration::from_secs(3))]);
    let out = ctx
        .cmd([
            "sts",
            "get-caller-identity",
            "--region",
            "us-east-1",
            "--cli-read-timeout",
            "1",
            "--endpoint-url",
            &p.endpoint(),
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_MAX_ATTEMPTS", "1")
        .run();
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
}

#[test]
fn adaptive_mode_rate_limits_after_throttling_and_standard_does_not() {
    let throttle = || Fault::Respond(400, query_error("Throttling", "Rate exceeded"));
    let p = proxy(vec![throttle()]);
    let out = through(&p, &[("AWS_RETRY_MODE", "adaptive")]);
    succeeded(&out);
    assert!(
        out.stderr
            .contains("Throttled: client-side rate limiting enabled, now "),
        "{out}"
    );
    let p = proxy(vec![throttle()]);
    let out = through(&p, &[]);
    succeeded(&out);
    assert!(!out.stderr.contains("client-side rate limiting"), "{out}");
}

#[test]
fn the_debug_log_shows_each_retry_with_its_reason_and_delay_and_no_secret() {
    let p = proxy(vec![
        Fault::Respond(503, query_error("ServiceUnavailable", "busy")),
        Fault::Reset,
    ]);
    let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    let token = "FQoGZXIvYXdzEXAMPLESESSIONTOKEN";
    let out = through(
        &p,
        &[
            ("AWS_SECRET_ACCESS_KEY", secret),
            ("AWS_SESSION_TOKEN", token),
        ],
    );
    succeeded(&out);
    let retries: Vec<&str> = out
        .stderr
        .lines()
        .filter_map(|l| {
            l.split_once("awsctl.retries - DEBUG - Retry needed (")
                .map(|(_, r)| r)
        })
        .collect();
    assert_eq!(retries.len(), 2, "{out}");
    assert!(retries[0].starts_with("Transient: An error occurred (ServiceUnavailable) when calling the GetCallerIdentity operation: busy), retrying request after delay of: "), "{}", retries[0]);
    assert!(retries[1].starts_with(&format!("Transient: Connection was closed before we received a valid response from endpoint URL: \"{}/\".), retrying request after delay of: ", p.endpoint())), "{}", retries[1]);
    // Full jitter: below 1 s, then below 2 s.
    for (retry, bound) in retries.iter().zip([1.0, 2.0]) {
        let delay: f64 = retry.rsplit(": ").next().unwrap().parse().unwrap();
        assert!((0.0..bound).contains(&delay), "{retry}");
    }
    assert!(!out.stderr.contains(secret), "{out}");
    assert!(!out.stderr.contains(token), "{out}");
}
