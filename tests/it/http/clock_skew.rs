//! Clock skew correction against s3s-fs, which refuses a signature more than 900 s from its
//! clock (RequestTimeTooSkewed; a bare 403 for HEAD). The test hook
//! AWSCTL_TEST_CLOCK_OFFSET_SECONDS plays a machine whose clock is an hour off: the first
//! refused request teaches awsctl the server's clock (its `Date`), the request is retried
//! once, and every later request of the process is signed with the corrected clock. When
//! correcting cannot help (the fault proxy keeps refusing), the CLI's error and exit code.

use crate::common;

use common::fault_proxy::{Fault, FaultProxy};
use common::{S3sFs, TestContext};

const SHIFT: &str = "AWSCTL_TEST_CLOCK_OFFSET_SECONDS";

fn server() -> S3sFs {
    let s3s = S3sFs::start();
    std::fs::create_dir(s3s.root().join("bkt")).unwrap();
    s3s
}

/// A profile that uploads 11 MiB in three 5 MiB parts, one request at a time.
const S3: &[(&str, &str)] = &[
    ("multipart_threshold", "5MB"),
    ("multipart_chunksize", "5MB"),
    ("max_concurrent_requests", "1"),
];

fn data(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i % 251) as u8 ^ (i >> 12) as u8)
        .collect()
}

fn s3(endpoint: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["s3".to_string()];
    all.extend(args.iter().map(|s| s.to_string()));
    all.extend(["--endpoint-url".into(), endpoint.into(), "--debug".into()]);
    all
}

fn corrections(stderr: &str) -> usize {
    stderr
        .matches("awsctl.retries - DEBUG - Clock skew: ")
        .count()
}

#[test]
fn an_hour_fast_clock_is_corrected_once_for_a_whole_multipart_upload() {
    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let bytes = data(11 * 1024 * 1024);
    std::fs::write(ctx.home().join("big.bin"), &bytes).unwrap();
    let out = ctx
        .cmd(s3(
            &s3s.endpoint(),
            &["cp", "big.bin", "s3://bkt/big.bin", "--no-progress"],
        ))
        .env(SHIFT, "3600")
        .run();
    out.assert_success();
    assert_eq!(out.stdout, "upload: ./big.bin to s3://bkt/big.bin\n");
    // s3s-fs refused the first request (CreateMultipartUpload) as signed an hour ahead ...
    assert_eq!(
        out.stderr.matches("Response status=403").count(),
        1,
        "{out}"
    );
    assert_eq!(corrections(&out.stderr), 1, "{out}");
    assert!(
        out.stderr.contains(
            "Clock skew: CreateMultipartUpload answered RequestTimeTooSkewed and its clock is -3"
        ),
        "{out}"
    );
    // ... and accepted the retry and the three parts and the completion signed after it.
    assert!(std::fs::read(s3s.root().join("bkt/big.bin")).unwrap() == bytes);
}

#[test]
fn an_hour_slow_clock_is_corrected_for_listings_and_downloads() {
    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let bytes = data(11 * 1024 * 1024);
    std::fs::write(s3s.root().join("bkt/big.bin"), &bytes).unwrap();
    let out = ctx
        .cmd(s3(&s3s.endpoint(), &["ls", "s3://bkt/"]))
        .env(SHIFT, "-3600")
        .run();
    out.assert_success();
    assert!(out.stdout.ends_with(" 11534336 big.bin\n"), "{out}");
    assert_eq!(corrections(&out.stderr), 1, "{out}");
    assert!(
        out.stderr.contains(
            "Clock skew: ListObjectsV2 answered RequestTimeTooSkewed and its clock is +3"
        ),
        "{out}"
    );

    // A download starts with HeadObject, whose refusal is a bare 403 with a Date.
    let out = ctx
        .cmd(s3(&s3s.endpoint(), &["cp", "s3://bkt/big.bin", "copy.bin"]))
        .env(SHIFT, "-3600")
        .run();
    out.assert_success();
    assert_eq!(corrections(&out.stderr), 1, "{out}");
    assert!(
        out.stderr
            .contains("Clock skew: HeadObject answered 403 and its clock is +3"),
        "{out}"
    );
    assert!(std::fs::read(ctx.home().join("copy.bin")).unwrap() == bytes);
}

#[test]
fn a_clock_within_the_servers_tolerance_is_left_alone() {
    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    std::fs::write(s3s.root().join("bkt/k"), b"x").unwrap();
    let out = ctx
        .cmd(s3(&s3s.endpoint(), &["ls", "s3://bkt/"]))
        .env(SHIFT, "120")
        .run();
    out.assert_success();
    assert_eq!(corrections(&out.stderr), 0, "{out}");
}

#[test]
fn a_skew_that_correcting_does_not_cure_ends_with_the_error() {
    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    std::fs::write(s3s.root().join("bkt/k"), b"x").unwrap();
    // The proxy's clock runs an hour ahead of everyone's: after one correction awsctl agrees
    // with its Date, so a second refusal cannot be skew it could fix.
    let proxy = FaultProxy::start(
        s3s.port(),
        vec![
            Fault::Skewed(3600),
            Fault::Skewed(3600),
            Fault::Skewed(3600),
        ],
    );
    let out = ctx.cmd(s3(&proxy.endpoint(), &["ls", "s3://bkt/"])).run();
    out.assert_code(254);
    assert_eq!(proxy.requests().len(), 2, "{:?}", proxy.requests());
    assert_eq!(corrections(&out.stderr), 1, "{out}");
    assert!(
        out.stderr.ends_with("\naws: [ERROR]: An error occurred (RequestTimeTooSkewed) when calling the ListObjectsV2 operation: The difference between the request time and the current time is too large.\n"),
        "{out}"
    );

    // A download's refusal ends as the CLI's failed download (exit 1), with no file.
    let proxy = FaultProxy::start(
        s3s.port(),
        vec![Fault::Forward, Fault::Skewed(3600), Fault::Skewed(3600)],
    );
    let out = ctx
        .cmd(s3(&proxy.endpoint(), &["cp", "s3://bkt/k", "k"]))
        .run();
    out.assert_code(1);
    assert!(out.stderr.ends_with("download failed: s3://bkt/k to ./k An error occurred (RequestTimeTooSkewed) when calling the GetObject operation: The difference between the request time and the current time is too large.\n"), "{out}");
    assert!(!ctx.home().join("k").exists());
}
