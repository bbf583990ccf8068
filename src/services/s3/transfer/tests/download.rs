use std::time::{Duration, SystemTime};

use super::names;
use crate::error::Error;
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::transfer::TransferConfig;
use crate::services::s3::transfer::checksum::crc32_header;
use crate::services::s3::transfer::download::Source;
use crate::services::s3::transfer::testing::{self, AfterCut, FakeS3, Fault, Faulty, data};

/// Objects from 100,000 bytes in ranges of 100,000 (ranged downloads have no minimum part).
fn ranges() -> TransferConfig {
    TransferConfig {
        multipart_threshold: 100_000,
        multipart_chunksize: 100_000,
        max_concurrent_requests: 8,
        parts_per_object: 4,
        ..TransferConfig::default()
    }
}

/// One range at a time, in order, so that the Nth GetObject is the Nth range.
fn one_at_a_time() -> TransferConfig {
    TransferConfig {
        max_concurrent_requests: 1,
        parts_per_object: 1,
        ..ranges()
    }
}

/// A fake holding `b/k` of `len` bytes; the bytes.
fn object(len: usize) -> (FakeS3, Vec<u8>) {
    let fake = FakeS3::with_buckets(&["b"]);
    let bytes = data(len);
    fake.put("b", "k", &bytes, Attributes::default());
    (fake, bytes)
}

fn source(size: usize, crc32: Option<&str>) -> Source<'_> {
    Source {
        bucket: "b",
        key: "k",
        size: size as u64,
        crc32,
        last_modified: None,
    }
}

/// The ranges the GetObject calls asked for.
fn asked(fake: &FakeS3) -> Vec<Option<(u64, u64)>> {
    fake.calls_of("GetObject").iter().map(|c| c.range).collect()
}

#[tokio::test]
async fn a_small_object_is_one_get_checked_and_renamed_into_place() {
    let (fake, bytes) = object(50_000);
    let engine = testing::engine(fake.clone(), ranges());
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("sub/out");
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let from = Source {
        last_modified: Some(time),
        ..source(bytes.len(), None)
    };
    engine.download_file(from, &dest).await.unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), bytes);
    assert_eq!(std::fs::metadata(&dest).unwrap().modified().unwrap(), time);
    assert_eq!(asked(&fake), [None], "the whole object, with its checksum");
    assert_eq!(names(&dir.path().join("sub")), ["out"]);
}

#[tokio::test]
async fn a_large_object_comes_in_ranges_written_at_their_offsets() {
    let (fake, bytes) = object(1_000_007);
    let engine = testing::engine(fake.clone(), ranges());
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out");
    let crc = crc32_header(&bytes);
    engine
        .download_file(source(bytes.len(), Some(&crc)), &dest)
        .await
        .unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), bytes);
    let mut ranges = asked(&fake);
    ranges.sort();
    let expected: Vec<_> = (0..11u64)
        .map(|i| Some((i * 100_000, ((i + 1) * 100_000).min(1_000_007) - 1)))
        .collect();
    assert_eq!(ranges, expected);
    assert_eq!(fake.most_in_flight(), 4, "parts_per_object ranges at once");
    assert_eq!(names(dir.path()), ["out"]);
}

#[tokio::test]
async fn ranges_in_flight_never_exceed_the_request_slots() {
    let (fake, bytes) = object(1_000_000);
    let config = TransferConfig {
        max_concurrent_requests: 2,
        ..ranges()
    };
    let engine = testing::engine(fake.clone(), config);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out");
    engine
        .download_file(source(bytes.len(), None), &dest)
        .await
        .unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), bytes);
    assert_eq!(fake.most_in_flight(), 2);
}

#[tokio::test]
async fn bytes_that_do_not_match_the_stored_crc32_are_refused_and_removed() {
    let (fake, bytes) = object(300_000);
    let engine = testing::engine(fake, ranges());
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out");
    let wrong = crc32_header(b"something else");
    let error = engine
        .download_file(source(bytes.len(), Some(&wrong)), &dest)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("does not match"), "{error}");
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
}

#[tokio::test]
async fn a_failed_range_removes_the_temporary_file() {
    let (fake, bytes) = object(500_000);
    let faulty = Faulty::new(fake).fail("GetObject", 3, Fault::Fatal);
    let engine = testing::engine(faulty, ranges());
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out");
    let error = engine
        .download_file(source(bytes.len(), None), &dest)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Service(e) if e.code == "AccessDenied"),
        "{error}"
    );
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
}

#[tokio::test]
async fn a_cut_range_resumes_from_the_last_byte_written() {
    let (fake, bytes) = object(400_000);
    // The second range (100,000..=199,999) stops after 70,000 bytes; the rest is asked for.
    let cut = Fault::Cut(70_000, AfterCut::Resumed);
    let faulty = Faulty::new(fake.clone()).fail("GetObject", 2, cut);
    let engine = testing::engine(faulty, one_at_a_time());
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out");
    let crc = crc32_header(&bytes);
    engine
        .download_file(source(bytes.len(), Some(&crc)), &dest)
        .await
        .unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), bytes);
    let ranges = asked(&fake);
    assert_eq!(ranges[1], Some((100_000, 199_999)));
    assert_eq!(ranges[2], Some((170_000, 199_999)), "{ranges:?}");
    // No fresh request for the range: four ranges and the rest of one.
    assert_eq!(ranges.len(), 5, "{ranges:?}");
}

#[tokio::test]
async fn a_cut_range_started_again_is_written_again_from_its_start() {
    let (fake, bytes) = object(400_000);
    let cut = Fault::Cut(70_000, AfterCut::Restarted);
    let faulty = Faulty::new(fake.clone()).fail("GetObject", 3, cut);
    let engine = testing::engine(faulty, one_at_a_time());
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out");
    let crc = crc32_header(&bytes);
    engine
        .download_file(source(bytes.len(), Some(&crc)), &dest)
        .await
        .unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), bytes);
    assert_eq!(asked(&fake)[3], Some((200_000, 299_999)));
}

#[tokio::test]
async fn a_small_object_cut_and_resumed_is_whole_and_checked() {
    let (fake, bytes) = object(90_000);
    let cut = Fault::Cut(1_000, AfterCut::Resumed);
    let faulty = Faulty::new(fake.clone()).fail("GetObject", 1, cut);
    let engine = testing::engine(faulty, ranges());
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out");
    engine
        .download_file(source(bytes.len(), None), &dest)
        .await
        .unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), bytes);
    assert_eq!(asked(&fake), [None, Some((1_000, u64::MAX))]);
}

#[tokio::test]
async fn a_stream_gets_the_ranges_in_order() {
    let (fake, bytes) = object(1_000_007);
    let engine = testing::engine(fake.clone(), ranges());
    let mut out = Vec::new();
    engine
        .download_to(source(bytes.len(), None), &mut out)
        .await
        .unwrap();
    assert_eq!(out, bytes);
    assert_eq!(asked(&fake).len(), 11);
    fake.put("b", "s", &bytes[..500], Attributes::default());
    let mut small = Vec::new();
    let whole = Source {
        key: "s",
        ..source(500, None)
    };
    engine.download_to(whole, &mut small).await.unwrap();
    assert_eq!(small, bytes[..500]);
    assert_eq!(asked(&fake)[11], None, "one GetObject of the whole");
}

#[tokio::test]
async fn an_interrupted_download_leaves_no_temporary_file_after_clean_up() {
    let (fake, bytes) = object(1_000_000);
    let engine = testing::engine(fake.clone(), ranges());
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out");
    {
        let download = engine.download_file(source(bytes.len(), None), &dest);
        let mut download = std::pin::pin!(download);
        while fake.calls_of("GetObject").is_empty() {
            assert!(futures_util::poll!(download.as_mut()).is_pending());
        }
    }
    assert_eq!(names(dir.path()).len(), 1, "the temporary file");
    engine.clean_up().await;
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
}
