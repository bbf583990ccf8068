//! What the S3 fault tests share: moto behind the fault proxy, a profile with small parts
//! sent one at a time, and the checks that nothing is left half-done.

use super::fault_proxy::FaultProxy;
use super::http;
use super::s3_fixtures::create_bucket;
use super::{Moto, TestContext, unique_name};

/// `s3 ARGS --endpoint-url ENDPOINT`.
pub fn s3(endpoint: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["s3".to_string()];
    all.extend(args.iter().map(|s| s.to_string()));
    all.extend(["--endpoint-url".into(), endpoint.into()]);
    all
}

/// A new bucket on the shared moto.
pub fn bucket(prefix: &str) -> String {
    let name = unique_name(prefix);
    create_bucket(Moto::shared().port(), &name);
    name
}

/// A profile for the fault tests: 5 MiB parts one at a time, and `attempts` tries a request;
/// `big.bin` in HOME holds 11 MiB of sevens.
pub fn fault_context(attempts: u32) -> TestContext {
    TestContext::builder()
        .example_credentials()
        .setting("max_attempts", &attempts.to_string())
        .s3_settings(&[
            ("multipart_threshold", "5MB"),
            ("multipart_chunksize", "5MB"),
            ("max_concurrent_requests", "1"),
        ])
        .file("big.bin", vec![7u8; 11 * 1024 * 1024])
        .build()
}

pub const BOOM: &str = "<Error><Code>InternalError</Code><Message>boom</Message></Error>";

/// ListMultipartUploads on moto: how many uploads are still open in the bucket.
pub fn uploads_in_progress(bucket: &str) -> usize {
    let r = http::get(Moto::shared().port(), &format!("/{bucket}?uploads"));
    assert_eq!(r.status, 200, "{}", r.text());
    r.text().matches("<UploadId>").count()
}

/// The request lines of the UploadPart requests the proxy saw, in order.
pub fn part_requests(proxy: &FaultProxy) -> Vec<String> {
    proxy
        .requests()
        .into_iter()
        .map(|(line, _)| line)
        .filter(|l| l.contains("partNumber="))
        .collect()
}
