//! Sending a model-driven call: the parameters prepared as botocore prepares them (blobs,
//! idempotency tokens, validation), the session's region and credentials, the request written
//! by the service's protocol, signed, sent with retries, and the answer read back; a streaming
//! output payload goes to its file.

use std::path::Path;

use serde_json::{Map, Value};

use super::call::Call;
use super::operation::Request;
use super::prepare::{self, BinaryFormat};
use super::{checksums, responses, s3_list_keys, validate};
use crate::commands::Outcome;
use crate::credentials::Credentials;
use crate::endpoints::{self, AuthScheme, EndpointError, EndpointSettings, ResolvedEndpoint};
use crate::error::Error;
use crate::http::sign::{Payload, Signer, SigningStyle, host_header};
use crate::http::{HttpRequest, HttpResponse, Resume};
use crate::model::{Operation, ServiceModel, Shape};
use crate::protocol::codec::{self, Codec, HttpRequest as WireRequest};
use crate::services::Session;
use crate::services::paginate::{self, Paginated, PagingArgs, PagingOptions};
use crate::services::s3::redirect;
use crate::settings::Settings;

pub async fn run(request: &Request, session: &Session<'_>) -> Result<Outcome, Error> {
    let settings = session.settings;
    let model = request.model;
    let operation = request.operation;
    let codec = codec_of(model, request.service_cli)?;
    let region = session.region_with_source().await?.map(|(r, _)| r);
    let mut params = request.call.params.clone();
    let input = input_shape(model, operation)?;
    let paging = paging_for(request, settings, input, &mut params)?;
    let format = binary_format(request.binary_format.as_deref(), settings)?;
    let decode_keys = prepare_params(
        model,
        operation,
        &mut params,
        &request.call,
        format,
        settings,
    )?;
    let payload = read_payload(&request.call)?;
    let endpoints = endpoint_settings(session, model, region.clone())?;
    // The endpoint is resolved before anything else can fail, as a client is made first.
    resolve_endpoint(model, operation, &params, &endpoints)?;
    let credentials = credentials_for(session, operation).await?;
    let sender = Sender {
        input,
        session,
        settings,
        model,
        operation,
        codec,
        endpoints: &endpoints,
        credentials: credentials.as_ref(),
        payload,
        decode_keys,
    };
    if let Some((config, options)) = paging {
        let sender = &sender;
        let paged = paginate::run_paged(config, &options, params, move |page| async move {
            sender.send(&page).await.map(|(value, _)| value)
        })
        .await?;
        return Ok(match paged {
            Paginated::Response(value) => Outcome::Response {
                operation: &operation.name,
                value,
            },
            Paginated::Pages(pages) => Outcome::Pages {
                operation: &operation.name,
                pages,
            },
        });
    }
    let (value, body) = sender.send(&params).await?;
    Ok(Outcome::Response {
        operation: &operation.name,
        value: after_response(request, value, &body)?,
    })
}

/// The paginator's options when the operation pages: the CLI's paging arguments and the
/// service's own paging members (moved from `params`), EC2's default page size.
fn paging_for<'r>(
    request: &'r Request,
    settings: &Settings,
    input: Option<&'static Shape>,
    params: &mut Map<String, Value>,
) -> Result<Option<(&'r paginate::PaginatorConfig, PagingOptions)>, Error> {
    let Some(config) = &request.table.paging else {
        return Ok(None);
    };
    let call = &request.call;
    let args = PagingArgs {
        starting_token: call.starting_token.clone(),
        page_size: call.page_size.clone(),
        max_items: call.max_items.clone(),
        no_paginate: !settings.paginate,
        command_line_members: call.command_line_members.clone(),
    };
    let mut options = PagingOptions::from_args(config, input, &args, params)?;
    options.add_ec2_default_page_size(&request.model.name, &request.operation.name, params);
    Ok(Some((config, options)))
}

/// A streaming input member's body, read from the file given for it.
fn read_payload(call: &Call) -> Result<Option<bytes::Bytes>, Error> {
    let Some((_, path)) = &call.streaming_input else {
        return Ok(None);
    };
    let bytes =
        std::fs::read(path).map_err(|e| Error::General(format!("{}: {e}", path.display())))?;
    Ok(Some(bytes::Bytes::from(bytes)))
}

/// The answer as the command shows it: a customization's change, a streaming payload written
/// to its outfile and left out.
fn after_response(request: &Request, mut value: Value, body: &[u8]) -> Result<Value, Error> {
    if let Some(after) = &request.call.after_call {
        (after.run)(after, &mut value)?;
    }
    if let (Some(member), Some(path)) = (&request.table.streaming_output, &request.call.outfile) {
        write_outfile(path, body)?;
        if let Value::Object(map) = &mut value {
            map.shift_remove(member);
        }
    }
    Ok(value)
}

/// One call of `operation` with `params` as a command line's parameters would be (blob members
/// as base64 text, timestamps as text or numbers), without paging: for the code that calls
/// operations itself (waiters, customizations, credential providers). A service's error is
/// `Error::Service`, so callers can match its code.
pub async fn call(
    session: &Session<'_>,
    model: &'static ServiceModel,
    operation: &'static Operation,
    params: Map<String, Value>,
) -> Result<Value, Error> {
    let service_cli = &model.name;
    once(
        session,
        model,
        operation,
        service_cli,
        params,
        &Call::default(),
        BinaryFormat::Base64,
    )
    .await
}

/// One request of `operation`, its parameters prepared, no paging.
async fn once(
    session: &Session<'_>,
    model: &'static ServiceModel,
    operation: &'static Operation,
    service_cli: &str,
    mut params: Map<String, Value>,
    given: &Call,
    format: BinaryFormat,
) -> Result<Value, Error> {
    let settings = session.settings;
    let codec = codec_of(model, service_cli)?;
    let region = session.region_with_source().await?.map(|(r, _)| r);
    let decode_keys = prepare_params(model, operation, &mut params, given, format, settings)?;
    let endpoints = endpoint_settings(session, model, region.clone())?;
    resolve_endpoint(model, operation, &params, &endpoints)?;
    let credentials = credentials_for(session, operation).await?;
    let sender = Sender {
        input: input_shape(model, operation)?,
        session,
        settings,
        model,
        operation,
        codec,
        endpoints: &endpoints,
        credentials: credentials.as_ref(),
        payload: None,
        decode_keys,
    };
    sender.send(&params).await.map(|(value, _)| value)
}

/// [`call`] by names: the model's service name (`ecr`, `sso-oidc`, `s3`) and the operation's
/// model name (`GetAuthorizationToken`).
pub async fn call_named(
    session: &Session<'_>,
    service: &str,
    operation: &str,
    params: Map<String, Value>,
) -> Result<Value, Error> {
    let (model, operation) = named(service, operation)?;
    call(session, model, operation, params).await
}

/// A service's model and one of its operations, by their model names.
fn named(
    service: &str,
    operation: &str,
) -> Result<(&'static ServiceModel, &'static Operation), Error> {
    let model = crate::model::embedded::service(service)
        .ok_or_else(|| Error::General(format!("no model for the service {service}")))??;
    let operation = model
        .operation(operation)?
        .ok_or_else(|| Error::General(format!("{service} has no operation {operation}")))?;
    Ok((model, operation))
}

/// The endpoint URL a call of `operation` would go to, resolved as [`call`] resolves it
/// (for pages that hang from a service's endpoint but are not operations, such as SSO-OIDC's
/// `/authorize`).
pub async fn endpoint_named(
    session: &Session<'_>,
    service: &str,
    operation: &str,
) -> Result<String, Error> {
    let (model, operation) = named(service, operation)?;
    let region = session.region_with_source().await?.map(|(r, _)| r);
    let endpoints = endpoint_settings(session, model, region)?;
    Ok(resolve_endpoint(model, operation, &Map::new(), &endpoints)?.url)
}

/// A planned command's call made once, its own paging options ignored (waiters poll this way).
pub async fn call_request(request: &Request, session: &Session<'_>) -> Result<Value, Error> {
    let format = binary_format(request.binary_format.as_deref(), session.settings)?;
    once(
        session,
        request.model,
        request.operation,
        request.service_cli,
        request.call.params.clone(),
        &request.call,
        format,
    )
    .await
}

fn codec_of(model: &ServiceModel, service_cli: &str) -> Result<&'static dyn Codec, Error> {
    let protocol = model.metadata.effective_protocol();
    protocol.and_then(codec::codec_for).ok_or_else(|| {
        Error::General(format!(
            "The {} protocol of {service_cli} is not supported yet.",
            model.metadata.protocol
        ))
    })
}

fn input_shape(
    model: &'static ServiceModel,
    operation: &Operation,
) -> Result<Option<&'static Shape>, Error> {
    Ok(match &operation.input {
        Some(r) => Some(model.shape(&r.shape)?),
        None => None,
    })
}

/// Parameters prepared as botocore prepares them: blobs, idempotency tokens, Route 53 ids, the
/// response checksum asked for, S3 list keys URL-encoded. True when the answer's keys must be
/// decoded.
fn prepare_params(
    model: &'static ServiceModel,
    operation: &Operation,
    params: &mut Map<String, Value>,
    given: &Call,
    format: BinaryFormat,
    settings: &Settings,
) -> Result<bool, Error> {
    if let Some(input) = input_shape(model, operation)? {
        prepare::blobs(model, input, params, &given.raw_blobs, format)?;
        prepare::idempotency_tokens(input, params);
        prepare::route53_ids(&model.name, input, params);
        prepare::user_data(&model.name, &operation.name, params, &given.binary_texts);
        checksums::ask_for_response_checksum(settings, operation, params);
    }
    Ok(s3_list_keys::ask_for_encoded_keys(
        &model.name,
        &operation.name,
        params,
    ))
}

fn endpoint_settings(
    session: &Session<'_>,
    model: &ServiceModel,
    region: Option<String>,
) -> Result<EndpointSettings, Error> {
    let endpoints = session.settings.endpoint_settings(model)?;
    Ok(EndpointSettings {
        region,
        ..endpoints
    })
}

async fn credentials_for(
    session: &Session<'_>,
    operation: &Operation,
) -> Result<Option<Credentials>, Error> {
    match operation.is_unsigned() {
        true => Ok(None),
        false => session.credentials().await,
    }
}

/// `cli_binary_format`: the option, else the profile's setting, else base64.
fn binary_format(option: Option<&str>, settings: &Settings) -> Result<BinaryFormat, Error> {
    let name = option
        .map(str::to_string)
        .or_else(|| settings.profile_config.get("cli_binary_format").cloned());
    match name {
        None => Ok(BinaryFormat::Base64),
        Some(name) => BinaryFormat::from_name(&name).ok_or_else(|| {
            Error::Configuration(format!(
                "Unknown cli_binary_format value: {name}, valid values are: base64, raw-in-base64-out"
            ))
        }),
    }
}

struct Sender<'a> {
    input: Option<&'static Shape>,
    session: &'a Session<'a>,
    settings: &'a Settings,
    model: &'static ServiceModel,
    operation: &'static Operation,
    codec: &'static dyn Codec,
    endpoints: &'a EndpointSettings,
    credentials: Option<&'a Credentials>,
    payload: Option<bytes::Bytes>,
    /// The keys of an S3 list answer come URL-encoded because we asked for it.
    decode_keys: bool,
}

impl Sender<'_> {
    /// One request and its parsed answer, with the raw body (a streaming payload's bytes). An
    /// S3 bucket in another region than the request was signed for is followed once, as the
    /// AWS CLI v2 does: the endpoint is resolved again for the bucket's region (taken from the
    /// answer's `x-amz-bucket-region` or its error body) and the region is remembered for the
    /// rest of the run. An access point ARN is never redirected (its region is the ARN's).
    async fn send(&self, params: &Map<String, Value>) -> Result<(Value, Vec<u8>), Error> {
        let bucket = redirectable_bucket(self.model, params);
        let known = bucket.and_then(redirect::known_region);
        let region = known.as_deref().or(self.endpoints.region.as_deref());
        let response = self.send_in(params, region, bucket.is_some()).await?;
        let Some(bucket) = bucket else {
            return self.read_answer(response);
        };
        let Some(actual) =
            redirect::bucket_region(&response).filter(|r| Some(r.as_str()) != region)
        else {
            return self.read_answer(response);
        };
        self.session.http()?.log().log(
            "awsctl.s3",
            format_args!(
                "S3 client configured for region {} but the bucket {bucket} is in region {actual}; retrying there.",
                region.unwrap_or("us-east-1")
            ),
        );
        redirect::remember(bucket, &actual);
        let response = self.send_in(params, Some(&actual), true).await?;
        self.read_answer(response)
    }

    /// One request with the endpoint resolved for `region`; a region redirect is handed back
    /// as an answer when `redirects` (its headers say where to go), any other error is the
    /// service's.
    async fn send_in(
        &self,
        params: &Map<String, Value>,
        region: Option<&str>,
        redirects: bool,
    ) -> Result<HttpResponse, Error> {
        let model = self.model;
        let operation = self.operation;
        // Every request is validated, each page's too (`--page-size 0` fails here).
        if let Some(input) = self.input {
            validate::validate(model, input, params)?;
        }
        let wire = self.codec.serialize(model, operation, params)?;
        let endpoints = EndpointSettings {
            region: region.map(str::to_string),
            ..self.endpoints.clone()
        };
        let resolved = resolve_endpoint(model, operation, params, &endpoints)?;
        let unsigned = self.unsigned_request(params, &wire, &resolved)?;
        let signing = self.signing(&resolved, region);
        let http = self.session.http()?;
        let mut build = |_: Option<&Resume>| -> Result<HttpRequest, Error> {
            let mut request = unsigned.clone();
            if let Some(credentials) = self.credentials {
                let signer = Signer {
                    credentials,
                    region: &signing.region,
                    service: &signing.name,
                    time: http.clock().now(),
                    style: signing.style,
                };
                let signed = signer
                    .sign_headers(
                        request.method,
                        &request.url,
                        &request.headers,
                        Payload::Bytes(&unsigned.body),
                    )
                    .map_err(|e| Error::Signing(e.to_string()))?;
                let signed = signed.headers.into_iter().map(|(k, v)| (k.to_string(), v));
                request.headers.extend(signed);
            }
            Ok(request.into_http())
        };
        let parse_error = |response: &HttpResponse, _: &'static str| {
            let headers = header_pairs(response);
            self.codec
                .parse_error(model, operation, &wire_response(response, &headers))
        };
        let accept: fn(&HttpResponse) -> bool = match redirects {
            true => |r| redirect::bucket_region(r).is_some(),
            false => |_| false,
        };
        http.execute_accepting(&operation.name, &mut build, &parse_error, accept, None)
            .await
    }

    /// The request as it goes out before signing: URL from the endpoint and the serialized
    /// path and query, the endpoint's and the checksum headers, the body or streaming payload.
    fn unsigned_request(
        &self,
        params: &Map<String, Value>,
        wire: &WireRequest,
        resolved: &ResolvedEndpoint,
    ) -> Result<Unsigned, Error> {
        let (model, operation) = (self.model, self.operation);
        let mut url = endpoints::join_url(
            &resolved.url,
            &request_path(model, operation, wire),
            wire.host_prefix.as_deref(),
        );
        if !wire.query.is_empty() {
            url = format!("{url}?{}", wire.query);
        }
        let mut headers = wire.headers.clone();
        for (name, values) in &resolved.headers {
            headers.push((name.clone(), values.join(",")));
        }
        headers.push(("host".to_string(), host_header(&url)));
        let body: bytes::Bytes = match &self.payload {
            Some(p) => p.clone(),
            None => wire.body.clone().into(),
        };
        checksums::add(self.settings, model, operation, params, &mut headers, &body)?;
        Ok(Unsigned {
            method: static_method(&wire.method),
            url,
            headers,
            body,
        })
    }

    /// Signing name, region and style: the endpoint's auth scheme first, then the model's
    /// signing name and the session's region.
    fn signing(&self, resolved: &ResolvedEndpoint, fallback_region: Option<&str>) -> Signing {
        let (name, region, single_encoding) = match &resolved.auth {
            Some(AuthScheme::SigV4 {
                signing_name,
                signing_region,
                disable_double_encoding,
            }) => (
                signing_name.clone(),
                signing_region.clone(),
                *disable_double_encoding,
            ),
            None => (None, None, false),
        };
        let name = name.unwrap_or_else(|| self.model.metadata.signing_name().to_string());
        let region = region
            .or_else(|| fallback_region.map(str::to_string))
            .unwrap_or_else(|| "us-east-1".to_string());
        let style = match name.as_str() {
            "s3" | "s3-outposts" | "s3-object-lambda" | "s3express" => SigningStyle::S3,
            _ if single_encoding => SigningStyle::S3,
            _ => SigningStyle::Standard,
        };
        Signing {
            name,
            region,
            style,
        }
    }

    /// The answer read back: S3's errors with a 200, the response checksum, the parsed
    /// output after the CLI's response handlers, S3 list keys decoded.
    fn read_answer(&self, response: HttpResponse) -> Result<(Value, Vec<u8>), Error> {
        let (model, operation) = (self.model, self.operation);
        let headers = header_pairs(&response);
        let received = wire_response(&response, &headers);
        // S3 answers some failures with 200 and an <Error> body; a redirect answered again
        // after it was followed is the service's error too.
        if !(200..300).contains(&response.status) || self.codec.is_error(operation, &received) {
            return Err(self.codec.parse_error(model, operation, &received).into());
        }
        checksums::verify_response(operation, &headers, &response.body)?;
        let mut value =
            self.codec
                .parse(model, operation, &received, self.settings.timestamp_format)?;
        let output = match &operation.output {
            Some(r) => Some(model.shape(&r.shape)?),
            None => None,
        };
        responses::after_call(model, output, &mut value)?;
        if self.decode_keys {
            s3_list_keys::decode_keys(&operation.name, &mut value);
        }
        Ok((value, response.body))
    }
}

/// How a request is signed.
struct Signing {
    name: String,
    region: String,
    style: SigningStyle,
}

/// A request ready to sign; each attempt signs a copy.
#[derive(Clone)]
struct Unsigned {
    method: &'static str,
    url: String,
    headers: Vec<(String, String)>,
    body: bytes::Bytes,
}

impl Unsigned {
    fn into_http(self) -> HttpRequest {
        HttpRequest {
            method: self.method,
            url: self.url,
            headers: self.headers,
            body: self.body.into(),
            resumable: false,
        }
    }
}
/// The bucket an S3 request names, when a region redirect may be followed for it (not an
/// access point or other ARN).
fn redirectable_bucket<'p>(
    model: &ServiceModel,
    params: &'p Map<String, Value>,
) -> Option<&'p str> {
    if model.name != "s3" {
        return None;
    }
    params
        .get("Bucket")
        .and_then(Value::as_str)
        .filter(|b| !b.starts_with("arn:"))
}

/// The endpoint the rules give for this request; a rule set's refusal or a missing region is
/// the CLI's error.
fn resolve_endpoint(
    model: &ServiceModel,
    operation: &Operation,
    params: &Map<String, Value>,
    settings: &EndpointSettings,
) -> Result<ResolvedEndpoint, Error> {
    endpoints::resolve(model, operation, params, settings).map_err(|e| match e {
        EndpointError::NoRegion => Error::NoRegion,
        other => Error::General(other.to_string()),
    })
}

/// The request's path (without its query): S3's bucket is the endpoint's business (a host or a path segment the
/// rules chose), so the `{Bucket}` segment the model starts its URIs with is left out, as
/// botocore leaves it out.
fn request_path(model: &ServiceModel, operation: &Operation, wire: &WireRequest) -> String {
    let path = &wire.path;
    if model.name != "s3" || !operation.http.request_uri.starts_with("/{Bucket}") {
        return path.clone();
    }
    match path[1..].find('/') {
        Some(i) => path[1 + i..].to_string(),
        None => "/".to_string(),
    }
}

fn static_method(method: &str) -> &'static str {
    match method {
        "GET" => "GET",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "HEAD" => "HEAD",
        "PATCH" => "PATCH",
        _ => "POST",
    }
}

fn header_pairs(response: &HttpResponse) -> Vec<(String, String)> {
    response
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

fn wire_response<'a>(
    response: &'a HttpResponse,
    headers: &'a [(String, String)],
) -> codec::HttpResponse<'a> {
    codec::HttpResponse {
        status: response.status,
        headers,
        body: &response.body,
    }
}

/// Writes a streaming payload to its file whole or not at all.
fn write_outfile(path: &Path, body: &[u8]) -> Result<(), Error> {
    crate::fs::write_whole(path, body, 0o666).map_err(Error::Io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_leaves_the_bucket_to_the_endpoint() {
        let model = crate::model::embedded::service("s3").unwrap().unwrap();
        let path = |op: &str, path: &str| {
            let operation = model.operation(op).unwrap().unwrap();
            let wire = WireRequest {
                path: path.into(),
                ..Default::default()
            };
            request_path(model, operation, &wire)
        };
        assert_eq!(path("GetObject", "/b/dir/k"), "/dir/k");
        assert_eq!(path("ListObjectsV2", "/b"), "/");
        assert_eq!(path("ListBuckets", "/"), "/");
    }
}
