//! UploadPart: one part of a multipart upload (bytes, or a range of a file read as it is sent),
//! its checksum in a header (payload unsigned).

use crate::error::Error;
use crate::http::Body;
use crate::services::Session;
use crate::services::s3::transfer::checksum::Algorithm;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "UploadPart";

/// What CompleteMultipartUpload needs to hear about a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletedPart {
    pub number: u32,
    pub etag: String,
    pub algorithm: Algorithm,
    /// The part's checksum, as its header carried it (or, for a copied part, as S3 computed
    /// it; none when the upload was created without a checksum algorithm).
    pub checksum: Option<String>,
}

pub async fn call(
    session: &Session<'_>,
    bucket: &str,
    key: &str,
    upload_id: &str,
    number: u32,
    body: Body,
    (algorithm, checksum): (Algorithm, String),
) -> Result<CompletedPart, Error> {
    let request = S3Request::new(OPERATION, "PUT")
        .bucket(bucket)
        .key(key)
        .query("partNumber", number.to_string())
        .query("uploadId", upload_id)
        .header("x-amz-sdk-checksum-algorithm", algorithm.name())
        .header(&algorithm.header(), checksum.clone())
        .unsigned_body(body);
    let response = send(session, &request).await?;
    let etag = response
        .header("etag")
        .ok_or_else(|| Error::InvalidResponse("UploadPart without an ETag".into()))?
        .to_string();
    Ok(CompletedPart {
        number,
        etag,
        algorithm,
        checksum: Some(checksum),
    })
}
