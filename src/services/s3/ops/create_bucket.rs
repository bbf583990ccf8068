//! CreateBucket: a bucket in the client's region. Outside us-east-1 the region must be named
//! in a LocationConstraint (and naming us-east-1 there is an error).

use crate::error::Error;
use crate::protocol::rest_xml::escape;
use crate::services::Session;
use crate::services::s3::{DEFAULT_REGION, S3Request, region, send};

pub const OPERATION: &str = "CreateBucket";

pub async fn call(session: &Session<'_>, bucket: &str) -> Result<(), Error> {
    let body = configuration(region(session));
    let mut request = S3Request::new(OPERATION, "PUT").bucket(bucket);
    if !body.is_empty() {
        request = request.header("content-type", "application/xml").body(body);
    }
    send(session, &request).await?;
    Ok(())
}

fn configuration(region: &str) -> Vec<u8> {
    if region == DEFAULT_REGION {
        return Vec::new();
    }
    format!(
        "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>{}</LocationConstraint></CreateBucketConfiguration>",
        escape(region)
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_constraint_only_outside_us_east_1() {
        assert!(configuration("us-east-1").is_empty());
        let body = String::from_utf8(configuration("eu-west-1")).unwrap();
        assert!(body.contains("<LocationConstraint>eu-west-1</LocationConstraint>"));
    }
}
