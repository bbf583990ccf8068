//! DeleteObject: removes one key (idempotent: a missing key is not an error).

use crate::error::Error;
use crate::services::Session;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "DeleteObject";

pub async fn call(
    session: &Session<'_>,
    bucket: &str,
    key: &str,
    request_payer: Option<&str>,
) -> Result<(), Error> {
    let request = S3Request::new(OPERATION, "DELETE")
        .bucket(bucket)
        .key(key)
        .request_payer(request_payer);
    send(session, &request).await?;
    Ok(())
}
