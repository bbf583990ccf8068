//! AWS Identity and Access Management, on the Query protocol. IAM is global: one endpoint
//! (`https://iam.amazonaws.com`, signed for us-east-1) whatever the region, except in the
//! China partition; `AWS_ENDPOINT_URL_IAM`, `[services]` and `--endpoint-url` apply as for
//! any service. No region needs to be configured.

pub mod principal_policies;
pub mod shapes;
pub mod simulate;

use serde_json::{Map, Value};

use super::{ServiceMeta, Session};
use crate::error::Error;
use crate::http::sign::SigningStyle;
use crate::protocol::shape::Shape;

pub const IAM: ServiceMeta = ServiceMeta {
    id: "IAM",
    endpoint_prefix: "iam",
    signing_name: "iam",
    style: SigningStyle::Standard,
};

pub const VERSION: &str = "2010-05-08";

/// The region IAM requests are signed for: the partition's global region.
pub fn signing_region(configured: Option<&str>) -> &'static str {
    match configured {
        Some(r) if r.starts_with("cn-") => "cn-north-1",
        _ => "us-east-1",
    }
}

/// One IAM call with the session's credentials.
pub async fn call(
    session: &Session<'_>,
    operation: &'static str,
    params: &[(String, String)],
    output: &Shape,
) -> Result<Value, Error> {
    let configured = session.settings.region.as_ref().map(|r| r.value.as_str());
    let credentials = session.credentials().await?;
    session
        .context(signing_region(configured), credentials.as_ref())?
        .query(&IAM, VERSION, operation, params, output)
        .await
}

/// Every page of a Marker/IsTruncated operation, the `key` lists joined, as the CLI's
/// paginator returns them; with `--no-paginate` the first page as the service sent it.
pub async fn paginate(
    session: &Session<'_>,
    operation: &'static str,
    params: &[(String, String)],
    output: &Shape,
    key: &str,
) -> Result<Value, Error> {
    if !session.settings.paginate {
        return call(session, operation, params, output).await;
    }
    all_pages(session, operation, params, output, key).await
}

/// Every page, whatever `--no-paginate` says: for the calls a command makes for itself.
pub async fn all_pages(
    session: &Session<'_>,
    operation: &'static str,
    params: &[(String, String)],
    output: &Shape,
    key: &str,
) -> Result<Value, Error> {
    let mut items = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let mut page_params = params.to_vec();
        if let Some(m) = &marker {
            page_params.push(("Marker".into(), m.clone()));
        }
        let page = call(session, operation, &page_params, output).await?;
        if let Some(Value::Array(list)) = page.get(key) {
            items.extend(list.iter().cloned());
        }
        let truncated = page.get("IsTruncated") == Some(&Value::Bool(true));
        let previous = marker.take();
        marker = page
            .get("Marker")
            .and_then(Value::as_str)
            .filter(|m| truncated && !m.is_empty())
            .map(str::to_string);
        crate::services::paginate::refuse_repeated_token(
            previous.as_deref(),
            marker.as_deref(),
            "Marker",
        )?;
        if marker.is_none() {
            break;
        }
    }
    let mut all = Map::new();
    all.insert(key.to_string(), Value::Array(items));
    Ok(Value::Object(all))
}

/// `Name.member.1=v1&Name.member.2=v2...`
pub fn push_list(params: &mut Vec<(String, String)>, name: &str, values: &[String]) {
    for (i, v) in values.iter().enumerate() {
        params.push((format!("{name}.member.{}", i + 1), v.clone()));
    }
}

/// Optional scalar parameters, those that are set.
pub fn push_optional(params: &mut Vec<(String, String)>, optional: &[(&str, Option<&String>)]) {
    for (name, value) in optional {
        if let Some(v) = value {
            params.push((name.to_string(), (*v).clone()));
        }
    }
}

/// Policy documents come back URL-encoded (RFC 3986); the CLI shows them decoded and parsed.
pub fn decode_document(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iam_is_signed_for_the_partitions_global_region() {
        assert_eq!(signing_region(None), "us-east-1");
        assert_eq!(signing_region(Some("eu-west-1")), "us-east-1");
        assert_eq!(signing_region(Some("cn-northwest-1")), "cn-north-1");
    }

    #[test]
    fn documents_are_url_decoded() {
        assert_eq!(decode_document("%7B%22a%22%3A%201%7D"), r#"{"a": 1}"#);
        assert_eq!(decode_document(r#"{"a":1}"#), r#"{"a":1}"#);
    }
}
