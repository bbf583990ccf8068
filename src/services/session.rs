//! What every operation call shares: the resolved settings, the lazily built HTTP client,
//! the credentials found once by the chain, and the region and endpoint of each service.

use std::cell::OnceCell;
use std::time::SystemTime;

use serde_json::Value;

use crate::credentials::{self, ChainContext, Credentials};
use crate::error::Error;
use crate::http::sign::{Payload, Signer, SigningStyle, host_header};
use crate::http::{ErrorParser, HttpClient, HttpRequest, HttpResponse, endpoint};
use crate::protocol::shape::Shape;
use crate::protocol::{json, query};
use crate::settings::Settings;

/// A service's identity for endpoints and signing.
#[derive(Debug)]
pub struct ServiceMeta {
    /// As in `AWS_ENDPOINT_URL_<ID>` and `[services]` blocks (lower-cased there).
    pub id: &'static str,
    pub endpoint_prefix: &'static str,
    pub signing_name: &'static str,
    pub style: SigningStyle,
}

pub struct Session<'a> {
    pub settings: &'a Settings,
    http: OnceCell<HttpClient>,
    credentials: OnceCell<Credentials>,
}

impl<'a> Session<'a> {
    pub fn new(settings: &'a Settings) -> Self {
        Session {
            settings,
            http: OnceCell::new(),
            credentials: OnceCell::new(),
        }
    }

    /// The client is built on first use, so commands that fail early never pay for TLS set-up.
    pub fn http(&self) -> Result<&HttpClient, Error> {
        if let Some(client) = self.http.get() {
            return Ok(client);
        }
        let client = HttpClient::new(self.settings)?;
        Ok(self.http.get_or_init(|| client))
    }

    /// The credentials, found once; `None` with `--no-sign-request`.
    pub fn credentials(&self) -> Result<Option<&Credentials>, Error> {
        if !self.settings.sign_requests {
            return Ok(None);
        }
        if let Some(c) = self.credentials.get() {
            return Ok(Some(c));
        }
        let found = credentials::resolve(&ChainContext {
            env: &self.settings.env,
            files: &self.settings.files,
            profile: &self.settings.profile,
            profile_from_cli: self.settings.profile_from_cli,
        })?;
        Ok(Some(self.credentials.get_or_init(|| found)))
    }

    /// The region a regional service is called in; none configured is the CLI's NoRegion.
    pub fn region(&self) -> Result<&str, Error> {
        self.settings
            .region
            .as_ref()
            .map(|r| r.value.as_str())
            .ok_or(Error::NoRegion)
    }

    pub fn endpoint(&self, service: &ServiceMeta, region: &str) -> Result<String, Error> {
        match self.settings.endpoint_url(service.id) {
            Some(url) => Ok(endpoint::configured(&url)?),
            None => Ok(endpoint::regional(service.endpoint_prefix, region)),
        }
    }

    /// One JSON-protocol operation: the input as the JSON body, `X-Amz-Target` naming the
    /// operation, signed POST to `/`, retries, and the result decoded by `output`.
    pub async fn call_json(
        &self,
        service: &ServiceMeta,
        target_prefix: &str,
        operation: &'static str,
        input: &Value,
        output: &Shape,
    ) -> Result<Value, Error> {
        let region = self.region()?;
        self.credentials()?;
        let url = format!("{}/", self.endpoint(service, region)?);
        let body = serde_json::to_vec(input).expect("a JSON value always serialises");
        let headers = vec![
            ("content-type".to_string(), json::CONTENT_TYPE.to_string()),
            (
                "x-amz-target".to_string(),
                json::target(target_prefix, operation),
            ),
            ("host".to_string(), host_header(&url)),
        ];
        let response = self
            .send_signed(service, operation, &url, (headers, body), json::parse_error)
            .await?;
        json::parse_response(&response.body, output, self.settings.timestamp_format)
    }

    /// One Query-protocol operation: signed POST, retries, and the result decoded by `output`.
    pub async fn call_query(
        &self,
        service: &ServiceMeta,
        version: &str,
        operation: &'static str,
        params: &[(String, String)],
        output: &Shape,
    ) -> Result<Value, Error> {
        // Region first, then credentials: the CLI reports a missing region before missing keys.
        let region = self.region()?;
        self.credentials()?;
        let url = format!("{}/", self.endpoint(service, region)?);
        let body = query::body(operation, version, params);
        let headers = vec![
            ("content-type".to_string(), query::CONTENT_TYPE.to_string()),
            ("host".to_string(), host_header(&url)),
        ];
        let response = self
            .send_signed(
                service,
                operation,
                &url,
                (headers, body),
                query::parse_error,
            )
            .await?;
        query::parse_response(
            operation,
            &response.body,
            output,
            self.settings.timestamp_format,
        )
    }

    /// Signs a POST afresh for every attempt (unless unsigned), sends it with retries, and
    /// returns the 2xx response; error responses are read by the protocol of `headers`.
    async fn send_signed(
        &self,
        service: &ServiceMeta,
        operation: &'static str,
        url: &str,
        (headers, body): (Vec<(String, String)>, Vec<u8>),
        parse_error: ErrorParser,
    ) -> Result<HttpResponse, Error> {
        let region = self.region()?;
        let credentials = self.credentials()?;
        let http = self.http()?;
        let mut build = || -> Result<HttpRequest, Error> {
            let mut headers = headers.clone();
            if let Some(credentials) = credentials {
                let signer = Signer {
                    credentials,
                    region,
                    service: service.signing_name,
                    time: SystemTime::now(),
                    style: service.style,
                };
                let signed = signer
                    .sign_headers("POST", url, &headers, Payload::Bytes(&body))
                    .map_err(|e| Error::Signing(e.to_string()))?;
                headers.extend(signed.headers.into_iter().map(|(k, v)| (k.to_string(), v)));
            }
            Ok(HttpRequest {
                method: "POST",
                url: url.to_string(),
                headers,
                body: body.clone(),
            })
        };
        http.execute(operation, &mut build, parse_error).await
    }
}
