//! S3's answer when a bucket lives in another region than the request was signed for: a 301
//! PermanentRedirect (HEAD included) or a 400 AuthorizationHeaderMalformed, carrying the
//! bucket's region in `x-amz-bucket-region` (or, for the 400, in the body's `<Region>`). The
//! regions learnt are remembered for the rest of the process, as botocore's client does, so
//! that a long listing or delete is redirected once, not once a page.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::http::HttpResponse;
use crate::protocol::xml;
use crate::settings::valid_region;

fn known() -> &'static Mutex<HashMap<String, String>> {
    static KNOWN: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    KNOWN.get_or_init(Default::default)
}

/// The region a bucket was found to be in earlier in this run.
pub fn known_region(bucket: &str) -> Option<String> {
    known().lock().ok()?.get(bucket).cloned()
}

pub fn remember(bucket: &str, region: &str) {
    if let Ok(mut map) = known().lock() {
        map.insert(bucket.to_string(), region.to_string());
    }
}

/// The bucket's region, when this response is a region redirect. A region that is not a
/// DNS label (botocore's rule) is no region: it would go into the next request's host name.
pub fn bucket_region(response: &HttpResponse) -> Option<String> {
    if !matches!(response.status, 301 | 400) {
        return None;
    }
    if let Some(region) = response.header("x-amz-bucket-region") {
        return Some(region.to_string()).filter(|r| valid_region(r));
    }
    let root = xml::parse(&response.body).ok()?;
    let code = root.child("Code")?;
    (response.status == 400 && code.text == "AuthorizationHeaderMalformed")
        .then(|| root.child("Region").map(|r| r.text.trim().to_string()))
        .flatten()
        .filter(|r| valid_region(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn response(status: u16, header: Option<&'static str>, body: &str) -> HttpResponse {
        let mut headers = HeaderMap::new();
        if let Some(h) = header {
            headers.insert("x-amz-bucket-region", HeaderValue::from_static(h));
        }
        HttpResponse {
            status,
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_region_that_is_not_a_dns_label_is_ignored() {
        for bad in ["evil.example.com/x", "a b", "", "-x", "eu-west-1."] {
            let header = Box::leak(bad.to_string().into_boxed_str());
            assert_eq!(
                bucket_region(&response(301, Some(header), "")),
                None,
                "{bad}"
            );
            let body = format!(
                "<Error><Code>AuthorizationHeaderMalformed</Code><Region>{bad}</Region></Error>"
            );
            assert_eq!(bucket_region(&response(400, None, &body)), None, "{bad}");
        }
    }

    #[test]
    fn redirects_name_the_region_in_a_header_or_the_body() {
        assert_eq!(
            bucket_region(&response(301, Some("eu-west-1"), "")).as_deref(),
            Some("eu-west-1")
        );
        let malformed = "<Error><Code>AuthorizationHeaderMalformed</Code><Message>the region 'us-east-1' is wrong; expecting 'ap-south-1'</Message><Region>ap-south-1</Region></Error>";
        assert_eq!(
            bucket_region(&response(400, None, malformed)).as_deref(),
            Some("ap-south-1")
        );
        assert_eq!(
            bucket_region(&response(
                400,
                None,
                "<Error><Code>InvalidArgument</Code><Region>x</Region></Error>"
            )),
            None
        );
        assert_eq!(bucket_region(&response(403, Some("eu-west-1"), "")), None);
        assert_eq!(bucket_region(&response(301, None, "")), None);
    }

    #[test]
    fn learnt_regions_are_remembered() {
        assert_eq!(known_region("remembered-bucket"), None);
        remember("remembered-bucket", "eu-north-1");
        assert_eq!(
            known_region("remembered-bucket").as_deref(),
            Some("eu-north-1")
        );
    }
}
