//! ListBuckets: the caller's buckets with their creation dates, a page at a time.

use super::{parse_body, text};
use crate::error::Error;
use crate::services::Session;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "ListBuckets";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub name: String,
    /// As sent (ISO 8601); the caller formats it.
    pub creation_date: String,
}

#[derive(Debug, Default)]
pub struct Page {
    pub buckets: Vec<Bucket>,
    pub continuation_token: Option<String>,
}

#[derive(Debug, Default, Clone)]
pub struct Params<'a> {
    pub max_buckets: Option<u32>,
    pub continuation_token: Option<String>,
    /// Only buckets whose names start with this.
    pub prefix: Option<&'a str>,
    /// Only buckets in this region.
    pub bucket_region: Option<&'a str>,
}

pub async fn call(session: &Session<'_>, params: &Params<'_>) -> Result<Page, Error> {
    let mut request = S3Request::new(OPERATION, "GET");
    if let Some(n) = params.max_buckets {
        request = request.query("max-buckets", n.to_string());
    }
    if let Some(token) = &params.continuation_token {
        request = request.query("continuation-token", token.as_str());
    }
    if let Some(prefix) = params.prefix {
        request = request.query("prefix", prefix);
    }
    if let Some(region) = params.bucket_region {
        request = request.query("bucket-region", region);
    }
    let response = send(session, &request).await?;
    parse(&response.body)
}

fn parse(body: &[u8]) -> Result<Page, Error> {
    let root = parse_body(body)?;
    let buckets = root
        .child("Buckets")
        .map(|b| {
            b.children_named("Bucket")
                .map(|b| Bucket {
                    name: text(b, "Name").unwrap_or_default(),
                    creation_date: text(b, "CreationDate").unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Page {
        buckets,
        continuation_token: text(&root, "ContinuationToken").filter(|t| !t.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_buckets_and_the_token() {
        let page = parse(b"<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>x</ID></Owner><Buckets><Bucket><Name>a</Name><CreationDate>2026-11-23T16:11:30.000Z</CreationDate></Bucket><Bucket><Name>b</Name><CreationDate>2026-11-23T16:11:31.000Z</CreationDate></Bucket></Buckets><ContinuationToken>t1</ContinuationToken></ListAllMyBucketsResult>").unwrap();
        assert_eq!(page.buckets.len(), 2);
        assert_eq!(page.buckets[1].name, "b");
        assert_eq!(page.continuation_token.as_deref(), Some("t1"));
        assert!(
            parse(b"<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>")
                .unwrap()
                .buckets
                .is_empty()
        );
    }
}
