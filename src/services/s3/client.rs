//! Sending one S3 operation: the endpoint S3's rules give (`endpoint.rs`), SigV4 in S3's
//! style, the client's retries, and one retry against the bucket's own region when S3
//! answers that the bucket lives elsewhere.

use super::endpoint::{self, Target};
use super::{S3, addressing, redirect};
use crate::error::Error;
use crate::http::sign::{Payload, Signer, host_header};
use crate::http::{Body, BodySink, HttpRequest, HttpResponse, Resume};
use crate::protocol::rest_xml;
use crate::services::Session;

/// S3 is the one service the CLI calls without a configured region.
pub const DEFAULT_REGION: &str = "us-east-1";

/// One S3 API call, before addressing and signing.
#[derive(Debug, Clone)]
pub struct S3Request<'a> {
    pub operation: &'static str,
    pub method: &'static str,
    pub bucket: Option<&'a str>,
    pub key: Option<&'a str>,
    /// Raw values; encoded when the URL is built.
    pub query: Vec<(&'static str, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// Signed as `UNSIGNED-PAYLOAD`: transfers carry a CRC32 checksum header instead, so the
    /// payload is never hashed with SHA-256.
    pub unsigned_payload: bool,
    /// A download: a body cut mid-way is resumed from where it stopped (see http::resume).
    pub resumable: bool,
}

impl<'a> S3Request<'a> {
    pub fn new(operation: &'static str, method: &'static str) -> Self {
        S3Request {
            operation,
            method,
            bucket: None,
            key: None,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::default(),
            unsigned_payload: false,
            resumable: false,
        }
    }

    pub fn bucket(mut self, bucket: &'a str) -> Self {
        self.bucket = Some(bucket);
        self
    }

    pub fn key(mut self, key: &'a str) -> Self {
        self.key = Some(key);
        self
    }

    pub fn query(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.push((name, value.into()));
        self
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_ascii_lowercase(), value.into()));
        self
    }

    /// `x-amz-request-payer: requester` when the caller accepts the charges.
    pub fn request_payer(self, payer: Option<&str>) -> Self {
        match payer {
            Some(p) => self.header("x-amz-request-payer", p),
            None => self,
        }
    }

    pub fn body(mut self, body: impl Into<bytes::Bytes>) -> Self {
        self.body = Body::Bytes(body.into());
        self
    }

    /// A download whose body, if cut mid-way, is resumed with a Range request for the rest.
    pub fn resumable(mut self) -> Self {
        self.resumable = true;
        self
    }

    /// A payload signed as `UNSIGNED-PAYLOAD` (its checksum header protects it instead): bytes,
    /// or a range of a file read as it is sent.
    pub fn unsigned_body(mut self, body: impl Into<Body>) -> Self {
        self.body = body.into();
        self.unsigned_payload = true;
        self
    }
}

/// The region S3 requests are signed for (before any redirect).
pub fn region<'s>(session: &'s Session<'_>) -> &'s str {
    session
        .settings
        .region
        .as_ref()
        .map_or(DEFAULT_REGION, |r| r.value.as_str())
}

/// Sends the request; a 2xx response is returned, any other is the service's error. A region
/// redirect is followed once: the endpoint is resolved again for the bucket's region (a
/// custom endpoint stays, signed for that region), except for an access point ARN, whose
/// region is the ARN's, as in the AWS CLI v2.
pub async fn send(session: &Session<'_>, request: &S3Request<'_>) -> Result<HttpResponse, Error> {
    send_into(session, request, None).await
}

/// As [`send`], with a 2xx body handed to `sink` as it arrives rather than held in memory (the
/// response's body is then empty).
pub async fn send_into(
    session: &Session<'_>,
    request: &S3Request<'_>,
    mut sink: Option<&mut dyn BodySink>,
) -> Result<HttpResponse, Error> {
    if let Some(key) = request.key.filter(|k| addressing::unsendable(k)) {
        return Err(Error::General(format!(
            "The key \"{key}\" cannot be sent in a request URL without addressing another key"
        )));
    }
    let known = request.bucket.and_then(redirect::known_region);
    let target = endpoint::target(session, request, known.as_deref())?;
    let response = send_to(session, request, &target, reborrow(&mut sink)).await?;
    let Some(actual) = redirect::bucket_region(&response)
        .filter(|r| *r != target.signing_region && !request.bucket.is_some_and(is_arn))
    else {
        return done(response, request);
    };
    session.http()?.log().log(
        "awsctl.s3",
        format_args!(
            "S3 client configured for region {} but the bucket {} is in region {actual}; retrying there.",
            target.signing_region,
            request.bucket.unwrap_or_default()
        ),
    );
    if let Some(bucket) = request.bucket {
        redirect::remember(bucket, &actual);
    }
    let target = endpoint::target(session, request, Some(&actual))?;
    let response = send_to(session, request, &target, sink).await?;
    done(response, request)
}

/// An access point (or other resource) ARN in place of a bucket name.
fn is_arn(bucket: &str) -> bool {
    bucket.starts_with("arn:")
}

/// The sink again for another call, the first borrow ending with that call.
fn reborrow<'a>(sink: &'a mut Option<&mut dyn BodySink>) -> Option<&'a mut dyn BodySink> {
    match sink {
        Some(sink) => Some(&mut **sink),
        None => None,
    }
}

fn done(response: HttpResponse, request: &S3Request<'_>) -> Result<HttpResponse, Error> {
    if (200..300).contains(&response.status) {
        Ok(response)
    } else {
        Err(Error::Service(rest_xml::parse_error(
            &response,
            request.operation,
        )))
    }
}

async fn send_to(
    session: &Session<'_>,
    request: &S3Request<'_>,
    target: &Target,
    sink: Option<&mut dyn BodySink>,
) -> Result<HttpResponse, Error> {
    let credentials = session.credentials().await?;
    let credentials = credentials.as_ref();
    let url = &target.url;
    let http = session.http()?;
    let mut build = |resume: Option<&Resume>| -> Result<HttpRequest, Error> {
        let mut headers = vec![("host".to_string(), host_header(url))];
        headers.extend(target.headers.iter().cloned());
        headers.extend(request.headers.iter().cloned());
        if let Some(resume) = resume {
            resume_headers(&mut headers, resume);
        }
        if let Some(credentials) = credentials {
            let signer = Signer {
                credentials,
                region: &target.signing_region,
                service: &target.signing_name,
                time: http.clock().now(),
                style: S3.style,
            };
            let signed = signer
                .sign_headers(
                    request.method,
                    url,
                    &headers,
                    match request.body.as_bytes() {
                        Some(bytes) if !request.unsigned_payload => Payload::Bytes(bytes),
                        // A file's bytes are never read to be signed.
                        _ => Payload::Unsigned,
                    },
                )
                .map_err(|e| Error::Signing(e.to_string()))?;
            headers.extend(signed.headers.into_iter().map(|(k, v)| (k.to_string(), v)));
        }
        Ok(HttpRequest {
            method: request.method,
            url: url.clone(),
            headers,
            body: request.body.clone(),
            resumable: request.resumable,
        })
    };
    let log_id = |id: &str| {
        http.log().log(
            "awsctl.s3",
            format_args!("{} request id: {id}", request.operation),
        )
    };
    let response = http
        .execute_accepting(
            request.operation,
            &mut build,
            &rest_xml::parse_error,
            |r| redirect::bucket_region(r).is_some(),
            sink,
        )
        .await
        .inspect_err(|e| {
            if let Error::Service(e) = e
                && let Some(id) = &e.request_id
            {
                log_id(id);
            }
        })?;
    if let Some(id) = response
        .header("x-amz-request-id")
        .or_else(|| response.header("x-amzn-requestid"))
    {
        log_id(id);
    }
    Ok(response)
}

/// The rest of the range after a cut, of the same object: S3 answers `If-Match` with 412
/// PreconditionFailed if the object changed meanwhile, so bytes of two versions never mix.
fn resume_headers(headers: &mut Vec<(String, String)>, resume: &Resume) {
    let range = headers
        .iter()
        .position(|(k, _)| k == "range")
        .map(|i| headers.remove(i).1);
    headers.push(("range".into(), resume.range(range.as_deref())));
    if let Some(etag) = &resume.etag {
        headers.push(("if-match".into(), etag.clone()));
    }
}
