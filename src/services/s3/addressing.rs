//! Where an S3 request goes: the endpoint (configured or regional) and the addressing style
//! (`path`: `host/bucket/key`, `virtual`: `bucket.host/key`) chosen by the profile's
//! `s3 = addressing_style` and by what the bucket name and endpoint host allow.

use std::net::IpAddr;

use crate::config::parse_nested;
use crate::protocol::rest_xml::{encode_path, encode_query};
use crate::settings::Settings;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Auto,
    Path,
    Virtual,
}

impl Style {
    /// The profile's `s3 =` block, `addressing_style = auto|path|virtual`; anything else is auto.
    pub fn from_settings(settings: &Settings) -> Style {
        let block = settings
            .profile_config
            .get("s3")
            .map(|b| parse_nested(b))
            .unwrap_or_default();
        match block.get("addressing_style").map(String::as_str) {
            Some("path") => Style::Path,
            Some("virtual") => Style::Virtual,
            _ => Style::Auto,
        }
    }
}

/// The base URL requests are made against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// `--endpoint-url` and friends, already checked, without a trailing slash.
    Configured(String),
    /// AWS's regional endpoint for this region.
    Regional(String),
}

/// Whether a bucket can be a DNS label under the endpoint's host: 3-63 characters of
/// lowercase letters, digits, hyphens and (not over TLS, whose wildcard certificates cover
/// one label only) dots, starting and ending with a letter or digit, not an IP address.
pub fn dns_compatible(bucket: &str, https: bool) -> bool {
    let b = bucket.as_bytes();
    (3..=63).contains(&b.len())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'.')
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && !bucket.contains("..")
        && !(https && bucket.contains('.'))
        && bucket.parse::<IpAddr>().is_err()
}

/// IP addresses and localhost cannot take a bucket as a subdomain: path style there.
fn host_allows_virtual(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>().is_err() && !bare.eq_ignore_ascii_case("localhost")
}

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

/// The full URL of a request: endpoint, bucket, key and query string (values raw here).
pub fn url(
    endpoint: &Endpoint,
    style: Style,
    bucket: Option<&str>,
    key: Option<&str>,
    query: &[(&str, String)],
) -> String {
    let base = match endpoint {
        Endpoint::Configured(url) => url.clone(),
        Endpoint::Regional(region) => crate::http::endpoint::regional("s3", region),
    };
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base.as_str()));
    let (authority, base_path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let host = authority.rsplit_once(':').map_or(authority, |(h, p)| {
        if p.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            authority
        }
    });
    let mut out = String::new();
    match bucket {
        Some(bucket)
            if style != Style::Path
                && host_allows_virtual(host)
                && (style == Style::Virtual || dns_compatible(bucket, scheme == "https")) =>
        {
            out.push_str(&format!("{scheme}://{bucket}.{authority}{base_path}/"));
        }
        Some(bucket) => {
            out.push_str(&format!(
                "{scheme}://{authority}{base_path}/{}",
                encode_path(bucket)
            ));
            if key.is_some() {
                out.push('/');
            }
        }
        None => out.push_str(&format!("{scheme}://{authority}{base_path}/")),
    }
    if let Some(key) = key {
        out.push_str(&encode_key(key));
    }
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

    fn regional() -> Endpoint {
        Endpoint::Regional("eu-west-1".into())
    }

    #[test]
    fn auto_is_virtual_for_dns_names_on_aws() {
        assert_eq!(
            url(&regional(), Style::Auto, Some("demo"), Some("a b/c"), &[]),
            "https://demo.s3.eu-west-1.amazonaws.com/a%20b/c"
        );
        assert_eq!(
            url(&regional(), Style::Auto, Some("Bad_Name"), Some("k"), &[]),
            "https://s3.eu-west-1.amazonaws.com/Bad_Name/k"
        );
        assert_eq!(
            url(&regional(), Style::Auto, Some("a.b.c"), None, &[]),
            "https://s3.eu-west-1.amazonaws.com/a.b.c"
        );
        assert_eq!(
            url(&regional(), Style::Path, Some("demo"), Some("k"), &[]),
            "https://s3.eu-west-1.amazonaws.com/demo/k"
        );
        assert_eq!(
            url(&regional(), Style::Auto, None, None, &[]),
            "https://s3.eu-west-1.amazonaws.com/"
        );
    }

    #[test]
    fn ip_and_localhost_endpoints_are_path_style() {
        let ip = Endpoint::Configured("http://127.0.0.1:9000".into());
        let query = [("list-type", "2".to_string()), ("prefix", "a/".into())];
        assert_eq!(
            url(&ip, Style::Virtual, Some("demo"), None, &query),
            "http://127.0.0.1:9000/demo?list-type=2&prefix=a%2F"
        );
        let local = Endpoint::Configured("http://localhost:9000".into());
        assert_eq!(
            url(&local, Style::Auto, Some("demo"), Some("k"), &[]),
            "http://localhost:9000/demo/k"
        );
        let named = Endpoint::Configured("http://minio.internal:9000".into());
        assert_eq!(
            url(
                &named,
                Style::Auto,
                Some("demo"),
                Some("k"),
                &[("delete", String::new())]
            ),
            "http://demo.minio.internal:9000/k?delete"
        );
    }

    proptest::proptest! {
        /// Whatever the key, the URL survives parsing unchanged (nothing normalised away)
        /// and its path decodes back to bucket and key.
        #[test]
        fn keys_survive_the_url_parser(key in "\\PC{1,40}|[a./]{1,12}") {
            proptest::prop_assume!(!unsendable(&key));
            let endpoint = Endpoint::Configured("http://127.0.0.1:9000".into());
            let url = url(&endpoint, Style::Auto, Some("b"), Some(&key), &[]);
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

    #[test]
    fn dns_rules() {
        assert!(dns_compatible("my-bucket.1", false));
        assert!(!dns_compatible("my-bucket.1", true));
        for bad in ["ab", "-ab", "ab-", "Abc", "a_b", "a..b", "192.168.1.1"] {
            assert!(!dns_compatible(bad, false), "{bad}");
        }
    }
}
