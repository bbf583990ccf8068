//! The IMDS client and `awsctl imds get`: against moto's metadata service for the plain
//! paths, and against the fake server for what moto does not do (test-peers.md): token
//! enforcement, refused or hanging token requests, the identity document, a full tree.

use crate::common;

use std::time::{Duration, Instant};

use common::fake_server::{FakeServer, Reply, Request};
use common::{Moto, TestContext};

const TOKEN: &str = "AQAEAFakeToken==";

/// A small instance: (path under /latest/, body).
const TREE: &[(&str, &str)] = &[
    ("meta-data/", "ami-id\niam/\nplacement/\npublic-keys/"),
    ("meta-data/ami-id", "ami-0abcdef1234567890"),
    ("meta-data/iam/", "security-credentials/"),
    ("meta-data/iam/security-credentials/", "web-role"),
    (
        "meta-data/iam/security-credentials/web-role",
        r#"{"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "ASIAIMDSIMDSIMDS1234", "SecretAccessKey": "imds-secret", "Token": "imds-token", "Expiration": "2099-01-01T00:00:00Z"}"#,
    ),
    ("meta-data/placement/", "availability-zone"),
    ("meta-data/placement/availability-zone", "eu-west-3b"),
    ("meta-data/public-keys/", "0=my-key"),
    ("meta-data/public-keys/0/", "openssh-key"),
    (
        "meta-data/public-keys/0/openssh-key",
        "ssh-ed25519 AAAAC3Nza my-key",
    ),
    ("user-data", "#!/bin/bash\necho hello"),
    (
        "dynamic/instance-identity/document",
        "{\n  \"region\" : \"eu-west-3\",\n  \"instanceId\" : \"i-0123456789abcdef0\"\n}",
    ),
];

/// How the fake treats token requests.
#[derive(Clone, Copy)]
enum TokenPolicy {
    /// IMDSv2 only: a token is issued and required on every GET.
    Required,
    /// The token PUT is answered with this status; GETs need no token (IMDSv1).
    Refused(u16),
    /// The token PUT never gets an answer; GETs need no token.
    Hangs,
}

fn imds(policy: TokenPolicy) -> FakeServer {
    FakeServer::start(move |request: &Request| {
        let path = request.path.trim_start_matches("/latest/");
        if request.method == "PUT" && path == "api/token" {
            return match policy {
                TokenPolicy::Required
                    if request.header("x-aws-ec2-metadata-token-ttl-seconds") == Some("21600") =>
                {
                    Reply::Status(200, TOKEN.into())
                }
                TokenPolicy::Required => Reply::Status(400, String::new()),
                TokenPolicy::Refused(status) => Reply::Status(status, String::new()),
                TokenPolicy::Hangs => Reply::Hang(Duration::from_secs(5)),
            };
        }
        if matches!(policy, TokenPolicy::Required)
            && request.header("x-aws-ec2-metadata-token") != Some(TOKEN)
        {
            return Reply::Status(401, String::new());
        }
        match TREE.iter().find(|(p, _)| *p == path) {
            Some((_, body)) => Reply::Status(200, body.to_string()),
            None => Reply::Status(404, String::new()),
        }
    })
}

fn at(ctx: &TestContext, server: &FakeServer, args: &[&str]) -> common::AwsCmd {
    ctx.cmd(args)
        .env("AWS_EC2_METADATA_DISABLED", "false")
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.endpoint())
}

#[test]
fn imdsv2_token_is_fetched_and_sent() {
    let server = imds(TokenPolicy::Required);
    let ctx = TestContext::new();
    let out = at(&ctx, &server, &["imds", "get", "meta-data/ami-id"]).run();
    out.assert_success()
        .assert_stdout("ami-0abcdef1234567890\n");
    let requests = server.requests();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].path.as_str()),
        ("PUT", "/latest/api/token")
    );
    assert_eq!(requests[1].header("x-aws-ec2-metadata-token"), Some(TOKEN));
    at(&ctx, &server, &["imds", "get", "user-data"])
        .run()
        .assert_stdout("#!/bin/bash\necho hello\n");
    let doc = at(
        &ctx,
        &server,
        &["imds", "get", "dynamic/instance-identity/document"],
    )
    .run();
    assert!(
        doc.stdout
            .contains("\"instanceId\" : \"i-0123456789abcdef0\""),
        "{doc}"
    );
}

#[test]
fn listing_and_recursive_tree() {
    let server = imds(TokenPolicy::Required);
    let ctx = TestContext::new();
    at(&ctx, &server, &["imds", "get", "meta-data/"])
        .run()
        .assert_stdout("ami-id\niam/\nplacement/\npublic-keys/\n");
    let out = at(&ctx, &server, &["imds", "get", "--recursive", "meta-data/"]).run();
    out.assert_success();
    let tree = out.json();
    assert_eq!(tree["ami-id"], "ami-0abcdef1234567890");
    assert_eq!(tree["placement"]["availability-zone"], "eu-west-3b");
    assert_eq!(
        tree["public-keys"]["0"]["openssh-key"],
        "ssh-ed25519 AAAAC3Nza my-key"
    );
    let role = &tree["iam"]["security-credentials"]["web-role"];
    assert_eq!(role["AccessKeyId"], "ASIAIMDSIMDSIMDS1234");
    assert_eq!(
        (role["SecretAccessKey"].as_str(), role["Token"].as_str()),
        (Some("****"), Some("****"))
    );
    assert!(!out.stdout.contains("imds-secret"));
    // The role's name is readable, its policy is not, and the command says so.
    let out = at(
        &ctx,
        &server,
        &["imds", "get", "meta-data/iam/security-credentials/"],
    )
    .run();
    out.assert_stdout("web-role\n");
    assert!(out.stderr.contains("not the role's policy"), "{out}");
}

#[test]
fn refused_token_requests_fall_back_to_imdsv1() {
    for status in [403, 404, 405] {
        let server = imds(TokenPolicy::Refused(status));
        let ctx = TestContext::new();
        at(&ctx, &server, &["imds", "get", "meta-data/ami-id"])
            .run()
            .assert_stdout("ami-0abcdef1234567890\n");
        let requests = server.requests();
        assert_eq!(requests.len(), 2, "status {status}: {requests:?}");
        assert_eq!(requests[1].header("x-aws-ec2-metadata-token"), None);
    }
}

#[test]
fn a_400_on_the_token_request_aborts() {
    let server = imds(TokenPolicy::Refused(400));
    let ctx = TestContext::new();
    let out = at(&ctx, &server, &["imds", "get", "meta-data/ami-id"]).run();
    out.assert_code(255);
    assert!(out.stderr.contains("Bad IMDS request"), "{out}");
    assert_eq!(server.requests().len(), 1, "no GET after a 400");
}

#[test]
fn a_hanging_token_request_times_out_into_imdsv1() {
    let server = imds(TokenPolicy::Hangs);
    let ctx = TestContext::new();
    let start = Instant::now();
    at(&ctx, &server, &["imds", "get", "meta-data/ami-id"])
        .run()
        .assert_stdout("ami-0abcdef1234567890\n");
    let elapsed = start.elapsed();
    assert!(
        elapsed >= Duration::from_millis(900) && elapsed < Duration::from_secs(3),
        "took {elapsed:?}"
    );
}

#[test]
fn imdsv1_can_be_disabled() {
    let server = imds(TokenPolicy::Refused(403));
    let ctx = TestContext::new();
    let out = at(&ctx, &server, &["imds", "get", "meta-data/ami-id"])
        .env("AWS_EC2_METADATA_V1_DISABLED", "true")
        .run();
    out.assert_code(255);
    assert!(
        out.stderr.contains(
            "Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled"
        ),
        "{out}"
    );
}

#[test]
fn credentials_and_region_from_the_instance_profile() {
    let server = imds(TokenPolicy::Required);
    let ctx = TestContext::new();
    let out = at(&ctx, &server, &["configure", "list"]).run();
    out.assert_success();
    assert!(
        out.stdout
            .contains("access_key : ****************1234     : iam-role         : \n"),
        "{out}"
    );
    assert!(
        out.stdout
            .contains("region     : eu-west-3                : imds             : \n"),
        "{out}"
    );
    let out = at(
        &ctx,
        &server,
        &[
            "configure",
            "export-credentials",
            "--format",
            "env",
            "--debug",
        ],
    )
    .run();
    assert!(out.stdout.contains("export AWS_SESSION_TOKEN=imds-token\nexport AWS_CREDENTIAL_EXPIRATION=2099-01-01T00:00:00+00:00\n"), "{out}");
    assert!(
        !out.stderr.contains("imds-secret") && !out.stderr.contains("imds-token"),
        "secret in --debug:\n{out}"
    );
}

#[test]
fn off_ec2_no_credentials_fails_in_about_two_seconds() {
    // Every request hangs: as an unreachable 169.254.169.254 behaves when packets are dropped.
    let blackhole = FakeServer::start(|_| Reply::Hang(Duration::from_secs(30)));
    let moto = Moto::shared();
    let ctx = TestContext::new();
    let start = Instant::now();
    let out = at(
        &ctx,
        &blackhole,
        &[
            "sts",
            "get-caller-identity",
            "--region",
            "us-east-1",
            "--endpoint-url",
            &moto.endpoint(),
        ],
    )
    .run();
    let elapsed = start.elapsed();
    out.assert_code(253);
    assert!(out.stderr.contains("(NoCredentials)"), "{out}");
    assert!(elapsed < Duration::from_millis(3500), "took {elapsed:?}");
}

#[test]
fn moto_metadata_and_the_disabled_switch() {
    let moto = Moto::shared();
    let ctx = TestContext::new();
    let out = ctx
        .cmd(["imds", "get", "meta-data/instance-id"])
        .env("AWS_EC2_METADATA_DISABLED", "false")
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", moto.endpoint())
        .run();
    out.assert_success().assert_stdout("i-fake\n");
    let out = ctx.cmd(["imds", "get", "meta-data/instance-id"]).run();
    out.assert_code(255);
    assert!(
        out.stderr
            .contains("IMDS is disabled (AWS_EC2_METADATA_DISABLED=true)"),
        "{out}"
    );
}

#[test]
fn expired_instance_profile_credentials_are_still_used_during_an_outage() {
    // Static stability: an IMDS that serves credentials past their expiry (as during an
    // outage) does not stop the command; the CLI extends them a while, and so does awsctl.
    let server = FakeServer::start(|request| {
        let path = request.path.trim_start_matches("/latest/");
        match (request.method.as_str(), path) {
            ("PUT", "api/token") => Reply::Status(200, TOKEN.into()),
            (_, "meta-data/iam/security-credentials/") => Reply::Status(200, "role".into()),
            (_, "meta-data/iam/security-credentials/role") => Reply::Status(
                200,
                r#"{"Code": "Success", "AccessKeyId": "ASIASTALESTALESTALE1", "SecretAccessKey": "s", "Token": "t", "Expiration": "2020-01-01T00:00:00Z"}"#.into(),
            ),
            (_, "meta-data/placement/availability-zone") => Reply::Status(200, "eu-wést-3b".into()),
            _ => Reply::Status(404, String::new()),
        }
    });
    let ctx = TestContext::new();
    let out = at(
        &ctx,
        &server,
        &[
            "sts",
            "get-caller-identity",
            "--region",
            "us-east-1",
            "--endpoint-url",
            &Moto::shared().endpoint(),
            "--debug",
        ],
    )
    .run();
    out.assert_success();
    assert!(
        out.stderr
            .contains("Attempting credential expiration extension"),
        "{out}"
    );
    // A zone that cannot give a region (non-ASCII here) leaves the region unset, no panic.
    let out = at(&ctx, &server, &["configure", "list"]).run();
    out.assert_success();
    assert!(out.stdout.contains("region     : <not set>"), "{out}");
}
