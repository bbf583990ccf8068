//! DeleteBucket: removes an empty bucket (S3 answers BucketNotEmpty otherwise).

use crate::error::Error;
use crate::services::Session;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "DeleteBucket";

pub async fn call(session: &Session<'_>, bucket: &str) -> Result<(), Error> {
    send(session, &S3Request::new(OPERATION, "DELETE").bucket(bucket)).await?;
    Ok(())
}
