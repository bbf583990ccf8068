//! CopyObject: a server-side copy of one object (up to 5 GiB), within or across buckets.

use super::attributes::Attributes;
use crate::error::Error;
use crate::protocol::rest_xml::encode_path;
use crate::services::Session;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "CopyObject";

pub async fn call(
    session: &Session<'_>,
    source_bucket: &str,
    source_key: &str,
    bucket: &str,
    key: &str,
    attributes: &Attributes,
) -> Result<(), Error> {
    let mut request = S3Request::new(OPERATION, "PUT")
        .bucket(bucket)
        .key(key)
        .header(
            "x-amz-copy-source",
            format!("{source_bucket}/{}", encode_path(source_key)),
        );
    if let Some(directive) = attributes.metadata_directive() {
        request = request.header("x-amz-metadata-directive", directive);
    }
    if let Some(algorithm) = attributes.checksum {
        request = request.header("x-amz-checksum-algorithm", algorithm.name());
    }
    let response = send(session, &attributes.apply(request)).await?;
    super::error_in_body(&response, OPERATION)
}
