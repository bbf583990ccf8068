//! Where requests go, side by side with the AWS CLI: both tools run with `--debug` and
//! `HTTPS_PROXY` pointing at a fake proxy on 127.0.0.1 (a fake: no peer can answer for AWS's
//! real hosts, and nothing may leave loopback), which records the host each `CONNECT` asks for
//! and refuses it. The hosts must be equal, and so must the request URLs the `--debug` logs
//! show: STS without a region, FIPS, dual-stack, S3 path-style and virtual-hosted addressing,
//! an access point ARN, the China partition, for model-driven commands, for the hand-written
//! `s3` commands (`ls`, `cp`, `presign`), `ec2 run-instances`, `iam simulate-custom-policy`
//! and the credential chain's AssumeRole. Per-service endpoint URLs from the config file are
//! checked against moto (where the call must land) and a fake S3 that records the requests.

use crate::common;

use common::fake_server::{FakeServer, Reply};
use common::{Moto, TestContext};

/// What one tool did: the hosts it asked the proxy for, and the URL of the first request its
/// `--debug` log shows.
#[derive(Debug)]
struct Seen {
    hosts: Vec<String>,
    url: Option<String>,
}

/// The URL in the first `url=..., headers=` of a `--debug` log (both tools write it so).
fn first_request_url(log: &str) -> Option<String> {
    log.lines()
        .filter(|line| line.contains("Sending") && line.contains("url="))
        .find_map(|line| {
            let start = line.find("url=")? + 4;
            let end = line[start..].find(", headers=")? + start;
            Some(line[start..end].to_string())
        })
}

/// A URL as comparable: the part before `?`, then the query's pairs sorted (botocore and
/// awsctl write S3's query parameters in different orders).
fn comparable(url: &str) -> (String, Vec<String>) {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    pairs.sort();
    (base.to_string(), pairs)
}

/// Runs a command in both tools with `--debug`, behind the refusing proxy.
fn seen(ctx: &TestContext, args: &[&str], env: &[(&str, &str)]) -> (Seen, Seen) {
    let proxy = FakeServer::start(|_| Reply::Status(403, String::new()));
    let url = proxy.endpoint();
    let mut args = args.to_vec();
    args.push("--debug");
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
        assert_ne!(out.code, 0, "the proxy refuses everything: {}", out.stdout);
        first_request_url(&out.stderr)
    };
    let connects = |proxy: &FakeServer| -> Vec<String> {
        proxy
            .requests()
            .iter()
            .filter(|r| r.method == "CONNECT")
            .map(|r| r.path.clone())
            .collect()
    };
    let our_url = run(ctx.cmd(&args));
    let ours = connects(&proxy);
    let before = ours.len();
    let their_url = run(ctx.aws_cli(&args));
    let theirs = connects(&proxy)[before..].to_vec();
    (
        Seen {
            hosts: ours,
            url: our_url,
        },
        Seen {
            hosts: theirs,
            url: their_url,
        },
    )
}

/// Both tools go to `expected` (host:port) with the same request URL.
fn same_endpoint_in(ctx: &TestContext, args: &[&str], env: &[(&str, &str)], expected: &str) {
    let (ours, theirs) = seen(ctx, args, env);
    assert_eq!(
        ours.hosts.first().map(String::as_str),
        Some(expected),
        "{args:?}"
    );
    assert_eq!(
        ours.hosts.first(),
        theirs.hosts.first(),
        "{args:?}: ours {ours:?}, theirs {theirs:?}"
    );
    let (Some(our_url), Some(their_url)) = (&ours.url, &theirs.url) else {
        panic!(
            "{args:?}: a --debug log without the request's URL: ours {ours:?}, theirs {theirs:?}"
        );
    };
    assert_eq!(comparable(our_url), comparable(their_url), "{args:?}");
}

fn same_host(args: &[&str], env: &[(&str, &str)], expected: &str) {
    same_endpoint_in(&TestContext::new(), args, env, expected);
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
            "get-object-tagging",
            "--bucket",
            "my-bucket",
            "--key",
            "dir/k",
            "--region",
            "eu-west-1",
        ],
        &[],
        "my-bucket.s3.eu-west-1.amazonaws.com:443",
    );
    let ctx = TestContext::builder()
        .config("[default]\ns3 =\n    addressing_style = path\n")
        .build();
    same_endpoint_in(
        &ctx,
        &[
            "s3api",
            "get-object-tagging",
            "--bucket",
            "my-bucket",
            "--key",
            "dir/k",
            "--region",
            "eu-west-1",
        ],
        &[],
        "s3.eu-west-1.amazonaws.com:443",
    );
    // List operations ask for URL-encoded keys unless the caller chose an encoding.
    same_endpoint_in(
        &ctx,
        &[
            "s3api",
            "list-objects-v2",
            "--bucket",
            "my-bucket",
            "--prefix",
            "a b",
            "--region",
            "eu-west-1",
        ],
        &[],
        "s3.eu-west-1.amazonaws.com:443",
    );
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
    let ctx = TestContext::builder().config(&format!(
        "[default]\nregion = us-east-1\nservices = local\n\n[services local]\ndynamodb =\n    endpoint_url = {}\n",
        moto.endpoint()
    )).build();
    let mut urls = Vec::new();
    for cmd in [
        ctx.cmd(["dynamodb", "list-tables", "--debug"]),
        ctx.aws_cli(["dynamodb", "list-tables", "--debug"]),
    ] {
        let out = cmd
            .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .run();
        out.assert_success();
        assert!(out.json()["TableNames"].is_array(), "{}", out.stdout);
        urls.push(first_request_url(&out.stderr));
    }
    let moto_url = format!("{}/", moto.endpoint().trim_end_matches('/'));
    assert_eq!(urls[0].as_deref(), Some(moto_url.as_str()));
    assert_eq!(urls[0], urls[1]);
}

/// The s3 commands' requests to an S3 endpoint URL from a `[services]` section (and from
/// `--endpoint-url`), as a fake S3 that refuses everything records them: path style, the
/// bucket and key in the path, the same query.
#[test]
fn s3_commands_follow_a_per_service_endpoint_url() {
    let fake = FakeServer::start(|_| Reply::Status(403, String::new()));
    let ctx = TestContext::builder().config(&format!(
        "[default]\nregion = eu-west-1\nservices = local\n\n[services local]\ns3 =\n    endpoint_url = {}\n",
        fake.endpoint()
    )).build();
    let file = ctx.home().join("a.txt");
    std::fs::write(&file, "hello").unwrap();
    let file = file.to_str().unwrap();
    let commands: [&[&str]; 2] = [
        &["s3", "ls", "s3://my-bucket/dir/"],
        &["s3", "cp", file, "s3://my-bucket/dir/a b.txt"],
    ];
    for args in commands {
        let requests = |cmd: common::AwsCmd| {
            let before = fake.requests().len();
            let out = cmd
                .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
                .env("AWS_SECRET_ACCESS_KEY", "secret")
                .env("AWS_MAX_ATTEMPTS", "1")
                .run();
            assert_ne!(out.code, 0, "{out}");
            fake.requests()[before..]
                .iter()
                .map(|r| (r.method.clone(), comparable(&r.path)))
                .collect::<Vec<_>>()
        };
        let ours = requests(ctx.cmd(args));
        let theirs = requests(ctx.aws_cli(args));
        assert!(!ours.is_empty(), "{args:?}");
        assert!(ours[0].1.0.starts_with("/my-bucket"), "{ours:?}");
        assert_eq!(ours[0], theirs[0], "{args:?}");
    }
}

#[test]
fn s3_commands_virtual_hosted_and_path_style() {
    let ctx = TestContext::new();
    let file = ctx.home().join("a.txt");
    std::fs::write(&file, "hello").unwrap();
    let file = file.to_str().unwrap();
    let ls: &[&str] = &["s3", "ls", "s3://my-bucket/dir/", "--region", "eu-west-1"];
    let cp: &[&str] = &[
        "s3",
        "cp",
        file,
        "s3://my-bucket/dir/a b+c.txt",
        "--region",
        "eu-west-1",
    ];
    same_endpoint_in(&ctx, ls, &[], "my-bucket.s3.eu-west-1.amazonaws.com:443");
    same_endpoint_in(&ctx, cp, &[], "my-bucket.s3.eu-west-1.amazonaws.com:443");
    // A name that cannot be a host label goes path style by itself.
    same_endpoint_in(
        &ctx,
        &["s3", "ls", "s3://Legacy_Bucket", "--region", "eu-west-1"],
        &[],
        "s3.eu-west-1.amazonaws.com:443",
    );
    ctx.write_config("[default]\ns3 =\n    addressing_style = path\n");
    same_endpoint_in(&ctx, ls, &[], "s3.eu-west-1.amazonaws.com:443");
    same_endpoint_in(&ctx, cp, &[], "s3.eu-west-1.amazonaws.com:443");
    ctx.write_config("[default]\ns3 =\n    use_accelerate_endpoint = true\n");
    same_endpoint_in(&ctx, ls, &[], "my-bucket.s3-accelerate.amazonaws.com:443");
    // us-east-1: the CLI v1 peer defaults to the legacy global endpoint, v2 (and awsctl) to the
    // regional one; both settings, named, agree.
    let east: &[&str] = &["s3", "ls", "s3://my-bucket", "--region", "us-east-1"];
    ctx.write_config("[default]\ns3 =\n    us_east_1_regional_endpoint = legacy\n");
    same_endpoint_in(&ctx, east, &[], "my-bucket.s3.amazonaws.com:443");
    ctx.write_config("[default]\ns3 =\n    us_east_1_regional_endpoint = regional\n");
    same_endpoint_in(&ctx, east, &[], "my-bucket.s3.us-east-1.amazonaws.com:443");
}

#[test]
fn s3_commands_fips_and_dual_stack() {
    let ctx = TestContext::new();
    let file = ctx.home().join("a.txt");
    std::fs::write(&file, "hello").unwrap();
    let file = file.to_str().unwrap();
    same_endpoint_in(
        &ctx,
        &[
            "s3",
            "cp",
            file,
            "s3://my-bucket/k",
            "--region",
            "us-east-2",
        ],
        &[("AWS_USE_FIPS_ENDPOINT", "true")],
        "my-bucket.s3-fips.us-east-2.amazonaws.com:443",
    );
    same_endpoint_in(
        &ctx,
        &["s3", "ls", "s3://my-bucket", "--region", "eu-west-1"],
        &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
        "my-bucket.s3.dualstack.eu-west-1.amazonaws.com:443",
    );
    ctx.write_config("[default]\ns3 =\n    use_dualstack_endpoint = true\n");
    same_endpoint_in(
        &ctx,
        &["s3", "ls", "s3://my-bucket", "--region", "eu-west-1"],
        &[],
        "my-bucket.s3.dualstack.eu-west-1.amazonaws.com:443",
    );
}

#[test]
fn s3_commands_with_an_access_point_arn() {
    let ctx = TestContext::new();
    let file = ctx.home().join("a.txt");
    std::fs::write(&file, "hello").unwrap();
    let file = file.to_str().unwrap();
    let ap = "s3://arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap";
    let host = "my-ap-123456789012.s3-accesspoint.us-west-2.amazonaws.com:443";
    same_endpoint_in(
        &ctx,
        &["s3", "ls", &format!("{ap}/dir/"), "--region", "us-west-2"],
        &[],
        host,
    );
    same_endpoint_in(
        &ctx,
        &[
            "s3",
            "cp",
            file,
            &format!("{ap}/dir/k.txt"),
            "--region",
            "us-west-2",
        ],
        &[],
        host,
    );
    // The ARN's region wins over the client's (use_arn_region defaults to true for S3).
    same_endpoint_in(
        &ctx,
        &["s3", "ls", &format!("{ap}/"), "--region", "eu-west-1"],
        &[],
        host,
    );
}

/// `s3 presign` prints the URL of the GetObject the rules give, signed for their region. The
/// CLI v1 peer presigns with SigV2 on the global host unless told `signature_version = s3v4`
/// (v2's only choice), so both run with it; even then v1 keeps a virtual-hosted bucket on the
/// global host (`my-bucket.s3.amazonaws.com`, aws-cli-behaviour.md 1.8) where v2 uses the
/// regional one, so that case is checked against v2's documented URL only.
#[test]
fn s3_presign_urls() {
    let ctx = TestContext::builder()
        .config("[default]\ns3 =\n    signature_version = s3v4\n")
        .build();
    let cases: [(&[&str], &str); 3] = [
        (
            &[
                "s3",
                "presign",
                "s3://my-bucket/a b.txt",
                "--region",
                "eu-west-1",
            ],
            "https://my-bucket.s3.eu-west-1.amazonaws.com/a%20b.txt",
        ),
        (
            &[
                "s3",
                "presign",
                "s3://Legacy_Bucket/k",
                "--region",
                "eu-west-1",
            ],
            "https://s3.eu-west-1.amazonaws.com/Legacy_Bucket/k",
        ),
        (
            &[
                "s3",
                "presign",
                "s3://arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap/k",
                "--region",
                "us-west-2",
            ],
            "https://my-ap-123456789012.s3-accesspoint.us-west-2.amazonaws.com/k",
        ),
    ];
    for (i, (args, expected)) in cases.into_iter().enumerate() {
        let presigned = |cmd: common::AwsCmd| {
            let out = cmd
                .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
                .env("AWS_SECRET_ACCESS_KEY", "secret")
                .run();
            out.assert_success();
            let url = out.stdout.trim_end().to_string();
            let (base, query) = url.split_once('?').expect("a query string");
            // The credential's scope without its date: key, region, service, terminator.
            let scope: Vec<String> = query
                .split('&')
                .find_map(|p| p.strip_prefix("X-Amz-Credential="))
                .expect("a SigV4 credential")
                .split("%2F")
                .enumerate()
                .filter(|(i, _)| *i != 1)
                .map(|(_, s)| s.to_string())
                .collect();
            (base.to_string(), scope)
        };
        let ours = presigned(ctx.cmd(args));
        assert_eq!(ours.0, expected, "{args:?}");
        if i > 0 {
            assert_eq!(ours, presigned(ctx.aws_cli(args)), "{args:?}");
        }
    }
}

/// The hand-written `ec2 run-instances` and `iam simulate-custom-policy` (and the credential
/// chain's STS calls, on the same code) go where the rules say too.
#[test]
fn hand_written_ec2_and_iam_commands_follow_the_rules() {
    same_host(
        &[
            "ec2",
            "run-instances",
            "--image-id",
            "ami-12345678",
            "--region",
            "eu-west-1",
        ],
        &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
        "ec2.eu-west-1.api.aws:443",
    );
    same_host(
        &[
            "iam",
            "simulate-custom-policy",
            "--policy-input-list",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
            "--action-names",
            "s3:GetObject",
            "--region",
            "us-east-1",
        ],
        &[("AWS_USE_FIPS_ENDPOINT", "true")],
        "iam-fips.amazonaws.com:443",
    );
}

/// The credential chain's AssumeRole (a role profile) goes to the STS endpoint the rules give.
#[test]
fn the_credential_chains_sts_calls_follow_the_rules() {
    let ctx = TestContext::builder().config("[default]\nregion = eu-west-1\n\n[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = default\nregion = eu-west-1\n",).credentials("[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n",).build();
    same_endpoint_in(
        &ctx,
        &["sts", "get-caller-identity", "--profile", "role"],
        &[("AWS_USE_FIPS_ENDPOINT", "true")],
        "sts-fips.eu-west-1.amazonaws.com:443",
    );
}
