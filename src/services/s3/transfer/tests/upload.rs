use super::{crc32_of_parts, file};
use crate::error::Error;
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::transfer::TransferConfig;
use crate::services::s3::transfer::checksum::crc32_header;
use crate::services::s3::transfer::config::MIN_PART;
use crate::services::s3::transfer::testing::{self, FakeS3, Fault, Faulty, data, small_parts};
use crate::services::s3::transfer::upload::Target;

const MIN: usize = MIN_PART as usize;

fn to<'a>(key: &'a str, attributes: &'a Attributes) -> Target<'a> {
    Target {
        bucket: "b",
        key,
        attributes,
    }
}

fn operations(fake: &FakeS3) -> Vec<&'static str> {
    fake.calls().iter().map(|c| c.operation).collect()
}

#[tokio::test]
async fn a_small_file_is_one_put_object_read_from_the_file() {
    let fake = FakeS3::with_buckets(&["b"]);
    let engine = testing::engine(fake.clone(), small_parts());
    let dir = tempfile::tempdir().unwrap();
    let bytes = data(100_000);
    let path = file(dir.path(), "f", &bytes);
    let attributes = Attributes {
        content_type: Some("text/plain".into()),
        ..Attributes::default()
    };
    engine
        .upload_file(&path, to("k", &attributes))
        .await
        .unwrap();
    let object = fake.object("b", "k").unwrap();
    assert_eq!(object.data, bytes);
    assert_eq!(object.crc32(), Some(crc32_header(&bytes)));
    assert_eq!(
        object.attributes.content_type.as_deref(),
        Some("text/plain")
    );
    assert_eq!(operations(&fake), ["PutObject"]);
    assert!(fake.calls()[0].from_file, "the body is read from the file");
    assert_eq!(engine.progress.figures().bytes_done, 100_000);
}

#[tokio::test]
async fn a_large_file_goes_in_parts_read_from_the_file_when_sent() {
    let fake = FakeS3::with_buckets(&["b"]);
    let engine = testing::engine(fake.clone(), small_parts());
    let dir = tempfile::tempdir().unwrap();
    let bytes = data(2 * MIN + 12_345);
    let path = file(dir.path(), "f", &bytes);
    engine
        .upload_file(&path, to("k", &Attributes::default()))
        .await
        .unwrap();
    let object = fake.object("b", "k").unwrap();
    assert_eq!(object.data, bytes);
    assert!(object.etag.ends_with("-3\""), "{}", object.etag);
    let parts = [&bytes[..MIN], &bytes[MIN..2 * MIN], &bytes[2 * MIN..]];
    assert_eq!(object.crc32(), Some(crc32_of_parts(&parts)));
    let uploads = fake.calls_of("UploadPart");
    let mut numbers: Vec<u32> = uploads.iter().filter_map(|c| c.part).collect();
    numbers.sort();
    assert_eq!(numbers, [1, 2, 3]);
    assert!(
        uploads.iter().all(|c| c.from_file),
        "no part held in memory"
    );
    assert_eq!(fake.calls_of("CreateMultipartUpload").len(), 1);
    assert_eq!(fake.calls_of("CompleteMultipartUpload").len(), 1);
    assert!(fake.calls_of("AbortMultipartUpload").is_empty());
    assert!(fake.open_uploads().is_empty());
}

#[tokio::test]
async fn a_failed_part_aborts_the_upload_and_leaves_nothing_behind() {
    let fake = FakeS3::with_buckets(&["b"]);
    let faulty = Faulty::new(fake.clone()).fail("UploadPart", 2, Fault::Fatal);
    let config = TransferConfig {
        max_concurrent_requests: 1,
        parts_per_object: 1,
        ..small_parts()
    };
    let engine = testing::engine(faulty.clone(), config);
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "f", &data(2 * MIN + 1));
    let error = engine
        .upload_file(&path, to("k", &Attributes::default()))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Service(e) if e.code == "AccessDenied"),
        "{error}"
    );
    // The refused part is not asked again, and no part follows it.
    assert_eq!(faulty.calls("UploadPart"), 2);
    assert_eq!(fake.calls_of("AbortMultipartUpload").len(), 1);
    assert!(fake.open_uploads().is_empty(), "the upload was aborted");
    assert!(fake.object("b", "k").is_none());
}

#[tokio::test]
async fn parts_in_flight_never_exceed_the_request_slots() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "f", &data(2 * MIN + 1));
    for (slots, expected) in [(2, 2), (8, 3)] {
        let fake = FakeS3::with_buckets(&["b"]);
        let config = TransferConfig {
            max_concurrent_requests: slots,
            parts_per_object: 3,
            ..small_parts()
        };
        let engine = testing::engine(fake.clone(), config);
        engine
            .upload_file(&path, to("k", &Attributes::default()))
            .await
            .unwrap();
        // With slots to spare, `parts_per_object` (3) is the bound.
        assert_eq!(fake.most_in_flight(), expected, "{slots} slots");
    }
}

#[tokio::test]
async fn a_stream_goes_in_parts_of_the_chunk_size_and_a_short_one_in_one_put() {
    let fake = FakeS3::with_buckets(&["b"]);
    let engine = testing::engine(fake.clone(), small_parts());
    let bytes = data(2 * MIN + 7);
    let mut reader = &bytes[..];
    engine
        .upload_stream(&mut reader, to("big", &Attributes::default()), None)
        .await
        .unwrap();
    assert_eq!(fake.object("b", "big").unwrap().data, bytes);
    let parts = fake.calls_of("UploadPart");
    assert_eq!(parts.len(), 3);
    assert!(parts.iter().all(|c| !c.from_file));
    let mut short = &bytes[..1000];
    engine
        .upload_stream(&mut short, to("small", &Attributes::default()), None)
        .await
        .unwrap();
    assert_eq!(fake.object("b", "small").unwrap().data, bytes[..1000]);
    assert_eq!(fake.calls_of("PutObject").len(), 1);
}

#[tokio::test]
async fn a_completion_whose_answer_was_lost_is_recognised_as_this_upload() {
    let fake = FakeS3::with_buckets(&["b"]);
    let faulty = Faulty::new(fake.clone()).fail("CompleteMultipartUpload", 1, Fault::AnswerLost);
    let engine = testing::engine(faulty.clone(), small_parts());
    let dir = tempfile::tempdir().unwrap();
    let bytes = data(MIN + 10);
    let path = file(dir.path(), "f", &bytes);
    engine
        .upload_file(&path, to("k", &Attributes::default()))
        .await
        .unwrap();
    assert_eq!(fake.object("b", "k").unwrap().data, bytes);
    // The second try met NoSuchUpload; HeadObject found the object these parts make.
    assert_eq!(faulty.calls("CompleteMultipartUpload"), 2);
    assert_eq!(fake.calls_of("HeadObject").len(), 1);
    assert!(fake.calls_of("AbortMultipartUpload").is_empty());
}

#[tokio::test]
async fn an_interrupted_upload_is_aborted_by_clean_up() {
    let fake = FakeS3::with_buckets(&["b"]);
    let engine = testing::engine(fake.clone(), small_parts());
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "f", &data(2 * MIN));
    let attributes = Attributes::default();
    {
        let upload = engine.upload_file(&path, to("k", &attributes));
        let mut upload = std::pin::pin!(upload);
        while fake.calls_of("UploadPart").is_empty() {
            assert!(futures_util::poll!(upload.as_mut()).is_pending());
        }
        // Dropped here with parts in flight, as Ctrl-C drops it.
    }
    assert_eq!(fake.open_uploads().len(), 1);
    engine.clean_up().await;
    assert!(fake.open_uploads().is_empty());
    assert!(fake.object("b", "k").is_none());
}
