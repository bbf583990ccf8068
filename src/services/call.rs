//! One Query-protocol call with explicit region and credentials, sent where the service's
//! endpoint rules say. The session uses it with its own; the credential chain uses it with a
//! source profile's (AssumeRole) or none at all (AssumeRoleWithWebIdentity), which is why it
//! does not go through the session.

use serde_json::{Map, Value};

use super::ServiceMeta;
use crate::credentials::Credentials;
use crate::endpoints::{self, AuthScheme, EndpointError};
use crate::error::Error;
use crate::http::sign::{Payload, Signer, host_header};
use crate::http::{ErrorParser, HttpClient, HttpRequest, Resume};
use crate::protocol::query;
use crate::protocol::shape::Shape;
use crate::settings::Settings;

/// What a call needs besides its own parameters.
pub struct CallContext<'a> {
    pub settings: &'a Settings,
    pub http: &'a HttpClient,
    pub region: &'a str,
    /// `None` sends the request unsigned.
    pub credentials: Option<&'a Credentials>,
    /// Whether `--endpoint-url` applies: it does to the command's own calls, not to the STS
    /// calls the credential chain makes.
    pub endpoint_option: bool,
}

/// Where a call goes and how it is signed, from the service's endpoint rules.
struct Destination {
    url: String,
    signing_region: String,
}

impl CallContext<'_> {
    /// The endpoint the service's rules give for this operation in the call's region, with the
    /// settings (FIPS, dual-stack, `sts_regional_endpoints`, the custom endpoint), as the
    /// model-driven commands resolve theirs.
    fn destination(&self, service: &ServiceMeta, operation: &str) -> Result<Destination, Error> {
        let name = service.endpoint_prefix;
        let model = crate::model::embedded::service(name)
            .ok_or_else(|| Error::General(format!("no model for the service {name}")))??;
        let op = model
            .operation(operation)?
            .ok_or_else(|| Error::General(format!("{name} has no operation {operation}")))?;
        let mut settings = self.settings.endpoint_settings(model)?;
        settings.region = Some(self.region.to_string());
        if !self.endpoint_option {
            settings.endpoint_url = self.settings.configured_endpoint_url(service.id);
        }
        let resolved =
            endpoints::resolve(model, op, &Map::new(), &settings).map_err(|e| match e {
                EndpointError::NoRegion => Error::NoRegion,
                other => Error::General(other.to_string()),
            })?;
        let signing_region = match resolved.auth {
            Some(AuthScheme::SigV4 {
                signing_region: Some(region),
                ..
            }) => region,
            _ => self.region.to_string(),
        };
        Ok(Destination {
            url: endpoints::join_url(&resolved.url, "/", None),
            signing_region,
        })
    }

    /// Signed POST, retries, and the `<Op>Result` element decoded by `output`.
    pub async fn query(
        &self,
        service: &ServiceMeta,
        version: &str,
        operation: &'static str,
        params: &[(String, String)],
        output: &Shape,
    ) -> Result<Value, Error> {
        let body = self.post_form(service, version, operation, params).await?;
        query::parse_response(operation, &body, output, self.settings.timestamp_format)
    }

    /// A form-encoded POST of `Action`, `Version` and the parameters; the successful body.
    async fn post_form(
        &self,
        service: &ServiceMeta,
        version: &str,
        operation: &'static str,
        params: &[(String, String)],
    ) -> Result<Vec<u8>, Error> {
        let headers = vec![("content-type".to_string(), query::CONTENT_TYPE.to_string())];
        let body = query::body(operation, version, params);
        self.send_signed(service, operation, headers, body, &query::parse_error)
            .await
    }

    /// A POST to the service's endpoint, signed afresh for each attempt (unless unsigned), with
    /// retries; the body of the successful response. Error responses are read by `parse_error`.
    async fn send_signed(
        &self,
        service: &ServiceMeta,
        operation: &'static str,
        mut headers: Vec<(String, String)>,
        body: Vec<u8>,
        parse_error: ErrorParser<'_>,
    ) -> Result<Vec<u8>, Error> {
        let Destination {
            url,
            signing_region,
        } = self.destination(service, operation)?;
        headers.push(("host".to_string(), host_header(&url)));
        // POSTs are never resumed: the resume point is always `None` here.
        let mut build = |_: Option<&Resume>| -> Result<HttpRequest, Error> {
            let mut headers = headers.clone();
            if let Some(credentials) = self.credentials {
                let signer = Signer {
                    credentials,
                    region: &signing_region,
                    service: service.signing_name,
                    time: self.http.clock().now(),
                    style: service.style,
                };
                let signed = signer
                    .sign_headers("POST", &url, &headers, Payload::Bytes(&body))
                    .map_err(|e| Error::Signing(e.to_string()))?;
                headers.extend(signed.headers.into_iter().map(|(k, v)| (k.to_string(), v)));
            }
            Ok(HttpRequest {
                method: "POST",
                url: url.clone(),
                headers,
                body: body.clone().into(),
                resumable: false,
            })
        };
        Ok(self
            .http
            .execute(operation, &mut build, parse_error)
            .await?
            .body)
    }
}
