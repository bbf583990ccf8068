//! UploadPartCopy: one part of a multipart upload copied server-side from a byte range of
//! another object, the way objects over CopyObject's 5 GiB limit are copied.

use super::upload_part::CompletedPart;
use super::{error_in_body, parse_body, text};
use crate::error::Error;
use crate::protocol::rest_xml::encode_path;
use crate::services::Session;
use crate::services::s3::transfer::checksum::Algorithm;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "UploadPartCopy";

/// Where a part's bytes come from.
#[derive(Debug, Clone, Copy)]
pub struct PartSource<'a> {
    pub bucket: &'a str,
    pub key: &'a str,
    /// First and last byte, inclusive, as `x-amz-copy-source-range` says them.
    pub range: (u64, u64),
    /// The source's ETag when the copy started: a source replaced meanwhile fails the part
    /// (PreconditionFailed) instead of mixing two objects' bytes, as s3transfer arranges.
    pub if_match: Option<&'a str>,
}

/// `algorithm` is the one the upload was created with, if any: S3 then returns the part's
/// checksum, which CompleteMultipartUpload must repeat.
pub async fn call(
    session: &Session<'_>,
    source: PartSource<'_>,
    bucket: &str,
    key: &str,
    upload_id: &str,
    number: u32,
    algorithm: Option<Algorithm>,
) -> Result<CompletedPart, Error> {
    let (first, last) = source.range;
    let mut request = S3Request::new(OPERATION, "PUT")
        .bucket(bucket)
        .key(key)
        .query("partNumber", number.to_string())
        .query("uploadId", upload_id)
        .header(
            "x-amz-copy-source",
            format!("{}/{}", source.bucket, encode_path(source.key)),
        )
        .header("x-amz-copy-source-range", format!("bytes={first}-{last}"));
    if let Some(etag) = source.if_match {
        request = request.header("x-amz-copy-source-if-match", etag);
    }
    let response = send(session, &request).await?;
    error_in_body(&response, OPERATION)?;
    let root = parse_body(&response.body)?;
    let etag = text(&root, "ETag")
        .filter(|e| !e.is_empty())
        .ok_or_else(|| Error::InvalidResponse("UploadPartCopy without an ETag".into()))?;
    let algorithm = algorithm.unwrap_or_default();
    Ok(CompletedPart {
        number,
        etag,
        algorithm,
        checksum: text(&root, &algorithm.element()),
    })
}
