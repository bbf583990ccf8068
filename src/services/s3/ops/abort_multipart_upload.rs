//! AbortMultipartUpload: discards an unfinished upload and the parts stored for it.

use crate::error::Error;
use crate::services::Session;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "AbortMultipartUpload";

pub async fn call(
    session: &Session<'_>,
    bucket: &str,
    key: &str,
    upload_id: &str,
) -> Result<(), Error> {
    let request = S3Request::new(OPERATION, "DELETE")
        .bucket(bucket)
        .key(key)
        .query("uploadId", upload_id);
    send(session, &request).await?;
    Ok(())
}
