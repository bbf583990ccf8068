//! An S3 request's URL on the endpoint the rules chose (see `endpoint.rs`): the key as a
//! path that no URL parser can rewrite, and the query string.

use crate::endpoints::join_url;
use crate::protocol::rest_xml::{encode_path, encode_query};

fn is_dot(segment: &str) -> bool {
    segment == "." || segment == ".."
}

/// Whether a key has a `.` or `..` segment. URL parsers (reqwest's included) resolve those
/// before sending, even percent-encoded (`%2E%2E`), so [`encode_key`] glues each one to a
/// neighbour with an encoded slash.
pub fn has_dot_segment(key: &str) -> bool {
    key.split('/').any(is_dot)
}

/// Whether a key cannot be sent at all: a lone `.` or `..` has no slash to encode.
pub fn unsendable(key: &str) -> bool {
    is_dot(key)
}

/// The key as a URL path. A slash next to a `.` or `..` segment is sent as `%2F`, which S3
/// decodes back to `/`: the URL then has no dot segment for a parser to resolve, and the
/// key reaches S3 unchanged (`../x` is the key `../x`, not `x`).
pub fn encode_key(key: &str) -> String {
    let segments: Vec<&str> = key.split('/').collect();
    let mut out = String::with_capacity(key.len());
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            let glue = is_dot(segments[i - 1]) || is_dot(segment);
            out.push_str(if glue { "%2F" } else { "/" });
        }
        out.push_str(&encode_path(segment));
    }
    out
}

/// The full URL of a request: the endpoint's URL (which holds the bucket, as a host label or
/// a path segment), the key and the query string (values raw here).
pub fn url(endpoint: &str, key: Option<&str>, query: &[(&str, String)]) -> String {
    let path = key.map_or_else(|| "/".to_string(), |key| format!("/{}", encode_key(key)));
    let mut out = join_url(endpoint, &path, None);
    for (i, (k, v)) in query.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        // Sub-resources such as `?delete` have no value.
        if !v.is_empty() || *k == "prefix" || *k == "delimiter" {
            out.push('=');
            out.push_str(&encode_query(v));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_and_query_follow_the_endpoints_path() {
        assert_eq!(
            url(
                "https://demo.s3.eu-west-1.amazonaws.com",
                Some("a b/c"),
                &[]
            ),
            "https://demo.s3.eu-west-1.amazonaws.com/a%20b/c"
        );
        assert_eq!(
            url(
                "https://s3.eu-west-1.amazonaws.com/Bad_Name",
                Some("k"),
                &[]
            ),
            "https://s3.eu-west-1.amazonaws.com/Bad_Name/k"
        );
        let query = [("list-type", "2".to_string()), ("prefix", "a/".into())];
        assert_eq!(
            url("http://127.0.0.1:9000/demo", None, &query),
            "http://127.0.0.1:9000/demo?list-type=2&prefix=a%2F"
        );
        assert_eq!(
            url(
                "https://s3.us-east-1.amazonaws.com",
                None,
                &[("delete", String::new())]
            ),
            "https://s3.us-east-1.amazonaws.com/?delete"
        );
    }

    proptest::proptest! {
        /// Whatever the key, the URL survives parsing unchanged (nothing normalised away)
        /// and its path decodes back to bucket and key.
        #[test]
        fn keys_survive_the_url_parser(key in "\\PC{1,40}|[a./]{1,12}") {
            proptest::prop_assume!(!unsendable(&key));
            let url = url("http://127.0.0.1:9000/b", Some(&key), &[]);
            let parsed = reqwest::Url::parse(&url).unwrap();
            proptest::prop_assert_eq!(parsed.as_str(), url.as_str());
            let path = percent_encoding::percent_decode_str(parsed.path()).decode_utf8().unwrap();
            proptest::prop_assert_eq!(path, format!("/b/{key}"));
        }
    }

    #[test]
    fn dot_segments_are_sent_glued_to_a_neighbour() {
        assert_eq!(encode_key("../../escape.txt"), "..%2F..%2Fescape.txt");
        assert_eq!(encode_key("a/./b/c"), "a%2F.%2Fb/c");
        assert_eq!(encode_key("a/b/.."), "a/b%2F..");
        assert_eq!(encode_key("a/b c/d"), "a/b%20c/d");
        assert!(unsendable("..") && unsendable(".") && !unsendable("../"));
    }

    #[test]
    fn dot_segments_are_detected() {
        assert!(has_dot_segment("a/../b") && has_dot_segment("./x") && has_dot_segment(".."));
        assert!(!has_dot_segment("a/..b/.c/...") && !has_dot_segment("a//b"));
    }
}
