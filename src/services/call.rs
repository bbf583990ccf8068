//! One Query-protocol call with explicit region and credentials. The session uses it with
//! its own; the credential chain uses it with a source profile's (AssumeRole) or none at all
//! (AssumeRoleWithWebIdentity), which is why it does not go through the session.

use std::time::SystemTime;

use serde_json::Value;

use super::ServiceMeta;
use crate::credentials::Credentials;
use crate::error::Error;
use crate::http::sign::{Payload, Signer, host_header};
use crate::http::{HttpClient, HttpRequest, endpoint};
use crate::protocol::shape::Shape;
use crate::protocol::{ec2, query};
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

impl CallContext<'_> {
    pub fn endpoint(&self, service: &ServiceMeta) -> Result<String, Error> {
        let configured = match self.endpoint_option {
            true => self.settings.endpoint_url(service.id),
            false => self.settings.configured_endpoint_url(service.id),
        };
        match configured {
            Some(url) => Ok(endpoint::configured(&url)?),
            None => Ok(endpoint::regional(service.endpoint_prefix, self.region)),
        }
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

    /// The same for EC2, whose responses have no Result wrapper.
    pub async fn ec2(
        &self,
        operation: &'static str,
        params: &[(String, String)],
        output: &Shape,
    ) -> Result<Value, Error> {
        let body = self
            .post_form(&crate::services::ec2::EC2, ec2::VERSION, operation, params)
            .await?;
        ec2::parse_response(&body, output, self.settings.timestamp_format)
    }

    /// A form-encoded POST of `Action`, `Version` and the parameters, signed afresh for each
    /// attempt; the body of the successful response.
    async fn post_form(
        &self,
        service: &ServiceMeta,
        version: &str,
        operation: &'static str,
        params: &[(String, String)],
    ) -> Result<Vec<u8>, Error> {
        let url = format!("{}/", self.endpoint(service)?);
        let body = query::body(operation, version, params);
        let mut build = || -> Result<HttpRequest, Error> {
            let mut headers = vec![
                ("content-type".to_string(), query::CONTENT_TYPE.to_string()),
                ("host".to_string(), host_header(&url)),
            ];
            if let Some(credentials) = self.credentials {
                let signer = Signer {
                    credentials,
                    region: self.region,
                    service: service.signing_name,
                    time: SystemTime::now(),
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
                body: body.clone(),
            })
        };
        Ok(self
            .http
            .execute(operation, &mut build, query::parse_error)
            .await?
            .body)
    }
}
