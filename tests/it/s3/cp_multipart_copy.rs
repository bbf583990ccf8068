//! S3-to-S3 copies at or above `multipart_threshold` go as CreateMultipartUpload +
//! UploadPartCopy + CompleteMultipartUpload (the only way past CopyObject's 5 GiB): against
//! moto side by side with the AWS CLI (same lines, same bytes, a `-N` ETag, the source's
//! content headers and metadata carried over), against s3s-fs, which serves UploadPartCopy
//! too, and behind the fault proxy: a failed part copy aborts the upload.

use crate::common;

use common::fault_proxy::{Fault, FaultProxy, header, on_matching};
use common::http;
use common::s3_faults::{BOOM, bucket, fault_context, s3, uploads_in_progress};
use common::s3_fixtures::{list_keys, put_object};
use common::{Moto, S3sFs, TestContext};

const MIB: usize = 1024 * 1024;
/// 5 MiB parts: 12 MiB is three of them, the last one short.
const S3: &[(&str, &str)] = &[
    ("multipart_threshold", "5MB"),
    ("multipart_chunksize", "5MB"),
];

/// Bytes that differ at every offset, so that a misplaced range shows.
fn data(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i % 251) as u8 ^ (i / 251) as u8)
        .collect()
}

/// A 12 MiB object with a content type, cache control and user metadata, straight to moto.
fn source_object(b: &str) -> Vec<u8> {
    let body = data(12 * MIB);
    let r = http::request(
        Moto::shared().port(),
        "PUT",
        &format!("/{b}/src/big.bin"),
        &[
            ("Content-Type", "image/png"),
            ("Cache-Control", "max-age=60"),
            ("x-amz-meta-colour", "blue"),
        ],
        &body,
    )
    .unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    body
}

/// `s3api head-object` through the AWS CLI: what it reports of the copy.
fn head(ctx: &TestContext, b: &str, key: &str) -> serde_json::Value {
    let out = ctx
        .aws_cli([
            "s3api",
            "head-object",
            "--bucket",
            b,
            "--key",
            key,
            "--endpoint-url",
            &Moto::shared().endpoint(),
        ])
        .run();
    out.assert_success();
    out.json()
}

fn body(b: &str, key: &str) -> Vec<u8> {
    let r = http::get(Moto::shared().port(), &format!("/{b}/{key}"));
    assert_eq!(r.status, 200);
    r.body
}

#[test]
fn a_large_copy_goes_in_parts_like_the_clis() {
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let b = bucket("mpcopy");
    let bytes = source_object(&b);
    let endpoint = Moto::shared().endpoint();
    let ours = ctx
        .cmd(s3(
            &endpoint,
            &[
                "cp",
                &format!("s3://{b}/src/big.bin"),
                &format!("s3://{b}/ours.bin"),
            ],
        ))
        .run();
    let theirs = ctx
        .aws_cli(s3(
            &endpoint,
            &[
                "cp",
                &format!("s3://{b}/src/big.bin"),
                &format!("s3://{b}/theirs.bin"),
            ],
        ))
        .run();
    ours.assert_success();
    theirs.assert_success();
    assert_output_snapshot!(&ctx, ours.stdout);
    // The CLI v1 prints progress even when piped; its result line follows the last `\r`.
    let result_line = theirs.stdout.rsplit('\r').next().unwrap();
    assert_eq!(ours.stdout.replace("ours", "theirs"), result_line);
    assert_eq!(ours.stderr, "");
    assert!(body(&b, "ours.bin") == bytes, "the copy's bytes differ");
    assert!(body(&b, "theirs.bin") == bytes);

    let (mine, oracle) = (head(&ctx, &b, "ours.bin"), head(&ctx, &b, "theirs.bin"));
    // Three parts, both ways.
    assert!(mine["ETag"].as_str().unwrap().ends_with("-3\""), "{mine}");
    assert!(
        oracle["ETag"].as_str().unwrap().ends_with("-3\""),
        "{oracle}"
    );
    assert_eq!(mine["ContentLength"], 12 * MIB);
    // The source's content headers and metadata are carried over (the CLI v2's
    // `--copy-props default`).
    assert_eq!(mine["ContentType"], "image/png");
    assert_eq!(mine["CacheControl"], "max-age=60");
    assert_eq!(mine["Metadata"], serde_json::json!({"colour": "blue"}));
    // The oracle is the CLI v1, which carries nothing over in a multipart copy but a content
    // type guessed from the key: v2 fixed that, and awsctl follows v2.
    assert_eq!(
        oracle["ContentType"], "application/octet-stream",
        "{oracle}"
    );
    assert_eq!(oracle["Metadata"], serde_json::json!({}), "{oracle}");
}

#[test]
fn what_the_user_sets_replaces_the_sources_and_recursive_copies_go_in_parts_too() {
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let b = bucket("mprec");
    let bytes = source_object(&b);
    let endpoint = Moto::shared().endpoint();
    let out = ctx
        .cmd(s3(
            &endpoint,
            &[
                "cp",
                &format!("s3://{b}/src/big.bin"),
                &format!("s3://{b}/typed.bin"),
                "--content-type",
                "text/plain",
            ],
        ))
        .run();
    out.assert_success();
    let typed = head(&ctx, &b, "typed.bin");
    assert_eq!(typed["ContentType"], "text/plain");
    assert_eq!(typed["CacheControl"], "max-age=60");
    assert_eq!(typed["Metadata"], serde_json::json!({"colour": "blue"}));

    // A recursive copy knows the size from the listing.
    let args = [
        "cp",
        &format!("s3://{b}/src/"),
        &format!("s3://{b}/ours/"),
        "--recursive",
    ];
    let ours = ctx.cmd(s3(&endpoint, &args)).run();
    ours.assert_success();
    assert_output_snapshot!(&ctx, ours.stdout);
    let copied = head(&ctx, &b, "ours/big.bin");
    assert!(
        copied["ETag"].as_str().unwrap().ends_with("-3\""),
        "{copied}"
    );
    assert_eq!(copied["Metadata"], serde_json::json!({"colour": "blue"}));
    assert!(body(&b, "ours/big.bin") == bytes);
}

#[test]
fn s3s_fs_serves_upload_part_copy() {
    let s3s = S3sFs::start();
    std::fs::create_dir(s3s.root().join("bkt")).unwrap();
    let bytes = data(11 * MIB + 17);
    std::fs::write(s3s.root().join("bkt").join("src.bin"), &bytes).unwrap();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let out = ctx
        .cmd(s3(
            &s3s.endpoint(),
            &["mv", "s3://bkt/src.bin", "s3://bkt/dst.bin"],
        ))
        .run();
    out.assert_success()
        .assert_stdout("move: s3://bkt/src.bin to s3://bkt/dst.bin\n");
    assert!(std::fs::read(s3s.root().join("bkt").join("dst.bin")).unwrap() == bytes);
    assert!(
        !s3s.root().join("bkt").join("src.bin").exists(),
        "mv leaves the source"
    );
}

#[test]
fn a_failed_part_copy_is_aborted() {
    let ctx = fault_context(1);
    let b = bucket("mpabort");
    let port = Moto::shared().port();
    put_object(port, &b, "big.bin", &data(11 * MIB));
    let boom = Fault::Respond(500, BOOM.into());
    let proxy = FaultProxy::scheduled(port, on_matching("partNumber=2", boom, usize::MAX));
    let args = [
        "cp",
        &format!("s3://{b}/big.bin"),
        &format!("s3://{b}/copy.bin"),
    ];
    let out = ctx.cmd(s3(&proxy.endpoint(), &args)).run();
    out.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    let heads = proxy.heads();
    let (first, _) = heads
        .iter()
        .find(|(h, _)| h[0].contains("partNumber=1&"))
        .expect("a first part copy");
    assert_eq!(
        header(first, "x-amz-copy-source-range"),
        Some("bytes=0-5242879")
    );
    assert_eq!(
        header(first, "x-amz-copy-source"),
        Some(&*format!("{b}/big.bin"))
    );
    // Pinned to the version read first, as s3transfer pins it.
    let listing = http::get(port, &format!("/{b}?list-type=2")).text();
    let etag = http::xml_text(&listing, "ETag").unwrap();
    assert_eq!(header(first, "x-amz-copy-source-if-match"), Some(&*etag));
    assert!(
        heads.last().unwrap().0[0].starts_with("DELETE "),
        "the upload is aborted"
    );
    assert_eq!(uploads_in_progress(&b), 0);
    assert_eq!(list_keys(port, &b), vec!["big.bin".to_string()]);
}
