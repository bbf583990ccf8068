//! DeleteObjects: up to 1000 keys in one request, each reported deleted or failed.

use base64::Engine;
use sha2::{Digest, Sha256};

use super::{parse_body, text};
use crate::error::Error;
use crate::protocol::rest_xml::escape;
use crate::services::Session;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "DeleteObjects";

/// S3's limit on keys per request.
pub const MAX_KEYS: usize = 1000;

/// What S3 said about one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyResult {
    pub key: String,
    /// `(code, message)` when this key was not deleted.
    pub error: Option<(String, String)>,
}

pub async fn call(
    session: &Session<'_>,
    bucket: &str,
    keys: &[String],
    request_payer: Option<&str>,
) -> Result<Vec<KeyResult>, Error> {
    assert!(keys.len() <= MAX_KEYS, "callers batch by MAX_KEYS");
    let body = body(keys);
    // S3 insists on an integrity check of this body: a SHA-256 checksum here.
    let checksum = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&body));
    let request = S3Request::new(OPERATION, "POST")
        .bucket(bucket)
        .query("delete", "")
        .header("content-type", "application/xml")
        .header("x-amz-sdk-checksum-algorithm", "SHA256")
        .header("x-amz-checksum-sha256", checksum)
        .request_payer(request_payer)
        .body(body);
    let response = send(session, &request).await?;
    parse(&response.body)
}

fn body(keys: &[String]) -> Vec<u8> {
    let mut out = String::from(
        "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>false</Quiet>",
    );
    for key in keys {
        out.push_str("<Object><Key>");
        out.push_str(&escape(key));
        out.push_str("</Key></Object>");
    }
    out.push_str("</Delete>");
    out.into_bytes()
}

fn parse(body: &[u8]) -> Result<Vec<KeyResult>, Error> {
    let root = parse_body(body)?;
    Ok(root
        .children
        .iter()
        .filter_map(|child| match child.name.as_str() {
            "Deleted" => Some(KeyResult {
                key: text(child, "Key").unwrap_or_default(),
                error: None,
            }),
            "Error" => Some(KeyResult {
                key: text(child, "Key").unwrap_or_default(),
                error: Some((
                    text(child, "Code").unwrap_or_default(),
                    text(child, "Message").unwrap_or_default(),
                )),
            }),
            _ => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_escaped_in_the_body() {
        let b = String::from_utf8(body(&["a&b".into(), "<c>".into()])).unwrap();
        assert!(b.contains("<Key>a&amp;b</Key>") && b.contains("<Key>&lt;c&gt;</Key>"));
    }

    #[test]
    fn reads_deleted_and_failed_keys() {
        let r = parse(b"<DeleteResult><Deleted><Key>a</Key></Deleted><Error><Key>b</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>").unwrap();
        assert_eq!(r[0].key, "a");
        assert!(r[0].error.is_none());
        assert_eq!(
            r[1].error,
            Some(("AccessDenied".to_string(), "Access Denied".to_string()))
        );
    }
}
