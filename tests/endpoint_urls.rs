//! Where requests go, side by side with the AWS CLI: both tools run with `HTTPS_PROXY`
//! pointing at a fake proxy on 127.0.0.1 (a fake: no peer can answer for AWS's real hosts,
//! and nothing may leave loopback), which records the host each `CONNECT` asks for and refuses
//! it. The hosts must be equal: STS without a region, FIPS, dual-stack, S3 path-style and
//! virtual-hosted addressing, an access point ARN, the China partition. A per-service endpoint
//! URL from the config file is checked against moto, where the call must land.

mod common;

use common::fake_server::{FakeServer, Reply};
use common::{Moto, TestContext};

/// The hosts each tool asked the proxy for, one command each.
fn hosts(ctx: &TestContext, args: &[&str], env: &[(&str, &str)]) -> (Vec<String>, Vec<String>) {
    let proxy = FakeServer::start(|_| Reply::Status(403, String::new()));
    let url = proxy.endpoint();
    let run = |cmd: common::AwsCmd| {
        let mut cmd = cmd
            .env("HTTPS_PROXY", url.trim_end_matches('/'))
            .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .env("AWS_MAX_ATTEMPTS", "1");
        for (k, v) in env {
            cmd = cmd.env(k, v);
        }
        let out = cmd.run();
        assert_ne!(out.code, 0, "the proxy refuses everything: {out}");
    };
    let connects = |proxy: &FakeServer| -> Vec<String> {
        proxy
            .requests()
            .iter()
            .filter(|r| r.method == "CONNECT")
            .map(|r| r.path.clone())
            .collect()
    };
    run(ctx.cmd(args));
    let ours = connects(&proxy);
    let before = ours.len();
    run(ctx.aws_cli(args));
    let theirs = connects(&proxy)[before..].to_vec();
    (ours, theirs)
}

fn same_host(args: &[&str], env: &[(&str, &str)], expected: &str) {
    let ctx = TestContext::new();
    let (ours, theirs) = hosts(&ctx, args, env);
    assert_eq!(ours.first().map(String::as_str), Some(expected), "{args:?}");
    assert_eq!(
        ours.first(),
        theirs.first(),
        "{args:?}: ours {ours:?}, theirs {theirs:?}"
    );
}

#[test]
fn sts_without_a_region_goes_to_the_global_endpoint() {
    same_host(
        &[
            "sts",
            "get-access-key-info",
            "--access-key-id",
            "AKIAIOSFODNN7EXAMPLE",
        ],
        &[],
        "sts.amazonaws.com:443",
    );
}

#[test]
fn fips_and_dual_stack_endpoints() {
    same_host(
        &["dynamodb", "list-tables", "--region", "us-west-2"],
        &[("AWS_USE_FIPS_ENDPOINT", "true")],
        "dynamodb-fips.us-west-2.amazonaws.com:443",
    );
    same_host(
        &["ec2", "describe-vpcs", "--region", "eu-west-1"],
        &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
        "ec2.eu-west-1.api.aws:443",
    );
    same_host(
        &["dynamodb", "list-tables", "--region", "cn-north-1"],
        &[],
        "dynamodb.cn-north-1.amazonaws.com.cn:443",
    );
}

#[test]
fn s3_virtual_hosted_path_style_and_access_points() {
    same_host(
        &[
            "s3api",
            "list-objects-v2",
            "--bucket",
            "my-bucket",
            "--region",
            "eu-west-1",
        ],
        &[],
        "my-bucket.s3.eu-west-1.amazonaws.com:443",
    );
    let ctx = TestContext::new();
    ctx.write_config("[default]\ns3 =\n    addressing_style = path\n");
    let (ours, theirs) = hosts(
        &ctx,
        &[
            "s3api",
            "list-objects-v2",
            "--bucket",
            "my-bucket",
            "--region",
            "eu-west-1",
        ],
        &[],
    );
    assert_eq!(
        ours.first().map(String::as_str),
        Some("s3.eu-west-1.amazonaws.com:443")
    );
    assert_eq!(ours.first(), theirs.first());
    same_host(
        &[
            "s3api",
            "get-object-tagging",
            "--bucket",
            "arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap",
            "--key",
            "k",
            "--region",
            "us-west-2",
        ],
        &[],
        "my-ap-123456789012.s3-accesspoint.us-west-2.amazonaws.com:443",
    );
}

#[test]
fn a_per_service_endpoint_url_from_the_config_file() {
    let moto = Moto::shared();
    let ctx = TestContext::new();
    ctx.write_config(&format!(
        "[default]\nregion = us-east-1\nservices = local\n\n[services local]\ndynamodb =\n    endpoint_url = {}\n",
        moto.endpoint()
    ));
    for cmd in [
        ctx.cmd(["dynamodb", "list-tables"]),
        ctx.aws_cli(["dynamodb", "list-tables"]),
    ] {
        let out = cmd
            .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .run();
        out.assert_success();
        assert!(out.json()["TableNames"].is_array(), "{out}");
    }
}
