//! `awsctl s3 mb` and `s3 rb` against moto (BucketNotEmpty, LocationConstraint, `--force` in
//! batches) and s3s-fs (signatures), with the CLI's exact lines and exit codes.

use crate::common;

use common::s3_fixtures::{bucket_exists, create_bucket, put_object};
use common::{Moto, S3sFs, TestContext, http, unique_name};

fn s3(args: &[&str]) -> Vec<String> {
    let mut all = vec!["s3".to_string()];
    all.extend(args.iter().map(|s| s.to_string()));
    all.extend(["--endpoint-url".into(), Moto::shared().endpoint()]);
    all
}

#[test]
fn mb_then_rb() {
    let ctx = TestContext::with_example_credentials();
    let bucket = unique_name("mbrb");
    let uri = format!("s3://{bucket}");
    let out = ctx.cmd(s3(&["mb", &uri])).run();
    out.assert_success();
    assert_output_snapshot!(&ctx, out.stdout);
    assert_eq!(out.stderr, "");
    assert!(bucket_exists(Moto::shared().port(), &bucket));
    let out = ctx.cmd(s3(&["rb", &uri])).run();
    out.assert_success();
    assert_output_snapshot!(&ctx, out.stdout);
    assert!(!bucket_exists(Moto::shared().port(), &bucket));
}

#[test]
fn mb_outside_us_east_1_sends_the_location_constraint() {
    let ctx = TestContext::with_example_credentials();
    let bucket = unique_name("euwest");
    let out = ctx
        .cmd(s3(&[
            "mb",
            &format!("s3://{bucket}"),
            "--region",
            "eu-west-1",
        ]))
        .run();
    out.assert_success();
    let location = http::get(Moto::shared().port(), &format!("/{bucket}?location"));
    assert!(
        location.text().contains(">eu-west-1</LocationConstraint>"),
        "{}",
        location.text()
    );
}

#[test]
fn mb_failure_is_reported_on_stderr_with_exit_1() {
    let ctx = TestContext::with_example_credentials();
    let bucket = unique_name("twice");
    let args = s3(&["mb", &format!("s3://{bucket}"), "--region", "eu-west-1"]);
    ctx.cmd(&args).run().assert_success();
    let ours = ctx.cmd(&args).run();
    ours.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, ours.stderr);
    let theirs = ctx.aws_cli(&args).run();
    assert_eq!(
        (ours.stderr.as_str(), ours.code),
        (theirs.stderr.as_str(), theirs.code)
    );
}

#[test]
fn mb_without_the_scheme_is_252_with_the_clis_message() {
    let out = TestContext::with_example_credentials()
        .cmd(s3(&["mb", "demo"]))
        .run();
    out.assert_code(252).assert_stdout("");
    assert_eq!(
        out.stderr,
        "\naws: [ERROR]: An error occurred (ParamValidation): <S3Uri>\nError: Invalid argument type\n"
    );
}

#[test]
fn mb_checks_the_name_before_any_request() {
    // moto would accept this name; S3 would not.
    let out = TestContext::with_example_credentials()
        .cmd(s3(&["mb", "s3://Bad_Name", "--debug"]))
        .run();
    out.assert_code(1).assert_stdout("");
    assert!(
        out.stderr.ends_with("make_bucket failed: s3://Bad_Name Parameter validation failed:\nInvalid bucket name \"Bad_Name\": bucket names can consist only of lowercase letters, numbers, periods (.) and hyphens (-)\n"),
        "{out}"
    );
    assert!(!out.stderr.contains("Sending"), "{out}");
    assert!(!bucket_exists(Moto::shared().port(), "Bad_Name"));
}

#[test]
fn rb_of_a_non_empty_bucket_is_bucket_not_empty() {
    let ctx = TestContext::with_example_credentials();
    let bucket = unique_name("full");
    create_bucket(Moto::shared().port(), &bucket);
    put_object(Moto::shared().port(), &bucket, "k", b"v");
    let args = s3(&["rb", &format!("s3://{bucket}")]);
    let ours = ctx.cmd(&args).run();
    ours.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, ours.stderr);
    let theirs = ctx.aws_cli(&args).run();
    assert_eq!(
        (ours.stderr.as_str(), ours.code),
        (theirs.stderr.as_str(), theirs.code)
    );
    assert!(bucket_exists(Moto::shared().port(), &bucket));
}

#[test]
fn rb_with_a_key_is_refused() {
    let out = TestContext::with_example_credentials()
        .cmd(s3(&["rb", "s3://some-bucket/key"]))
        .run();
    out.assert_code(255);
    assert_eq!(
        out.stderr,
        "\naws: [ERROR]: Please specify a valid bucket name only. E.g. s3://some-bucket\n"
    );
}

/// `--force` empties the bucket first, in DeleteObjects batches of at most 1000 keys.
#[test]
fn rb_force_deletes_every_object_in_batches() {
    let port = Moto::shared().port();
    let bucket = unique_name("force");
    create_bucket(port, &bucket);
    let keys: Vec<String> = (0..1003).map(|i| format!("d{}/k{i:04}", i % 3)).collect();
    for key in &keys {
        put_object(port, &bucket, key, b"");
    }
    let out = TestContext::with_example_credentials()
        .cmd(s3(&["rb", &format!("s3://{bucket}"), "--force", "--debug"]))
        .run();
    out.assert_success();
    let mut deleted: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        deleted.pop(),
        Some(format!("remove_bucket: {bucket}").as_str())
    );
    deleted.sort();
    let mut expected: Vec<String> = keys
        .iter()
        .map(|k| format!("delete: s3://{bucket}/{k}"))
        .collect();
    expected.sort();
    assert_eq!(deleted, expected);
    assert_eq!(
        out.stderr.matches("Sending DeleteObjects request").count(),
        2
    );
    assert!(!bucket_exists(port, &bucket));
}

#[test]
fn rb_force_of_a_missing_bucket_fails_before_deleting_it() {
    let out = TestContext::with_example_credentials()
        .cmd(s3(&["rb", "s3://no-such-bucket-force", "--force"]))
        .run();
    out.assert_code(255).assert_stdout("");
    assert_eq!(
        out.stderr,
        "fatal error: An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist\n\naws: [ERROR]: remove_bucket failed: Unable to delete all objects in the bucket, bucket will not be deleted.\n"
    );
}

/// s3s-fs verifies the signatures of CreateBucket (with its body) and DeleteBucket.
#[test]
fn signed_requests_are_accepted_by_s3s_fs() {
    let s3s = S3sFs::start();
    let ctx = TestContext::with_example_credentials();
    let endpoint = s3s.endpoint();
    let out = ctx
        .cmd([
            "s3",
            "mb",
            "s3://signed-bucket",
            "--region",
            "eu-west-1",
            "--endpoint-url",
            &endpoint,
        ])
        .run();
    out.assert_success()
        .assert_stdout("make_bucket: signed-bucket\n");
    assert!(s3s.root().join("signed-bucket").is_dir());
    let out = ctx
        .cmd([
            "s3",
            "rb",
            "s3://signed-bucket",
            "--endpoint-url",
            &endpoint,
        ])
        .run();
    out.assert_success()
        .assert_stdout("remove_bucket: signed-bucket\n");
    assert!(!s3s.root().join("signed-bucket").exists());
}
