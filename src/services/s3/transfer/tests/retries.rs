//! Transfer-level retries: a part, a range or a small object whose request failed for a
//! transient reason is asked for again with a fresh request, and the bytes that arrive are
//! the same as without the failure.

use super::file;
use crate::error::Error;
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::transfer::TransferConfig;
use crate::services::s3::transfer::checksum::crc32_header;
use crate::services::s3::transfer::config::MIN_PART;
use crate::services::s3::transfer::download::Source;
use crate::services::s3::transfer::retry::TRANSFER_ATTEMPTS;
use crate::services::s3::transfer::testing::{
    self, AfterCut, FakeS3, Fault, Faulty, data, small_parts,
};
use crate::services::s3::transfer::upload::Target;

const MIN: usize = MIN_PART as usize;

fn to(attributes: &Attributes) -> Target<'_> {
    Target {
        bucket: "b",
        key: "k",
        attributes,
    }
}

#[tokio::test]
async fn failed_parts_are_sent_again_and_the_object_is_the_file() {
    let fake = FakeS3::with_buckets(&["b"]);
    let faulty = Faulty::new(fake.clone())
        .fail("CreateMultipartUpload", 1, Fault::Retryable)
        .fail("UploadPart", 2, Fault::Retryable)
        .fail("UploadPart", 3, Fault::AnswerLost);
    let engine = testing::engine(faulty.clone(), small_parts());
    let dir = tempfile::tempdir().unwrap();
    let bytes = data(3 * MIN + 99);
    let path = file(dir.path(), "f", &bytes);
    engine
        .upload_file(&path, to(&Attributes::default()))
        .await
        .unwrap();
    assert_eq!(fake.object("b", "k").unwrap().data, bytes);
    assert_eq!(faulty.calls("CreateMultipartUpload"), 2);
    assert_eq!(faulty.calls("UploadPart"), 6);
    // The lost answer's part reached S3 twice; the refused one once.
    assert_eq!(fake.calls_of("UploadPart").len(), 5);
    assert!(fake.open_uploads().is_empty());
    assert_eq!(engine.progress.figures().bytes_done, bytes.len() as u64);
}

#[tokio::test]
async fn a_failed_put_is_sent_again() {
    let fake = FakeS3::with_buckets(&["b"]);
    let faulty = Faulty::new(fake.clone())
        .fail("PutObject", 1, Fault::Retryable)
        .fail("PutObject", 2, Fault::AnswerLost);
    let engine = testing::engine(faulty.clone(), small_parts());
    let dir = tempfile::tempdir().unwrap();
    let bytes = data(4096);
    let path = file(dir.path(), "f", &bytes);
    engine
        .upload_file(&path, to(&Attributes::default()))
        .await
        .unwrap();
    assert_eq!(fake.object("b", "k").unwrap().data, bytes);
    assert_eq!(faulty.calls("PutObject"), 3);
}

#[tokio::test]
async fn failed_and_cut_ranges_are_asked_again_and_the_file_is_the_object() {
    let fake = FakeS3::with_buckets(&["b"]);
    let bytes = data(1_000_000);
    fake.put("b", "k", &bytes, Attributes::default());
    let faulty = Faulty::new(fake.clone())
        .fail("GetObject", 1, Fault::Retryable)
        .fail("GetObject", 4, Fault::Cut(5_000, AfterCut::Broken))
        .fail("GetObject", 6, Fault::AnswerLost);
    let config = TransferConfig {
        multipart_threshold: 100_000,
        multipart_chunksize: 100_000,
        ..small_parts()
    };
    let engine = testing::engine(faulty.clone(), config);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out");
    let crc = crc32_header(&bytes);
    let source = Source {
        bucket: "b",
        key: "k",
        size: bytes.len() as u64,
        crc32: Some(&crc),
        last_modified: None,
    };
    engine.download_file(source, &dest).await.unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), bytes);
    assert_eq!(
        faulty.calls("GetObject"),
        13,
        "10 ranges and 3 fresh requests"
    );
    let mut out = Vec::new();
    let faulty = faulty.fail("GetObject", 15, Fault::Cut(99_999, AfterCut::Broken));
    let engine = testing::engine(faulty, config);
    engine.download_to(source, &mut out).await.unwrap();
    assert_eq!(out, bytes, "to a stream too");
}

#[tokio::test]
async fn a_part_that_keeps_failing_ends_the_upload_after_transfer_attempts() {
    let fake = FakeS3::with_buckets(&["b"]);
    let faulty = Faulty::new(fake.clone()).fail_every("UploadPart", Fault::Retryable);
    let config = TransferConfig {
        max_concurrent_requests: 1,
        parts_per_object: 1,
        ..small_parts()
    };
    let engine = testing::engine(faulty.clone(), config);
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "f", &data(2 * MIN));
    let error = engine
        .upload_file(&path, to(&Attributes::default()))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Service(e) if e.code == "SlowDown"),
        "{error}"
    );
    assert_eq!(faulty.calls("UploadPart"), TRANSFER_ATTEMPTS);
    assert!(fake.open_uploads().is_empty(), "aborted");
}
