use crate::error::Error;
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::transfer::TransferConfig;
use crate::services::s3::transfer::config::MIN_PART;
use crate::services::s3::transfer::copy::CopySource;
use crate::services::s3::transfer::testing::{self, FakeS3, Fault, Faulty, data, small_parts};
use crate::services::s3::transfer::upload::Target;

const MIN: u64 = MIN_PART;

/// A fake with `src/k` (`len` bytes, a content type and metadata) and an empty `dst`.
fn source_object(len: u64) -> (FakeS3, Vec<u8>) {
    let fake = FakeS3::with_buckets(&["src", "dst"]);
    let bytes = data(len as usize);
    let attributes = Attributes {
        content_type: Some("image/png".into()),
        metadata: vec![("origin".into(), "camera".into())],
        ..Attributes::default()
    };
    fake.put("src", "k", &bytes, attributes);
    (fake, bytes)
}

fn from(size: u64) -> CopySource<'static> {
    CopySource {
        bucket: "src",
        key: "k",
        size,
    }
}

fn to(attributes: &Attributes) -> Target<'_> {
    Target {
        bucket: "dst",
        key: "copy",
        attributes,
    }
}

#[tokio::test]
async fn a_small_copy_is_one_copy_object_and_no_bytes_pass_here() {
    let (fake, bytes) = source_object(1000);
    let engine = testing::engine(fake.clone(), small_parts());
    engine
        .copy(from(1000), to(&Attributes::default()))
        .await
        .unwrap();
    let copy = fake.object("dst", "copy").unwrap();
    assert_eq!(copy.data, bytes);
    assert_eq!(copy.attributes.content_type.as_deref(), Some("image/png"));
    let operations: Vec<_> = fake.calls().iter().map(|c| c.operation).collect();
    assert_eq!(operations, ["CopyObject"]);
    assert_eq!(engine.progress.figures().bytes_done, 1000);
}

#[tokio::test]
async fn a_large_copy_is_a_multipart_upload_of_copied_ranges_carrying_the_metadata() {
    let size = 2 * MIN + 5;
    let (fake, bytes) = source_object(size);
    let engine = testing::engine(fake.clone(), small_parts());
    let mine = Attributes {
        cache_control: Some("no-cache".into()),
        ..Attributes::default()
    };
    engine.copy(from(size), to(&mine)).await.unwrap();
    let copy = fake.object("dst", "copy").unwrap();
    assert_eq!(copy.data, bytes);
    assert!(copy.etag.ends_with("-3\""), "{}", copy.etag);
    // CreateMultipartUpload starts from nothing: the source's headers are sent again.
    assert_eq!(copy.attributes.content_type.as_deref(), Some("image/png"));
    assert_eq!(copy.attributes.cache_control.as_deref(), Some("no-cache"));
    let metadata = vec![("origin".to_string(), "camera".to_string())];
    assert_eq!(copy.attributes.metadata, metadata);
    let parts = fake.calls_of("UploadPartCopy");
    assert!(parts.iter().all(|c| c.key == "copy"), "{parts:?}");
    let mut ranges: Vec<_> = parts.iter().map(|c| c.range.unwrap()).collect();
    ranges.sort();
    assert_eq!(
        ranges,
        [(0, MIN - 1), (MIN, 2 * MIN - 1), (2 * MIN, size - 1)]
    );
    assert_eq!(fake.calls_of("HeadObject").len(), 1);
    assert!(fake.calls_of("GetObject").is_empty() && fake.calls_of("UploadPart").is_empty());
    assert!(fake.open_uploads().is_empty());
}

#[tokio::test]
async fn a_failed_part_copy_aborts_the_copy() {
    let size = 3 * MIN;
    let (fake, _) = source_object(size);
    let faulty = Faulty::new(fake.clone()).fail("UploadPartCopy", 2, Fault::Fatal);
    let config = TransferConfig {
        max_concurrent_requests: 1,
        ..small_parts()
    };
    let engine = testing::engine(faulty, config);
    let error = engine
        .copy(from(size), to(&Attributes::default()))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Service(e) if e.code == "AccessDenied"),
        "{error}"
    );
    assert_eq!(fake.calls_of("AbortMultipartUpload").len(), 1);
    assert!(fake.open_uploads().is_empty());
    assert!(fake.object("dst", "copy").is_none());
}

#[tokio::test]
async fn a_copy_of_a_missing_source_fails_before_any_upload() {
    let fake = FakeS3::with_buckets(&["src", "dst"]);
    let engine = testing::engine(fake.clone(), small_parts());
    let error = engine
        .copy(from(3 * MIN), to(&Attributes::default()))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Service(e) if e.status == 404),
        "{error}"
    );
    assert!(fake.calls_of("CreateMultipartUpload").is_empty());
}

#[tokio::test]
async fn a_source_replaced_during_a_multipart_copy_fails_it_and_is_not_mixed_in() {
    let size = 2 * MIN + 5;
    let (fake, _) = source_object(size);
    let engine = testing::engine(fake.clone(), small_parts());
    let attributes = Attributes::default();
    let copy = engine.copy(from(size), to(&attributes));
    let mut copy = std::pin::pin!(copy);
    // HeadObject has read the source's ETag once the upload is being created.
    while fake.calls_of("CreateMultipartUpload").is_empty() {
        assert!(futures_util::poll!(copy.as_mut()).is_pending());
    }
    fake.put("src", "k", &data(size as usize + 1), Attributes::default());
    let error = copy.await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "Contents of stored object \"k\" in bucket \"src\" did not match expected ETag."
    );
    assert!(fake.open_uploads().is_empty(), "aborted");
    assert!(fake.object("dst", "copy").is_none());
}
