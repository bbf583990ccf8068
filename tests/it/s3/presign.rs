//! `awsctl s3 presign` end to end: the URL it prints downloads the object from s3s-fs (which
//! verifies the query signature and expiry) with a plain HTTP GET, an expired one is refused,
//! and the URL's shape follows the addressing style. No request is made by presign itself.

use crate::common;

use std::time::Duration;

use common::{S3sFs, TestContext, http};

/// s3s-fs with `bucket/dir/a b+c.txt` on disk; returns the server.
fn server_with_object() -> S3sFs {
    let s3s = S3sFs::start();
    let dir = s3s.root().join("bucket/dir");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a b+c.txt"), "presigned body").unwrap();
    s3s
}

fn presign(ctx: &TestContext, s3s: &S3sFs, extra: &[&str]) -> String {
    let mut args = vec![
        "s3",
        "presign",
        "s3://bucket/dir/a b+c.txt",
        "--endpoint-url",
    ];
    let endpoint = s3s.endpoint();
    args.push(&endpoint);
    args.extend(extra);
    let out = ctx.cmd(args).run();
    out.assert_success();
    assert_eq!(out.stderr, "");
    let url = out.stdout.strip_suffix('\n').expect("one line").to_string();
    assert!(!url.contains('\n'), "{url}");
    url
}

fn path_of(url: &str, s3s: &S3sFs) -> String {
    url.strip_prefix(&s3s.endpoint())
        .unwrap_or_else(|| panic!("{url} is not on {}", s3s.endpoint()))
        .to_string()
}

#[test]
fn the_printed_url_downloads_the_object() {
    let s3s = server_with_object();
    let url = presign(&TestContext::with_example_credentials(), &s3s, &[]);
    assert!(url.contains("/bucket/dir/a%20b%2Bc.txt?"), "{url}");
    assert!(url.contains("X-Amz-Expires=3600&"), "{url}");
    assert!(url.contains("%2Fus-east-1%2Fs3%2Faws4_request"), "{url}");
    let response = http::get(s3s.port(), &path_of(&url, &s3s));
    assert_eq!(response.status, 200, "{}\n{}", response.text(), s3s.log());
    assert_eq!(response.text(), "presigned body");
    // The signature covers the key: another key with the same query string is refused.
    let other = path_of(&url, &s3s).replace("a%20b%2Bc.txt", "other.txt");
    assert_eq!(http::get(s3s.port(), &other).status, 403);
}

#[test]
fn an_expired_url_is_refused() {
    let s3s = server_with_object();
    let url = presign(
        &TestContext::with_example_credentials(),
        &s3s,
        &["--expires-in", "1"],
    );
    assert!(url.contains("X-Amz-Expires=1&"), "{url}");
    std::thread::sleep(Duration::from_millis(2100));
    let response = http::get(s3s.port(), &path_of(&url, &s3s));
    assert_eq!(response.status, 403, "{}", response.text());
}

#[test]
fn a_url_signed_with_the_wrong_secret_is_refused() {
    let s3s = server_with_object();
    let ctx = TestContext::builder()
        .credentials(
            "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = nope\n",
        )
        .build();
    let url = presign(&ctx, &s3s, &[]);
    assert_eq!(http::get(s3s.port(), &path_of(&url, &s3s)).status, 403);
}

#[test]
fn expires_in_is_bounded_by_sigv4s_seven_days() {
    let ctx = TestContext::with_example_credentials();
    let ok = ctx
        .cmd(["s3", "presign", "s3://b/k", "--expires-in", "604800"])
        .run();
    ok.assert_success();
    assert!(ok.stdout.contains("X-Amz-Expires=604800&"), "{ok}");
    for bad in ["604801", "0"] {
        let out = ctx
            .cmd(["s3", "presign", "s3://b/k", "--expires-in", bad])
            .run();
        out.assert_code(252).assert_stdout("");
        assert_output_snapshot!(&ctx, out.stderr);
    }
}

/// The URL shapes of aws-cli-behaviour.md 1.8: regional virtual-hosted by default, path style
/// for names that cannot be a DNS label or when the profile asks for it; a session token is
/// part of the signed query.
#[test]
fn addressing_styles_and_session_tokens() {
    let ctx = TestContext::with_example_credentials();
    let url = |args: &[&str]| {
        let out = ctx
            .cmd(args)
            .env("AWS_ACCESS_KEY_ID", "ASIAEXAMPLEKEY")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .env("AWS_SESSION_TOKEN", "tok3n")
            .run();
        out.assert_success();
        out.stdout
    };
    let virtual_hosted = url(&["s3", "presign", "s3://demo-bucket/a.txt"]);
    assert!(
        virtual_hosted.starts_with("https://demo-bucket.s3.us-east-1.amazonaws.com/a.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLEKEY%2F"),
        "{virtual_hosted}"
    );
    assert!(
        virtual_hosted.contains("&X-Amz-Security-Token=tok3n"),
        "{virtual_hosted}"
    );
    let bad_name = url(&[
        "s3",
        "presign",
        "s3://Bad_Name/a.txt",
        "--region",
        "eu-west-1",
    ]);
    assert!(
        bad_name.starts_with("https://s3.eu-west-1.amazonaws.com/Bad_Name/a.txt?"),
        "{bad_name}"
    );
    ctx.write_config("[default]\ns3 =\n    addressing_style = path\n");
    let path = url(&["s3", "presign", "s3://demo-bucket/a.txt"]);
    assert!(
        path.starts_with("https://s3.us-east-1.amazonaws.com/demo-bucket/a.txt?"),
        "{path}"
    );
    ctx.write_config("[default]\ns3 =\n    addressing_style = virtual\n");
    let custom = url(&[
        "s3",
        "presign",
        "s3://demo-bucket/a.txt",
        "--endpoint-url",
        "http://minio.example:9000",
    ]);
    assert!(
        custom.starts_with("http://demo-bucket.minio.example:9000/a.txt?"),
        "{custom}"
    );
}

#[test]
fn presign_needs_a_key() {
    let out = TestContext::with_example_credentials()
        .cmd(["s3", "presign", "s3://bucket"])
        .run();
    out.assert_code(252);
    assert!(
        out.stderr
            .contains("Invalid length for parameter Key, value: 0, valid min length: 1"),
        "{out}"
    );
}
