//! CreateMultipartUpload: starts an upload, whose parts carry checksums of `checksum`'s
//! algorithm when one is given.

use super::attributes::Attributes;
use super::{parse_body, text};
use crate::error::Error;
use crate::services::Session;
use crate::services::s3::transfer::checksum::Algorithm;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "CreateMultipartUpload";

/// The new upload's id.
pub async fn call(
    session: &Session<'_>,
    bucket: &str,
    key: &str,
    attributes: &Attributes,
    checksum: Option<Algorithm>,
) -> Result<String, Error> {
    let mut request = S3Request::new(OPERATION, "POST")
        .bucket(bucket)
        .key(key)
        .query("uploads", "");
    if let Some(algorithm) = checksum {
        request = request.header("x-amz-checksum-algorithm", algorithm.name());
    }
    let response = send(session, &attributes.apply(request)).await?;
    let root = parse_body(&response.body)?;
    text(&root, "UploadId")
        .filter(|id| !id.is_empty())
        .ok_or_else(|| Error::InvalidResponse("CreateMultipartUpload without an UploadId".into()))
}
