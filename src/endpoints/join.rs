//! A request's URL from its endpoint and its path, joined as botocore joins them.

/// botocore's `_urljoin`: the endpoint's own path, then the request's; the host prefix goes
/// before the host (not before an IP address, which it would make invalid).
pub fn join_url(endpoint: &str, path: &str, host_prefix: Option<&str>) -> String {
    let Ok(mut url) = reqwest::Url::parse(endpoint) else {
        return format!("{endpoint}{path}");
    };
    if let Some(prefix) = host_prefix.filter(|p| !p.is_empty())
        && let Some(host) = url
            .host_str()
            .filter(|h| h.parse::<std::net::IpAddr>().is_err() && !h.starts_with('['))
    {
        let prefixed = format!("{prefix}{host}");
        let _ = url.set_host(Some(&prefixed));
    }
    let base_path = url.path().to_string();
    let new_path = if path.is_empty() || path == "/" {
        if base_path.is_empty() {
            "/".to_string()
        } else {
            base_path
        }
    } else if base_path.ends_with('/') && path.starts_with('/') {
        format!("{}{path}", &base_path[..base_path.len() - 1])
    } else {
        format!("{base_path}{path}")
    };
    let origin = url.origin().ascii_serialization();
    format!("{origin}{new_path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_join_as_botocore_joins_them() {
        assert_eq!(
            join_url("https://sts.amazonaws.com", "/", None),
            "https://sts.amazonaws.com/"
        );
        assert_eq!(
            join_url("http://127.0.0.1:5000/bucket", "/", None),
            "http://127.0.0.1:5000/bucket"
        );
        assert_eq!(
            join_url("http://127.0.0.1:5000/bucket", "/a/b", None),
            "http://127.0.0.1:5000/bucket/a/b"
        );
        assert_eq!(
            join_url("https://x.example.com/base/", "/op", None),
            "https://x.example.com/base/op"
        );
        assert_eq!(
            join_url(
                "https://servicediscovery.us-east-1.amazonaws.com",
                "/",
                Some("data-")
            ),
            "https://data-servicediscovery.us-east-1.amazonaws.com/"
        );
        assert_eq!(
            join_url("http://127.0.0.1:5000", "/", Some("data-")),
            "http://127.0.0.1:5000/"
        );
    }
}
