//! The endpoint a request uses: the rules' URL and headers, and the signature their
//! `authSchemes` property asks for. Only SigV4 is signed today; a rule set that offers
//! nothing else (S3 multi-region access points want SigV4a, directory buckets
//! `sigv4-s3express`) gives a clear error rather than a request signed the wrong way.

use serde_json::{Map, Value};

use super::{Endpoint, EndpointError};

/// How to sign for this endpoint, from the rules' `authSchemes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthScheme {
    SigV4 {
        /// Overrides the model's signing name (`s3-outposts`, `s3-object-lambda`).
        signing_name: Option<String>,
        /// Overrides the client's region (`us-east-1` for global endpoints).
        signing_region: Option<String>,
        disable_double_encoding: bool,
    },
}

/// An endpoint ready for a request.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedEndpoint {
    pub url: String,
    pub headers: Vec<(String, Vec<String>)>,
    /// `None` when the rules say nothing: sign as the model says.
    pub auth: Option<AuthScheme>,
    /// Every property, as the rules gave them (`backend`, `metricValues`, ...).
    pub properties: Map<String, Value>,
}

impl ResolvedEndpoint {
    pub fn from_endpoint(endpoint: Endpoint) -> Result<ResolvedEndpoint, EndpointError> {
        let auth = choose(endpoint.properties.get("authSchemes"))?;
        Ok(ResolvedEndpoint {
            url: endpoint.url,
            headers: endpoint.headers,
            auth,
            properties: endpoint.properties,
        })
    }
}

/// The first scheme awsctl can sign with, in the rules' order of preference.
fn choose(schemes: Option<&Value>) -> Result<Option<AuthScheme>, EndpointError> {
    let Some(Value::Array(schemes)) = schemes else {
        return Ok(None);
    };
    let text = |s: &Value, k: &str| s.get(k).and_then(Value::as_str).map(str::to_string);
    for scheme in schemes {
        if scheme.get("name").and_then(Value::as_str) == Some("sigv4") {
            return Ok(Some(AuthScheme::SigV4 {
                signing_name: text(scheme, "signingName"),
                signing_region: text(scheme, "signingRegion"),
                disable_double_encoding: scheme
                    .get("disableDoubleEncoding")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            }));
        }
    }
    match schemes
        .first()
        .and_then(|s| s.get("name"))
        .and_then(Value::as_str)
    {
        Some(name) => Err(EndpointError::UnsupportedAuth {
            scheme: name.to_string(),
        }),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn endpoint(properties: Value) -> Endpoint {
        Endpoint {
            url: "https://example.com".into(),
            headers: Vec::new(),
            properties: properties.as_object().unwrap().clone(),
        }
    }

    #[test]
    fn sigv4_overrides_come_through() {
        let e = endpoint(
            json!({"authSchemes": [{"name": "sigv4", "signingName": "s3",
            "signingRegion": "us-east-1", "disableDoubleEncoding": true}]}),
        );
        assert_eq!(
            ResolvedEndpoint::from_endpoint(e).unwrap().auth,
            Some(AuthScheme::SigV4 {
                signing_name: Some("s3".into()),
                signing_region: Some("us-east-1".into()),
                disable_double_encoding: true
            })
        );
    }

    #[test]
    fn sigv4_is_chosen_when_offered_after_sigv4a() {
        let e = endpoint(json!({"authSchemes": [{"name": "sigv4a"}, {"name": "sigv4"}]}));
        assert!(matches!(
            ResolvedEndpoint::from_endpoint(e).unwrap().auth,
            Some(AuthScheme::SigV4 { .. })
        ));
    }

    #[test]
    fn sigv4a_and_s3express_alone_are_not_supported_yet() {
        for name in ["sigv4a", "sigv4-s3express"] {
            let e = endpoint(json!({"authSchemes": [{"name": name}]}));
            let err = ResolvedEndpoint::from_endpoint(e).unwrap_err();
            assert_eq!(
                err,
                EndpointError::UnsupportedAuth {
                    scheme: name.into()
                }
            );
            assert!(err.to_string().contains("does not support yet"));
        }
    }

    #[test]
    fn no_schemes_means_the_models_signing() {
        let e = endpoint(json!({}));
        assert_eq!(ResolvedEndpoint::from_endpoint(e).unwrap().auth, None);
    }
}
