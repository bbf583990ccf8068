//! HeadBucket: whether the bucket exists and may be accessed; errors have no body, so they
//! read as `(404) ... Not Found`.

use crate::error::Error;
use crate::services::Session;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "HeadBucket";

/// The bucket's region, from `x-amz-bucket-region`, when S3 says it.
pub async fn call(session: &Session<'_>, bucket: &str) -> Result<Option<String>, Error> {
    let response = send(session, &S3Request::new(OPERATION, "HEAD").bucket(bucket)).await?;
    Ok(response.header("x-amz-bucket-region").map(str::to_string))
}
