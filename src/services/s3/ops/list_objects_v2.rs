//! ListObjectsV2: one page of keys (and common prefixes with a delimiter). Keys are asked
//! for URL-encoded, as botocore does, so that any key survives XML, and decoded here.

use percent_encoding::percent_decode_str;

use super::{parse_body, text};
use crate::error::Error;
use crate::protocol::xml::Element;
use crate::services::Session;
use crate::services::s3::{S3Request, send};

pub const OPERATION: &str = "ListObjectsV2";

#[derive(Debug, Default, Clone)]
pub struct Params<'a> {
    pub bucket: &'a str,
    pub prefix: &'a str,
    pub delimiter: Option<&'a str>,
    pub max_keys: Option<u32>,
    pub continuation_token: Option<String>,
    pub request_payer: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    pub key: String,
    pub size: u64,
    /// As sent (ISO 8601); the caller formats it.
    pub last_modified: String,
    pub storage_class: Option<String>,
}

#[derive(Debug, Default)]
pub struct Page {
    pub contents: Vec<Object>,
    pub common_prefixes: Vec<String>,
    /// Set when there is another page.
    pub next_token: Option<String>,
}

pub async fn call(session: &Session<'_>, params: &Params<'_>) -> Result<Page, Error> {
    let mut request = S3Request::new(OPERATION, "GET")
        .bucket(params.bucket)
        .query("list-type", "2")
        .query("encoding-type", "url")
        .query("prefix", params.prefix)
        .request_payer(params.request_payer);
    if let Some(d) = params.delimiter {
        request = request.query("delimiter", d);
    }
    if let Some(n) = params.max_keys {
        request = request.query("max-keys", n.to_string());
    }
    if let Some(token) = &params.continuation_token {
        request = request.query("continuation-token", token.as_str());
    }
    let response = send(session, &request).await?;
    parse(&response.body)
}

fn parse(body: &[u8]) -> Result<Page, Error> {
    let root = parse_body(body)?;
    let url_encoded = text(&root, "EncodingType").is_some_and(|e| e == "url");
    let decode = |s: String| {
        if url_encoded {
            // Form encoding: `+` is a space in what S3 sends.
            percent_decode_str(&s.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        } else {
            s
        }
    };
    let field = |e: &Element, name| text(e, name).map(&decode).unwrap_or_default();
    let contents = root
        .children_named("Contents")
        .map(|c| {
            Ok(Object {
                key: field(c, "Key"),
                size: text(c, "Size")
                    .unwrap_or_default()
                    .trim()
                    .parse()
                    .map_err(|_| Error::InvalidResponse("Size is not a number".into()))?,
                last_modified: text(c, "LastModified").unwrap_or_default(),
                storage_class: text(c, "StorageClass"),
            })
        })
        .collect::<Result<_, Error>>()?;
    let common_prefixes = root
        .children_named("CommonPrefixes")
        .map(|p| field(p, "Prefix"))
        .collect();
    let truncated = text(&root, "IsTruncated").is_some_and(|t| t.trim() == "true");
    Ok(Page {
        contents,
        common_prefixes,
        next_token: text(&root, "NextContinuationToken").filter(|t| truncated && !t.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_url_encoded_keys_and_prefixes() {
        let page = parse(b"<ListBucketResult><Name>b</Name><Prefix></Prefix><KeyCount>2</KeyCount><IsTruncated>true</IsTruncated><EncodingType>url</EncodingType><NextContinuationToken>n+1</NextContinuationToken><Contents><Key>a%1Bb+c%2B</Key><LastModified>2026-11-23T16:11:38.000Z</LastModified><Size>6</Size></Contents><CommonPrefixes><Prefix>dir%2F</Prefix></CommonPrefixes></ListBucketResult>").unwrap();
        assert_eq!(page.contents[0].key, "a\u{1b}b c+");
        assert_eq!(page.contents[0].size, 6);
        assert_eq!(page.common_prefixes, ["dir/"]);
        assert_eq!(page.next_token.as_deref(), Some("n+1"));
    }

    #[test]
    fn no_token_unless_truncated() {
        let page = parse(b"<ListBucketResult><IsTruncated>false</IsTruncated><NextContinuationToken>x</NextContinuationToken></ListBucketResult>").unwrap();
        assert!(page.next_token.is_none() && page.contents.is_empty());
    }
}
