//! HeadObject: an object's size, modification time, content headers and user metadata
//! without its body.

use super::attributes::Attributes;
use crate::error::Error;
use crate::services::Session;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "HeadObject";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub content_length: u64,
    /// The `Last-Modified` header as sent (RFC 7231 date).
    pub last_modified: Option<String>,
    pub etag: Option<String>,
    /// `x-amz-checksum-crc32` (asked for with `x-amz-checksum-mode: ENABLED`): base64 of the
    /// object's CRC32, or `base64-N` for a multipart object's checksum of checksums.
    pub crc32: Option<String>,
    pub storage_class: Option<String>,
    /// Whether an archived object has a restored copy to read (`x-amz-restore` says the
    /// restore is no longer ongoing).
    pub restored: bool,
    /// The content headers and user metadata, which a multipart copy must carry over itself
    /// (CopyObject copies them server-side; CreateMultipartUpload starts from nothing).
    pub content: Attributes,
}

pub async fn call(
    session: &Session<'_>,
    bucket: &str,
    key: &str,
    request_payer: Option<&str>,
) -> Result<Head, Error> {
    let request = S3Request::new(OPERATION, "HEAD")
        .bucket(bucket)
        .key(key)
        .header("x-amz-checksum-mode", "ENABLED")
        .request_payer(request_payer);
    let response = send(session, &request).await?;
    let header = |name| response.header(name).map(str::to_string);
    Ok(Head {
        content_length: header("content-length")
            .and_then(|l| l.parse().ok())
            .unwrap_or(0),
        last_modified: header("last-modified"),
        etag: header("etag"),
        crc32: crate::services::s3::transfer::checksum::stored_crc32(&response),
        storage_class: header("x-amz-storage-class"),
        restored: header("x-amz-restore").is_some_and(|r| r.contains("ongoing-request=\"false\"")),
        content: Attributes {
            content_type: header("content-type"),
            cache_control: header("cache-control"),
            content_disposition: header("content-disposition"),
            content_encoding: header("content-encoding"),
            content_language: header("content-language"),
            expires: header("expires"),
            metadata: response
                .headers
                .iter()
                .filter_map(|(name, value)| {
                    let name = name.as_str().strip_prefix("x-amz-meta-")?;
                    Some((name.to_string(), value.to_str().ok()?.to_string()))
                })
                .collect(),
            ..Attributes::default()
        },
    })
}
