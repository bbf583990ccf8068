//! Where an S3 request goes, as the model-driven commands decide it: S3's endpoint rule set
//! evaluated for the operation (its static context parameters), the request's `Bucket`,
//! `Key`, `Prefix` and `CopySource`, and the settings (`--endpoint-url` and the per-service
//! URLs, FIPS, dual-stack, `s3 = addressing_style`, `use_accelerate_endpoint`,
//! `us_east_1_regional_endpoint`, `use_arn_region`). The rules choose virtual-hosted or
//! path-style addressing, access point hosts for ARNs, and the signing name and region.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{Map, Value};

use super::addressing;
use super::client::S3Request;
use crate::endpoints::{self, AuthScheme, EndpointError, ResolvedEndpoint};
use crate::error::Error;
use crate::model::ServiceModel;
use crate::services::Session;

/// One request's destination: the full URL (path and query included), the headers the rules
/// add, and how to sign.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub signing_name: String,
    pub signing_region: String,
}

/// What the rules decided for an operation, bucket and region: the endpoint's URL (without
/// the key), its headers and signing.
#[derive(Debug, PartialEq)]
struct Destination {
    base: String,
    headers: Vec<(String, String)>,
    signing_name: String,
    signing_region: String,
}

/// The destinations already resolved in a session, by operation, bucket and region (a given
/// one or the configured one): a transfer of many keys evaluates S3's rules once per bucket,
/// not once per request. The rules read no other input (the key, prefix and copy source they
/// declare are never referenced; a test below checks that for the shipped rule set), and the
/// settings do not change within a session.
#[derive(Debug, Default)]
pub struct Cache {
    known: RefCell<HashMap<CacheKey, Rc<Destination>>>,
}

type CacheKey = (&'static str, Option<String>, Option<String>);

/// S3's model (for its operations' context parameters and its rule set), read once.
fn model() -> Result<&'static ServiceModel, Error> {
    crate::model::embedded::service("s3")
        .ok_or_else(|| Error::General("no model for the service s3".into()))?
        .map_err(Error::from)
}

/// The operation's input members the rules read, from the request.
fn input(request: &S3Request<'_>) -> Map<String, Value> {
    let mut input = Map::new();
    let mut put = |name: &str, value: &str| {
        input.insert(name.to_string(), Value::String(value.to_string()));
    };
    if let Some(bucket) = request.bucket {
        put("Bucket", bucket);
    }
    if let Some(key) = request.key {
        put("Key", key);
    }
    if let Some((_, prefix)) = request.query.iter().find(|(k, _)| *k == "prefix") {
        put("Prefix", prefix);
    }
    if let Some((_, source)) = request
        .headers
        .iter()
        .find(|(k, _)| k == "x-amz-copy-source")
    {
        put("CopySource", source);
    }
    input
}

/// Resolves the request's endpoint; `region` replaces the configured one (the bucket's own
/// region after a redirect). Without either, S3 is asked for as `us-east-1`.
pub fn resolve(
    session: &Session<'_>,
    request: &S3Request<'_>,
    region: Option<&str>,
) -> Result<ResolvedEndpoint, Error> {
    let model = model()?;
    let operation = model
        .operation(request.operation)?
        .ok_or_else(|| Error::General(format!("s3 has no operation {}", request.operation)))?;
    let mut settings = session.settings.endpoint_settings(model)?;
    if let Some(region) = region {
        settings.region = Some(region.to_string());
    }
    endpoints::resolve(model, operation, &input(request), &settings).map_err(|e| match e {
        EndpointError::NoRegion => Error::NoRegion,
        other => Error::General(other.to_string()),
    })
}

/// The request's URL, headers and signing, for `region` (see [`resolve`]).
pub fn target(
    session: &Session<'_>,
    request: &S3Request<'_>,
    region: Option<&str>,
) -> Result<Target, Error> {
    let key: CacheKey = (
        request.operation,
        request.bucket.map(str::to_string),
        region.map(str::to_string),
    );
    let cache = &session.s3_endpoints().known;
    let known = cache.borrow().get(&key).cloned();
    let destination = match known {
        Some(d) => d,
        None => {
            let d = Rc::new(destination(session, request, region)?);
            cache.borrow_mut().insert(key, Rc::clone(&d));
            d
        }
    };
    Ok(Target {
        url: addressing::url(&destination.base, request.key, &request.query),
        headers: destination.headers.clone(),
        signing_name: destination.signing_name.clone(),
        signing_region: destination.signing_region.clone(),
    })
}

fn destination(
    session: &Session<'_>,
    request: &S3Request<'_>,
    region: Option<&str>,
) -> Result<Destination, Error> {
    let resolved = resolve(session, request, region)?;
    let (signing_name, signing_region) = match &resolved.auth {
        Some(AuthScheme::SigV4 {
            signing_name,
            signing_region,
            ..
        }) => (signing_name.clone(), signing_region.clone()),
        None => (None, None),
    };
    let signing_region = signing_region
        .or_else(|| region.map(str::to_string))
        .or_else(|| session.settings.region.as_ref().map(|r| r.value.clone()))
        .unwrap_or_else(|| super::DEFAULT_REGION.to_string());
    Ok(Destination {
        base: resolved.url,
        headers: resolved
            .headers
            .iter()
            .map(|(name, values)| (name.to_ascii_lowercase(), values.join(",")))
            .collect(),
        signing_name: signing_name.unwrap_or_else(|| super::S3.signing_name.to_string()),
        signing_region,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `{"ref": NAME}` and `{NAME}` template the rule set holds.
    fn references(value: &Value, names: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(name)) = map.get("ref") {
                    names.push(name.clone());
                }
                map.values().for_each(|v| references(v, names));
            }
            Value::Array(items) => items.iter().for_each(|v| references(v, names)),
            Value::String(text) => {
                for part in text.split('{').skip(1) {
                    if let Some((name, _)) = part.split_once('}') {
                        names.push(name.split('#').next().unwrap_or_default().to_string());
                    }
                }
            }
            _ => {}
        }
    }

    /// The cache leaves the key, prefix and copy source out: S3's rules must not read them.
    #[test]
    fn s3_rules_never_read_the_key_prefix_or_copy_source() {
        let text = model().unwrap().endpoint_rule_set.unwrap();
        let rules: Value = serde_json::from_str(text).unwrap();
        let mut names = Vec::new();
        references(&rules["rules"], &mut names);
        assert!(
            names.iter().any(|n| n == "Bucket"),
            "the walk finds references"
        );
        for unread in ["Key", "Prefix", "CopySource"] {
            assert!(
                !names.iter().any(|n| n == unread),
                "{unread} is read by the rules"
            );
        }
    }
}
