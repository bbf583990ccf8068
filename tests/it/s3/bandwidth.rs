//! `max_bandwidth` in the profile's `s3 =` block, measured against s3s-fs: uploads and
//! downloads keep to it (4 MiB at 1 MiB/s takes about 4 s, without a limit far less), copies
//! do not count; its syntax errors, and those of `max_queue_size` and `io_chunksize`, are the
//! CLI's (exit 255).

use crate::common;

use std::time::{Duration, Instant};

use common::{S3sFs, TestContext};

const MIB: usize = 1024 * 1024;

/// The example keys, an `s3` block with `settings`, and `four.bin` (4 MiB) in HOME.
fn with_s3_settings(settings: &[(&str, &str)]) -> TestContext {
    TestContext::builder()
        .example_credentials()
        .s3_settings(settings)
        .file("four.bin", vec![9u8; 4 * MIB])
        .build()
}

/// Runs `s3 ARGS` against `s3s` from HOME; the elapsed wall time.
fn timed(ctx: &TestContext, s3s: &S3sFs, args: &[&str]) -> Duration {
    let mut all = vec!["s3".to_string()];
    all.extend(args.iter().map(|a| a.to_string()));
    all.extend(["--endpoint-url".into(), s3s.endpoint()]);
    let began = Instant::now();
    let out = ctx.cmd(all).current_dir(ctx.home()).run();
    let elapsed = began.elapsed();
    out.assert_success();
    elapsed
}

#[test]
fn uploads_and_downloads_keep_to_the_limit_and_copies_do_not_count() {
    let s3s = S3sFs::start();
    std::fs::create_dir(s3s.root().join("bkt")).unwrap();
    let stored = s3s.root().join("bkt").join("four.bin");

    let free = with_s3_settings(&[("max_queue_size", "10000"), ("io_chunksize", "1MB")]);
    let unlimited = timed(&free, &s3s, &["cp", "four.bin", "s3://bkt/four.bin"]);
    std::fs::remove_file(&stored).unwrap();

    let slow = with_s3_settings(&[("max_bandwidth", "1MB/s")]);
    let limited = timed(&slow, &s3s, &["cp", "four.bin", "s3://bkt/four.bin"]);
    assert!(std::fs::read(&stored).unwrap() == vec![9u8; 4 * MIB]);
    assert!(
        limited >= Duration::from_millis(3500),
        "upload: {limited:?}"
    );
    assert!(unlimited * 2 < limited, "{unlimited:?} vs {limited:?}");

    // Bits per second: 16 Mb/s is 2 MiB/s, so 4 MiB down takes about 2 s.
    let bits = with_s3_settings(&[("max_bandwidth", "16Mb/s")]);
    let down = timed(&bits, &s3s, &["cp", "s3://bkt/four.bin", "back.bin"]);
    assert!(down >= Duration::from_millis(1800), "download: {down:?}");
    assert!(std::fs::read(bits.home().join("back.bin")).unwrap() == vec![9u8; 4 * MIB]);

    // A copy's bytes never pass through awsctl: not limited.
    let copy = timed(
        &slow,
        &s3s,
        &["cp", "s3://bkt/four.bin", "s3://bkt/copy.bin"],
    );
    assert!(copy < Duration::from_millis(2500), "copy: {copy:?}");
    eprintln!(
        "4 MiB up: {unlimited:?} unlimited, {limited:?} at 1MB/s; down at 16Mb/s: {down:?}; copy at 1MB/s: {copy:?}"
    );
}

#[test]
fn bad_values_are_refused_with_the_clis_messages() {
    let s3s = S3sFs::start();
    let cases = [
        (
            "max_bandwidth = 10MBps",
            "Invalid rate: 10MBps. The value must be expressed as an integer in terms of bytes per second (e.g. 10485760) or a rate in terms of bytes per second (e.g. 10MB/s or 800KB/s) or bits per second (e.g. 10Mb/s or 800Kb/s)",
        ),
        (
            "max_bandwidth = 0",
            "Value for max_bandwidth must be a positive integer: 0",
        ),
        // Checked once converted: zero kibibytes a second is 0.
        (
            "max_bandwidth = 0KB/s",
            "Value for max_bandwidth must be a positive integer: 0",
        ),
        ("max_bandwidth = 10XB/s", "Invalid size value: 10XB"),
        // As the CLI, which only cuts `/s`: a bare `b` is no size.
        ("max_bandwidth = 7b/s", "Invalid size value: 7b"),
        (
            "max_queue_size = 0",
            "Value for max_queue_size must be a positive integer: 0",
        ),
        ("io_chunksize = 1.5MB", "Invalid size value: 1.5MB"),
    ];
    for (setting, message) in cases {
        let (name, value) = setting.split_once(" = ").unwrap();
        let ctx = with_s3_settings(&[(name, value)]);
        let out = ctx
            .cmd([
                "s3",
                "cp",
                "four.bin",
                "s3://bkt/four.bin",
                "--endpoint-url",
                &s3s.endpoint(),
            ])
            .current_dir(ctx.home())
            .run();
        out.assert_code(255);
        assert_eq!(
            out.stderr,
            format!("\naws: [ERROR]: {message}\n"),
            "{setting}"
        );
    }
}
