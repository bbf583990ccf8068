//! The transfer options that describe new objects, side by side with the AWS CLI on moto
//! (the objects each tool makes are read back with the CLI's own `s3api head-object` and
//! `get-object-acl`): content headers, `--expires`, `--acl`, `--grants`, `--sse`,
//! `--website-redirect`, `--no-guess-mime-type`, single and multipart, uploads and copies.
//! On s3s-fs, which verifies every checksum it is sent: each `--checksum-algorithm` is
//! accepted when right and refused when the body is corrupted on the way. Also
//! `--expected-size` (parts sized for the stream) and the glacier flags.

use crate::common;

use common::fault_proxy::{Fault, FaultProxy};
use common::s3_fixtures::{create_bucket, put_object};
use common::{Moto, S3sFs, TestContext, http, unique_name};

/// Multipart from 5 MiB, so that CreateMultipartUpload's headers are exercised too.
const S3: &[(&str, &str)] = &[
    ("multipart_threshold", "5MB"),
    ("multipart_chunksize", "5MB"),
];

/// What the AWS CLI's own calls say of an object, less what differs between any two
/// uploads (their times).
fn described(ctx: &TestContext, bucket: &str, key: &str) -> (serde_json::Value, serde_json::Value) {
    let moto = Moto::shared().endpoint();
    let call = |op: &str| {
        let out = ctx
            .aws_cli([
                "s3api",
                op,
                "--bucket",
                bucket,
                "--key",
                key,
                "--endpoint-url",
                &moto,
            ])
            .run();
        out.assert_success();
        out.json()
    };
    let mut head = call("head-object");
    head.as_object_mut().unwrap().remove("LastModified");
    (head, call("get-object-acl")["Grants"].clone())
}

#[test]
fn object_options_reach_s3_as_the_aws_cli_sends_them() {
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let moto = Moto::shared().endpoint();
    let bucket = unique_name("cpopts");
    create_bucket(Moto::shared().port(), &bucket);
    let work = ctx.home().join("w");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(work.join("page.html"), "<p>hi</p>").unwrap();
    std::fs::write(work.join("big.html"), vec![b'x'; 6 * 1024 * 1024]).unwrap();
    let everything: &[&str] = &[
        "--acl",
        "public-read",
        "--sse",
        "--content-disposition",
        "attachment",
        "--content-encoding",
        "identity",
        "--content-language",
        "de",
        "--expires",
        "2026-12-31T00:00:00Z",
        "--website-redirect",
        "/elsewhere",
        "--cache-control",
        "max-age=60",
    ];
    let kms: &[&str] = &[
        "--sse",
        "aws:kms",
        "--sse-kms-key-id",
        "alias/mine",
        "--grants",
        "read=uri=http://acs.amazonaws.com/groups/global/AllUsers",
    ];
    let cases: Vec<(&str, &str, &[&str])> = vec![
        ("page.html", "all", everything),
        ("big.html", "all-multipart", everything),
        ("page.html", "kms", kms),
        ("page.html", "untyped", &["--no-guess-mime-type"]),
        (
            "SRC:all",
            "copied",
            &["--acl", "public-read", "--sse", "AES256"],
        ),
    ];
    for (source, key, options) in cases {
        for tool in ["ours", "theirs"] {
            let source = match source.strip_prefix("SRC:") {
                Some(k) => format!("s3://{bucket}/{tool}-{k}"),
                None => source.to_string(),
            };
            let dest = format!("s3://{bucket}/{tool}-{key}");
            let mut args = vec![
                "s3",
                "cp",
                &source,
                &dest,
                "--no-progress",
                "--endpoint-url",
                &moto,
            ];
            args.extend(options);
            let out = match tool {
                "ours" => ctx.cmd(&args).current_dir(&work).run(),
                _ => ctx.aws_cli(&args).current_dir(&work).run(),
            };
            out.assert_success();
        }
        let ours = described(&ctx, &bucket, &format!("ours-{key}"));
        let theirs = described(&ctx, &bucket, &format!("theirs-{key}"));
        assert_eq!(ours, theirs, "{key} {options:?}");
        if key == "all" {
            let head = &ours.0;
            assert_eq!(head["ServerSideEncryption"], "AES256");
            assert_eq!(head["Expires"], "Thu, 31 Dec 2026 00:00:00 GMT");
            assert_eq!(head["WebsiteRedirectLocation"], "/elsewhere");
            assert!(ours.1.to_string().contains("AllUsers"), "{}", ours.1);
        }
    }
}

#[test]
fn bad_option_values_fail_as_in_the_aws_cli() {
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    std::fs::write(ctx.home().join("a.txt"), "a").unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "s3",
            "cp",
            "a.txt",
            "s3://bkt/a.txt",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ];
        args.extend(extra);
        ctx.cmd(&args).current_dir(ctx.home()).run()
    };
    // As in the CLI: bad grants stop the command, a bad time fails each upload (exit 1).
    let grants = run(&["--grants", "write=id=x"]);
    grants.assert_code(1).assert_stdout("");
    assert_eq!(
        grants.stderr,
        "fatal error: permission must be one of: read|readacl|writeacl|full\n"
    );
    run(&["--grants", "nothing"])
        .assert_code(1)
        .assert_stderr_contains("fatal error: grants should be of the form permission=principal");
    let expires = run(&["--expires", "next tuesday"]);
    expires.assert_code(1);
    assert_output_snapshot!(&ctx, expires.stderr);
    run(&["--sse", "rot13"]).assert_code(252);
    let down = ctx
        .cmd([
            "s3",
            "cp",
            "s3://bkt/a.txt",
            "b.txt",
            "--checksum-algorithm",
            "CRC32C",
        ])
        .current_dir(ctx.home())
        .run();
    down.assert_code(255).assert_stderr_contains(
        "Expected checksum-algorithm parameter to be used with one of following path formats: <LocalPath> <S3Uri>, <S3Uri> <S3Uri>. Instead, received <S3Uri> <LocalPath>.",
    );
}

/// s3s-fs checks whichever checksum header it is sent: a right one passes, and the same
/// upload with its body corrupted in transit is refused, naming the algorithm.
#[test]
fn every_checksum_algorithm_is_verified_by_the_server() {
    let s3s = S3sFs::start();
    std::fs::create_dir(s3s.root().join("bkt")).unwrap();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let body = b"every byte counts\n".repeat(1000);
    std::fs::write(ctx.home().join("a.txt"), &body).unwrap();
    let big: Vec<u8> = (0..11 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
    std::fs::write(ctx.home().join("big.bin"), &big).unwrap();
    for algorithm in ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"] {
        for (file, bytes) in [("a.txt", &body), ("big.bin", &big)] {
            let key = format!("{algorithm}-{file}");
            let out = ctx
                .cmd([
                    "s3",
                    "cp",
                    file,
                    &format!("s3://bkt/{key}"),
                    "--checksum-algorithm",
                    algorithm,
                    "--endpoint-url",
                    &s3s.endpoint(),
                ])
                .current_dir(ctx.home())
                .run();
            out.assert_success();
            assert_eq!(
                &std::fs::read(s3s.root().join("bkt").join(&key)).unwrap(),
                bytes
            );
        }
        let proxy = FaultProxy::start(s3s.port(), vec![Fault::CorruptRequest]);
        let out = ctx
            .cmd([
                "s3",
                "cp",
                "a.txt",
                "s3://bkt/corrupt",
                "--checksum-algorithm",
                algorithm,
                "--endpoint-url",
                &proxy.endpoint(),
            ])
            .current_dir(ctx.home())
            .env("AWS_MAX_ATTEMPTS", "1")
            .run();
        out.assert_code(1).assert_stderr_contains(&format!(
            "(BadDigest) when calling the PutObject operation (reached max retries: 0): checksum_{} mismatch",
            algorithm.to_ascii_lowercase()
        ));
    }
}

/// A stream's parts are cut to the configured size unless `--expected-size` says it is too
/// big for 10,000 of them: 60 GiB expected with 5 MiB parts gives 10 MiB parts, so 20 MiB
/// from stdin go in two parts (moto's ETag counts them) instead of four.
#[test]
fn expected_size_sizes_the_parts_of_a_stream() {
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let moto = Moto::shared().endpoint();
    let bucket = unique_name("expected");
    create_bucket(Moto::shared().port(), &bucket);
    let data = vec![7u8; 20 * 1024 * 1024];
    for (key, extra) in [("plain", None), ("sized", Some("64424509440"))] {
        let dest = format!("s3://{bucket}/{key}");
        let mut args = vec!["s3", "cp", "-", &dest, "--endpoint-url", &moto];
        if let Some(size) = extra {
            args.extend(["--expected-size", size]);
        }
        ctx.cmd(&args).stdin(data.clone()).run().assert_success();
    }
    let etag = |key: &str| {
        let r = http::request(
            Moto::shared().port(),
            "HEAD",
            &format!("/{bucket}/{key}"),
            &[],
            b"",
        )
        .unwrap();
        r.header("etag").unwrap_or_default().to_string()
    };
    assert!(etag("plain").ends_with("-4\""), "{}", etag("plain"));
    assert!(etag("sized").ends_with("-2\""), "{}", etag("sized"));
}

/// `--ignore-glacier-warnings` skips archived objects silently (exit 0), and
/// `--force-glacier-transfer` tries them (moto refuses an unrestored one with
/// InvalidObjectState, a failure: exit 1), side by side with the AWS CLI.
#[test]
fn glacier_flags_match_the_aws_cli() {
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let moto = Moto::shared().endpoint();
    let port = Moto::shared().port();
    let bucket = unique_name("glacierflags");
    create_bucket(port, &bucket);
    put_object(port, &bucket, "d/hot.txt", b"hot");
    let headers = [
        ("Content-Type", "application/octet-stream"),
        ("x-amz-storage-class", "GLACIER"),
    ];
    let r = http::request(
        port,
        "PUT",
        &format!("/{bucket}/d/cold.txt"),
        &headers,
        b"cold",
    )
    .unwrap();
    assert_eq!(r.status, 200);
    for (n, flag) in ["--ignore-glacier-warnings", "--force-glacier-transfer"]
        .iter()
        .enumerate()
    {
        let mut results = Vec::new();
        for tool in ["ours", "theirs"] {
            let dir = ctx.home().join(format!("{tool}{n}"));
            let src = format!("s3://{bucket}/d");
            let args = [
                "s3",
                "cp",
                &src,
                dir.to_str().unwrap(),
                "--recursive",
                flag,
                "--no-progress",
                "--endpoint-url",
                &moto,
            ];
            let out = match tool {
                "ours" => ctx.cmd(args).run(),
                _ => ctx.aws_cli(args).run(),
            };
            let mut files: Vec<String> = std::fs::read_dir(&dir)
                .map(|d| {
                    d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            let mut lines: Vec<String> = out
                .stdout
                .replace(&format!("{tool}{n}"), "DIR")
                .lines()
                .map(String::from)
                .collect();
            lines.sort();
            let stderr = out.stderr.replace(&format!("{tool}{n}"), "DIR");
            results.push((out.code, lines, stderr, files));
        }
        assert_eq!(results[0], results[1], "{flag}");
        let (code, _, stderr, _) = &results[0];
        match n {
            0 => assert_eq!((*code, stderr.as_str()), (0, "")),
            _ => assert!(
                *code == 1 && stderr.contains("InvalidObjectState"),
                "{stderr}"
            ),
        }
    }
}
