//! The REST-XML protocol (S3): URI encoding of paths and query strings, XML request bodies,
//! and XML error bodies (`<Error><Code/><Message/><RequestId/></Error>`).

use super::percent;
use crate::error::ServiceError;
use crate::http::HttpResponse;

/// Keys keep their `/` separators, as botocore's `quote(key, safe='/~')` does.
pub fn encode_path(segment: &str) -> String {
    percent::encode_path(segment)
}

pub fn encode_query(value: &str) -> String {
    percent::encode(value)
}

/// Text escaped for an XML element body.
pub fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// Whether this text survives an XML 1.0 body unchanged: most control characters cannot
/// appear in a document even as character references, and a parser turns `\r` into `\n`.
pub fn representable(text: &str) -> bool {
    text.chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n') || c as u32 >= 0x7f)
}

/// Reads an S3 error body: the same XML error document as the Query protocol's (and, for HEAD
/// responses without a body, the status and its reason phrase), with S3's own request id header.
pub fn parse_error(response: &HttpResponse, operation: &'static str) -> ServiceError {
    let mut error = super::query::parse_error(response, operation);
    if let Some(id) = response.header("x-amz-request-id") {
        error.request_id = Some(id.to_string());
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn response(status: u16, body: &str) -> HttpResponse {
        let mut headers = HeaderMap::new();
        headers.insert("x-amz-request-id", HeaderValue::from_static("REQ1"));
        HttpResponse {
            status,
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn errors_come_from_the_body_or_the_status() {
        let e = parse_error(
            &response(
                404,
                "<?xml version=\"1.0\"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>b</BucketName></Error>",
            ),
            "ListObjectsV2",
        );
        assert_eq!(
            e.to_string(),
            "An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist"
        );
        assert_eq!(e.request_id.as_deref(), Some("REQ1"));
        let head = parse_error(&response(404, ""), "HeadObject");
        assert_eq!(
            head.to_string(),
            "An error occurred (404) when calling the HeadObject operation: Not Found"
        );
        // s3s-fs sends no <Message>: botocore then says "Unknown".
        let bare = parse_error(
            &response(409, "<Error><Code>BucketNotEmpty</Code></Error>"),
            "DeleteBucket",
        );
        assert!(bare.to_string().ends_with("operation: Unknown"));
    }

    #[test]
    fn paths_keep_slashes_and_queries_do_not() {
        assert_eq!(encode_path("a b/c+d~é"), "a%20b/c%2Bd~%C3%A9");
        assert_eq!(encode_query("a/b c"), "a%2Fb%20c");
        assert_eq!(escape("a<&>\"b"), "a&lt;&amp;&gt;&quot;b");
        assert!(representable("tab\there") && !representable("bell\u{7}"));
        assert!(!representable("cr\rlf"));
    }
}
