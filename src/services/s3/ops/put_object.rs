//! PutObject: one object in one request (bytes, or a file read as it is sent), its checksum
//! (CRC32 unless asked otherwise, computed by the caller) in a header; the payload is not
//! signed.

use super::attributes::Attributes;
use crate::error::Error;
use crate::http::Body;
use crate::services::Session;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "PutObject";

pub async fn call(
    session: &Session<'_>,
    bucket: &str,
    key: &str,
    body: Body,
    attributes: &Attributes,
    checksum: &str,
) -> Result<(), Error> {
    let algorithm = attributes.checksum.unwrap_or_default();
    let request = S3Request::new(OPERATION, "PUT")
        .bucket(bucket)
        .key(key)
        .header("x-amz-sdk-checksum-algorithm", algorithm.name())
        .header(&algorithm.header(), checksum)
        .unsigned_body(body);
    send(session, &attributes.apply(request)).await?;
    Ok(())
}
