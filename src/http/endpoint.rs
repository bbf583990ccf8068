//! Which URL a service is reached at: the configured endpoint URL if any (see
//! [`crate::settings::Settings::endpoint_url`]), else the service's regional endpoint.

use crate::error::TransportError;

/// The regional endpoint, e.g. `https://sts.eu-west-1.amazonaws.com`; global services (IAM)
/// have one endpoint per partition.
pub fn regional(endpoint_prefix: &str, region: &str) -> String {
    if endpoint_prefix == "iam" {
        return match region.starts_with("cn-") {
            true => "https://iam.cn-north-1.amazonaws.com.cn".to_string(),
            false => "https://iam.amazonaws.com".to_string(),
        };
    }
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("https://{endpoint_prefix}.{region}.{suffix}")
}

/// Checks a configured endpoint URL and returns it without a trailing slash.
pub fn configured(url: &str) -> Result<String, TransportError> {
    let parsed =
        reqwest::Url::parse(url).map_err(|_| TransportError::InvalidEndpoint(url.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(TransportError::InvalidEndpoint(url.to_string()));
    }
    Ok(url.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_endpoints_follow_the_partition() {
        assert_eq!(
            regional("sts", "eu-west-1"),
            "https://sts.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            regional("sts", "cn-north-1"),
            "https://sts.cn-north-1.amazonaws.com.cn"
        );
        assert_eq!(regional("iam", "us-east-1"), "https://iam.amazonaws.com");
        assert_eq!(
            regional("iam", "cn-north-1"),
            "https://iam.cn-north-1.amazonaws.com.cn"
        );
    }

    #[test]
    fn configured_endpoints_are_checked() {
        assert_eq!(
            configured("http://127.0.0.1:5000/").unwrap(),
            "http://127.0.0.1:5000"
        );
        assert!(configured("127.0.0.1:5000").is_err());
        assert!(configured("ftp://h").is_err());
    }
}
