//! awsctl given bad input on purpose: settings out of range, nested queries, config files
//! the CLI refuses, keys with dot segments. Each must end in the CLI's error or behaviour,
//! never in a panic, an abort or a hang. Where a server is needed and no peer fits, the
//! harness's small fake server plays it (`common::fake_server`).

use crate::common;

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
    let ctx = TestContext::builder()
        .config("[default]\ns3 =\n  max_concurrent_requests = 18446744073709551615\n")
        .build();
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

/// A `--ca-bundle` without a certificate in it is a load error naming the file, not a TLS
/// failure (`UnknownIssuer`) on the first request.
#[test]
fn a_garbage_ca_bundle_is_a_load_error() {
    let fake = sts_identity();
    let ctx = TestContext::new();
    let bundle = ctx.home().join("garbage.pem");
    std::fs::write(&bundle, "this is not a certificate\n").unwrap();
    let endpoint = fake.endpoint().replace("http://", "https://");
    let out = ctx
        .cmd(["sts", "get-caller-identity", "--endpoint-url", &endpoint])
        .args([
            "--ca-bundle",
            bundle.to_str().unwrap(),
            "--region",
            "us-east-1",
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .timeout(BOUND)
        .run();
    assert_eq!(out.code, 255, "{out}");
    out.assert_stderr_contains(&format!(
        "Unable to load the CA bundle {}: no PEM certificate found in the file",
        bundle.display()
    ));
    assert!(fake.requests().is_empty());
}

/// The container credentials client reads `AWS_CA_BUNDLE` as every other client does (it
/// ignored it): a bundle without certificates stops it before any request.
#[test]
fn the_container_credentials_client_uses_aws_ca_bundle() {
    let fake = FakeServer::start(|_| {
        Reply::json(
            200,
            serde_json::json!({
                "AccessKeyId": "AKIACONTAINER",
                "SecretAccessKey": "s",
                "Token": "t",
                "Expiration": "2099-01-01T00:00:00Z"
            }),
        )
    });
    let ctx = TestContext::new();
    let bundle = ctx.home().join("garbage.pem");
    std::fs::write(&bundle, "this is not a certificate\n").unwrap();
    let run = |with_bundle: bool| {
        let mut cmd = ctx
            .cmd(["configure", "export-credentials", "--format", "env"])
            .env(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                format!("{}creds", fake.endpoint()),
            )
            .timeout(BOUND);
        if with_bundle {
            cmd = cmd.env("AWS_CA_BUNDLE", &bundle);
        }
        cmd.run()
    };
    let out = run(false);
    out.assert_success();
    assert!(out.stdout.contains("AKIACONTAINER"), "{out}");
    let requests = fake.requests().len();
    let out = run(true);
    assert_ne!(out.code, 0, "{out}");
    out.assert_stderr_contains("no PEM certificate found in the file");
    assert_eq!(fake.requests().len(), requests);
}
