//! awsctl given bad input on purpose: settings out of range, nested queries, config files
//! the CLI refuses, keys with dot segments. Each must end in the CLI's error or behaviour,
//! never in a panic, an abort or a hang. Where a server is needed and no peer fits, the
//! harness's small fake server plays it (`common::fake_server`).

mod common;

use std::time::Duration;

use common::TestContext;
use common::fake_server::{FakeServer, Reply};

const BOUND: Duration = Duration::from_secs(30);

fn sts_identity() -> FakeServer {
    FakeServer::start(|_| {
        Reply::Typed {
            status: 200,
            content_type: "text/xml",
            body: "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/u</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>".into(),
        }
    })
}

/// A metadata timeout too long for a duration is refused with the setting's name, from the
/// environment and from the config file alike (it panicked in every command).
#[test]
fn an_out_of_range_metadata_timeout_is_an_error_not_a_panic() {
    let fake = sts_identity();
    let ctx = TestContext::new();
    let out = ctx
        .cmd([
            "sts",
            "get-caller-identity",
            "--endpoint-url",
            &fake.endpoint(),
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_METADATA_SERVICE_TIMEOUT", "1e20")
        .timeout(BOUND)
        .run();
    out.assert_code(255);
    out.assert_stderr_contains("Invalid value for metadata_service_timeout: 1e20");

    ctx.write_config("[default]\nmetadata_service_timeout = 1e300\n");
    let out = ctx
        .cmd([
            "sts",
            "get-caller-identity",
            "--endpoint-url",
            &fake.endpoint(),
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .timeout(BOUND)
        .run();
    out.assert_code(255);
    out.assert_stderr_contains("Invalid value for metadata_service_timeout: 1e300");
}

/// A transfer count far past anything useful still runs (the CLI sets no ceiling).
#[test]
fn a_huge_max_concurrent_requests_still_uploads() {
    let fake = FakeServer::start(|_| Reply::Status(200, String::new()));
    let ctx = TestContext::new();
    ctx.write_config("[default]\ns3 =\n  max_concurrent_requests = 18446744073709551615\n");
    let file = ctx.home().join("f.txt");
    std::fs::write(&file, "hello").unwrap();
    let out = ctx
        .cmd(["s3", "cp", file.to_str().unwrap(), "s3://b/f.txt"])
        .args(["--endpoint-url", &fake.endpoint()])
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .timeout(BOUND)
        .run();
    out.assert_success();
    assert!(fake.requests().iter().any(|r| r.method == "PUT"), "{out}");
}

/// A `--query` nested 30,000 deep is refused with the CLI's `Bad value for --query` and
/// the reason, before any request (it overflowed the stack).
#[test]
fn a_deeply_nested_query_is_refused() {
    let fake = sts_identity();
    let ctx = TestContext::new();
    for query in [
        format!("{}Account{}", "(".repeat(30_000), ")".repeat(30_000)),
        format!("{}Account", "!".repeat(30_000)),
        format!("Account{}", ".a".repeat(30_000)),
    ] {
        let out = ctx
            .cmd([
                "sts",
                "get-caller-identity",
                "--endpoint-url",
                &fake.endpoint(),
            ])
            .args(["--query", &query])
            .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .timeout(BOUND)
            .run();
        out.assert_code(252);
        assert!(
            out.stderr
                .ends_with(": expression nested too deeply (more than 100 levels)\n"),
            "{out}"
        );
    }
    assert!(fake.requests().is_empty());
}
