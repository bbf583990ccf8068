//! `awsctl s3 ls` against moto (listing semantics, side by side with the AWS CLI) and s3s-fs
//! (signatures): line formats, exit codes, local time, safe names and page-by-page streaming.

use crate::common;

use std::fs::File;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use common::s3_fixtures::{create_bucket, mask_dates, put_object};
use common::{Moto, S3sFs, TestContext, unique_name};

/// A bucket on the shared moto holding the reference's example tree (aws-cli-behaviour.md 1.2).
fn demo_bucket() -> &'static str {
    static BUCKET: OnceLock<String> = OnceLock::new();
    BUCKET.get_or_init(|| {
        let port = Moto::shared().port();
        let bucket = unique_name("demo");
        create_bucket(port, &bucket);
        for (key, size) in [
            ("a.txt", 6),
            ("dir/a.txt", 6),
            ("dir/one", 2),
            ("dir/sub/b.bin", 2048),
            ("dir/sub/deeper/c.bin", 1_500_000),
        ] {
            put_object(port, &bucket, key, &vec![b'x'; size]);
        }
        bucket
    })
}

fn ls(extra: &[&str]) -> Vec<String> {
    let mut args = vec!["s3".to_string(), "ls".into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(["--endpoint-url".into(), Moto::shared().endpoint()]);
    args
}

#[test]
fn listings_have_the_clis_exact_layout() {
    let ctx = TestContext::with_example_credentials();
    let b = format!("s3://{}", demo_bucket());
    let out = ctx.cmd(ls(&[&b])).run();
    out.assert_success();
    assert_eq!(
        mask_dates(&out.stdout),
        "                           PRE dir/\nDATE          6 a.txt\n"
    );
    let out = ctx
        .cmd(ls(&[&b, "--recursive", "--human-readable", "--summarize"]))
        .run();
    out.assert_success();
    assert_eq!(
        mask_dates(&out.stdout),
        "DATE    6 Bytes a.txt\nDATE    6 Bytes dir/a.txt\nDATE    2 Bytes dir/one\nDATE    2.0 KiB dir/sub/b.bin\nDATE    1.4 MiB dir/sub/deeper/c.bin\n\nTotal Objects: 5\n   Total Size: 1.4 MiB\n"
    );
    assert_eq!(out.stderr, "");
}

/// The AWS CLI against the same server: same stdout, same exit code (where v1 and v2 agree).
#[test]
fn output_matches_the_aws_cli_side_by_side() {
    let ctx = TestContext::with_example_credentials();
    let b = format!("s3://{}", demo_bucket());
    let cases: Vec<Vec<String>> = vec![
        ls(&[&b]),
        ls(&[&b, "--recursive"]),
        ls(&[&b, "--recursive", "--summarize"]),
        ls(&[&b, "--recursive", "--human-readable", "--summarize"]),
        ls(&[&format!("{b}/dir/")]),
        ls(&[&format!("{b}/dir/sub/")]),
        ls(&[&format!("{b}/di")]),
        ls(&[&format!("{b}/zzz")]),
        ls(&[&format!("{b}/zzz"), "--summarize"]),
        ls(&[&b, "--page-size", "1", "--summarize"]),
        ls(&[&b, "--recursive", "--page-size", "2"]),
        ls(&[&format!("{}/dir/", demo_bucket())]),
        ls(&[&b, "--request-payer", "requester"]),
    ];
    for args in cases {
        let ours = ctx.cmd(&args).run();
        let theirs = ctx.aws_cli(&args).run();
        assert_eq!(
            ours.stdout, theirs.stdout,
            "\nawsctl: {ours}\naws: {theirs}"
        );
        assert_eq!(ours.code, theirs.code, "\nawsctl: {ours}\naws: {theirs}");
    }
}

#[test]
fn a_prefix_matching_nothing_is_exit_1_with_no_output() {
    let ctx = TestContext::with_example_credentials();
    let out = ctx.cmd(ls(&[&format!("s3://{}/zzz", demo_bucket())])).run();
    out.assert_code(1).assert_stdout("");
    assert_eq!(out.stderr, "");
}

#[test]
fn an_empty_bucket_is_exit_0() {
    let bucket = unique_name("empty");
    create_bucket(Moto::shared().port(), &bucket);
    let out = TestContext::with_example_credentials()
        .cmd(ls(&[&format!("s3://{bucket}")]))
        .run();
    out.assert_success().assert_stdout("");
}

#[test]
fn a_missing_bucket_is_the_service_error_and_254() {
    let ctx = TestContext::with_example_credentials();
    let out = ctx.cmd(ls(&["s3://no-such-bucket-here"])).run();
    out.assert_code(254).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
}

#[test]
fn an_invalid_bucket_name_is_refused_before_any_request() {
    let out = TestContext::with_example_credentials()
        .cmd(ls(&["s3://bad name", "--debug"]))
        .run();
    out.assert_code(252);
    assert!(
        out.stderr.contains("Invalid bucket name \"bad name\""),
        "{out}"
    );
    assert!(!out.stderr.contains("Sending"), "{out}");
}

#[test]
fn buckets_are_listed_with_their_creation_dates() {
    let moto = Moto::start();
    let ctx = TestContext::with_example_credentials();
    for b in ["alpha-bucket", "beta-bucket"] {
        create_bucket(moto.port(), b);
    }
    let args = ["s3", "ls", "--endpoint-url", &moto.endpoint()];
    let out = ctx.cmd(args).run();
    out.assert_success();
    assert_eq!(
        mask_dates(&out.stdout),
        "DATE alpha-bucket\nDATE beta-bucket\n"
    );
    let theirs = ctx.aws_cli(args).run();
    assert_eq!(out.stdout, theirs.stdout);
    // Filtered by name prefix and by region, side by side.
    let ours = ctx
        .cmd(s3_args(
            &moto,
            &["mb", "s3://gamma-bucket", "--region", "eu-west-1"],
        ))
        .run();
    ours.assert_success();
    for filter in [
        &["--bucket-name-prefix", "be"][..],
        &["--bucket-region", "eu-west-1"],
        &["--bucket-name-prefix", "zzz"],
    ] {
        let args = s3_args(&moto, &[&["ls"][..], filter].concat());
        let ours = ctx.cmd(&args).run();
        let theirs = ctx.aws_cli(&args).run();
        ours.assert_success();
        assert_eq!(ours.stdout, theirs.stdout, "{filter:?}");
    }
    let only_gamma = ctx
        .cmd(s3_args(&moto, &["ls", "--bucket-region", "eu-west-1"]))
        .run();
    assert_eq!(mask_dates(&only_gamma.stdout), "DATE gamma-bucket\n");
}

fn s3_args(moto: &Moto, args: &[&str]) -> Vec<String> {
    let mut all = vec!["s3".to_string()];
    all.extend(args.iter().map(|s| s.to_string()));
    all.extend(["--endpoint-url".into(), moto.endpoint()]);
    all
}

#[test]
fn request_ids_are_in_the_debug_log_for_failures_too() {
    let out = TestContext::with_example_credentials()
        .cmd(ls(&["s3://no-such-bucket-debug", "--debug"]))
        .run();
    out.assert_code(254);
    assert!(
        out.stderr
            .contains("awsctl.s3 - DEBUG - ListObjectsV2 request id: "),
        "{out}"
    );
}

#[test]
fn dates_are_in_the_local_time_zone() {
    let ctx = TestContext::with_example_credentials();
    let args = ls(&[&format!("s3://{}", demo_bucket())]);
    for tz in ["Asia/Kolkata", "America/New_York", "UTC"] {
        let ours = ctx.cmd(&args).env("TZ", tz).run();
        let theirs = ctx.aws_cli(&args).env("TZ", tz).run();
        ours.assert_success();
        assert_eq!(ours.stdout, theirs.stdout, "TZ={tz}\n{ours}\n{theirs}");
    }
    let utc = ctx.cmd(&args).run();
    let india = ctx.cmd(&args).env("TZ", "Asia/Kolkata").run();
    assert_ne!(utc.stdout, india.stdout, "the zone must change the dates");
}

#[test]
fn control_characters_in_keys_are_escaped() {
    let port = Moto::shared().port();
    let bucket = unique_name("ctrl");
    create_bucket(port, &bucket);
    // (moto's router cannot take a newline in a key; escape and bell are enough.)
    put_object(port, &bucket, "evil\u{1b}[31mred\u{7}bell", b"x");
    let out = TestContext::with_example_credentials()
        .cmd(ls(&[&format!("s3://{bucket}")]))
        .run();
    out.assert_success();
    assert_eq!(
        mask_dates(&out.stdout),
        "DATE          1 evil\\x1b[31mred\\x07bell\n"
    );
}

#[test]
fn no_region_means_us_east_1_for_s3() {
    let out = TestContext::with_example_credentials()
        .cmd(ls(&[&format!("s3://{}", demo_bucket()), "--debug"]))
        .run();
    out.assert_success();
    assert!(
        out.stderr.contains("/us-east-1/s3/aws4_request"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("ListObjectsV2 request id: "),
        "{}",
        out.stderr
    );
    // The debug log shows the signing scope but never the secret or the signature.
    assert!(out.stderr.contains("Signature=****"), "{}", out.stderr);
    assert!(!out.stderr.contains("wJalrXUtnFEMI"), "{}", out.stderr);
}

#[test]
fn the_endpoint_can_come_from_the_environment() {
    let args = ["s3", "ls", &format!("s3://{}", demo_bucket())];
    let out = TestContext::with_example_credentials()
        .cmd(args)
        .env("AWS_ENDPOINT_URL_S3", Moto::shared().endpoint())
        .run();
    out.assert_success();
    assert!(out.stdout.ends_with(" a.txt\n"), "{out}");
}

/// Streaming: with pages of 3 keys, stdout and stderr written to the same file show page 1's
/// lines landing after the request for page 2 went out (the debug log's "Sending
/// ListObjectsV2 request") and before its response came back: page 1 is printed while page 2
/// is fetched, and long before the last page is requested.
#[test]
fn each_page_is_printed_while_the_next_is_fetched() {
    let port = Moto::shared().port();
    let bucket = unique_name("stream");
    create_bucket(port, &bucket);
    for i in 0..12 {
        put_object(port, &bucket, &format!("k{i:02}"), b"x");
    }
    let ctx = TestContext::with_example_credentials();
    let combined = ctx.home().join("combined.log");
    let file = File::create(&combined).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_awsctl"))
        .args(ls(&[
            &format!("s3://{bucket}"),
            "--page-size",
            "3",
            "--debug",
        ]))
        .env_clear()
        .env("HOME", ctx.home())
        .env("TZ", "UTC")
        .env("AWS_CONFIG_FILE", ctx.config_path())
        .env("AWS_SHARED_CREDENTIALS_FILE", ctx.credentials_path())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .stdin(Stdio::null())
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .unwrap();
    assert!(status.success());
    let log = std::fs::read_to_string(&combined).unwrap();
    let requests: Vec<usize> = log
        .match_indices("Sending ListObjectsV2 request")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(requests.len(), 4, "12 keys in pages of 3:\n{log}");
    let responses: Vec<usize> = log
        .match_indices("Response status=")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(responses.len(), 4, "{log}");
    let first_line = log.find(" k00\n").expect("k00 listed");
    let last_line = log.find(" k11\n").expect("k11 listed");
    assert!(
        requests[1] < first_line && first_line < responses[1],
        "page 1 must be printed while page 2 is in flight:\n{log}"
    );
    assert!(
        first_line < requests[3] && responses[3] < last_line,
        "{log}"
    );
}

/// s3s-fs checks every signature strictly: a listing works with the right key and is
/// refused with a wrong one.
#[test]
fn signatures_are_accepted_by_s3s_fs() {
    let s3s = S3sFs::start();
    std::fs::create_dir_all(s3s.root().join("signed/dir")).unwrap();
    std::fs::write(s3s.root().join("signed/dir/file.txt"), "12345").unwrap();
    let ctx = TestContext::with_example_credentials();
    let args = [
        "s3",
        "ls",
        "s3://signed",
        "--recursive",
        "--endpoint-url",
        &s3s.endpoint(),
    ];
    let out = ctx.cmd(args).run();
    out.assert_success();
    assert_eq!(mask_dates(&out.stdout), "DATE          5 dir/file.txt\n");
    ctx.write_credentials(
        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wrong\n",
    );
    let out = ctx.cmd(args).run();
    out.assert_code(254);
    assert!(
        out.stderr
            .contains("(SignatureDoesNotMatch) when calling the ListObjectsV2 operation"),
        "{out}"
    );
    assert!(!out.stderr.contains("wrong"), "{out}");
}

#[test]
fn no_sign_request_sends_no_signature() {
    let out = TestContext::new()
        .cmd(ls(&[
            &format!("s3://{}", demo_bucket()),
            "--no-sign-request",
            "--debug",
        ]))
        .run();
    out.assert_success();
    assert!(out.stdout.ends_with(" a.txt\n"), "{out}");
    assert!(!out.stderr.contains("'authorization'"), "{out}");
}
