//! CompleteMultipartUpload: assembles the parts, listed in order with their checksums.

use super::upload_part::CompletedPart;
use crate::error::Error;
use crate::protocol::rest_xml::escape;
use crate::services::Session;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "CompleteMultipartUpload";

pub async fn call(
    session: &Session<'_>,
    bucket: &str,
    key: &str,
    upload_id: &str,
    parts: &[CompletedPart],
) -> Result<(), Error> {
    let request = S3Request::new(OPERATION, "POST")
        .bucket(bucket)
        .key(key)
        .query("uploadId", upload_id)
        .header("content-type", "application/xml")
        .body(body(parts));
    let response = send(session, &request).await?;
    super::error_in_body(&response, OPERATION)
}

fn body(parts: &[CompletedPart]) -> Vec<u8> {
    let mut out =
        String::from("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    for part in parts {
        out.push_str("<Part>");
        if let Some(checksum) = &part.checksum {
            let element = part.algorithm.element();
            out.push_str(&format!("<{element}>{}</{element}>", escape(checksum)));
        }
        out.push_str(&format!(
            "<ETag>{}</ETag><PartNumber>{}</PartNumber></Part>",
            escape(&part.etag),
            part.number
        ));
    }
    out.push_str("</CompleteMultipartUpload>");
    out.into_bytes()
}
