//! GetObject: an object's bytes, or one byte range of them, with its stored CRC32 when S3 has
//! one for what was asked (whole objects only: ranges come without a checksum), into memory or
//! handed to a sink as they arrive.

use crate::error::Error;
use crate::http::BodySink;
use crate::services::Session;
use crate::services::s3::{S3Request, send_into};

pub const OPERATION: &str = "GetObject";

#[derive(Debug)]
pub struct Object {
    /// Empty when the bytes went to a sink.
    pub body: Vec<u8>,
    /// `x-amz-checksum-crc32` as sent: base64, or `base64-N` for a multipart object's
    /// checksum of its parts' checksums.
    pub crc32: Option<String>,
    pub last_modified: Option<String>,
}

/// The whole object when `range` is `None`, else bytes `first..=last`.
pub async fn call(
    session: &Session<'_>,
    bucket: &str,
    key: &str,
    range: Option<(u64, u64)>,
) -> Result<Object, Error> {
    call_into(session, bucket, key, range, None).await
}

/// As [`call`], the bytes handed to `sink` as they arrive (a cut body is resumed into it).
pub async fn call_into(
    session: &Session<'_>,
    bucket: &str,
    key: &str,
    range: Option<(u64, u64)>,
    sink: Option<&mut dyn BodySink>,
) -> Result<Object, Error> {
    let mut request = S3Request::new(OPERATION, "GET")
        .bucket(bucket)
        .key(key)
        .resumable();
    match range {
        Some((first, last)) => request = request.header("range", format!("bytes={first}-{last}")),
        None => request = request.header("x-amz-checksum-mode", "ENABLED"),
    }
    let response = send_into(session, &request, sink).await?;
    let header = |name| response.header(name).map(str::to_string);
    Ok(Object {
        crc32: crate::services::s3::transfer::checksum::stored_crc32(&response),
        last_modified: header("last-modified"),
        body: response.body,
    })
}
