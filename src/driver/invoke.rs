//! Sending a model-driven call: the parameters prepared as botocore prepares them (blobs,
//! idempotency tokens, validation), the session's region and credentials, the request written
//! by the service's protocol, signed, sent with retries, and the answer read back; a streaming
//! output payload goes to its file.

use std::path::Path;

use serde_json::{Map, Value};

use super::operation::Request;
use super::prepare::{self, BinaryFormat};
use super::{checksums, responses, validate};
use crate::commands::Outcome;
use crate::credentials::Credentials;
use crate::error::Error;
use crate::http::sign::{Payload, Signer, SigningStyle, host_header};
use crate::http::{HttpRequest, HttpResponse, Resume, endpoint};
use crate::model::{Operation, ServiceModel};
use crate::protocol::codec::{self, Codec};
use crate::services::Session;
use crate::services::paginate::{self, Paginated, PaginatorConfig, PagingArgs, PagingOptions};
use crate::settings::Settings;

pub async fn run(request: &Request, session: &Session<'_>) -> Result<Outcome, Error> {
    let settings = session.settings;
    let model = request.model;
    let operation = request.operation;
    let protocol = model.metadata.effective_protocol();
    let codec = protocol.and_then(codec::codec_for).ok_or_else(|| {
        Error::General(format!(
            "The {} protocol of {} is not supported yet.",
            model.metadata.protocol, request.service_cli
        ))
    })?;
    let region = region(session, model).await?;
    let mut params = request.call.params.clone();
    let input = match &operation.input {
        Some(r) => Some(model.shape(&r.shape)?),
        None => None,
    };
    let paging = match PaginatorConfig::for_operation(model, &operation.name)? {
        Some(config) => {
            let call = &request.call;
            let args = PagingArgs {
                starting_token: call.starting_token.clone(),
                page_size: call.page_size.clone(),
                max_items: call.max_items.clone(),
                no_paginate: !settings.paginate,
                command_line_members: call.command_line_members.clone(),
            };
            let mut options = PagingOptions::from_args(&config, input, &args, &mut params)?;
            options.add_ec2_default_page_size(&model.name, &operation.name, &params);
            Some((config, options))
        }
        None => None,
    };
    if let Some(input) = input {
        prepare::blobs(
            model,
            input,
            &mut params,
            &request.call.raw_blobs,
            binary_format(request.binary_format.as_deref(), settings)?,
        )?;
        prepare::idempotency_tokens(input, &mut params);
        prepare::route53_ids(&model.name, input, &mut params);
        checksums::ask_for_response_checksum(settings, operation, &mut params);
        validate::validate(model, input, &params)?;
    }
    let payload = match &request.call.streaming_input {
        Some((_, path)) => {
            Some(bytes::Bytes::from(std::fs::read(path).map_err(|e| {
                Error::General(format!("{}: {e}", path.display()))
            })?))
        }
        None => None,
    };
    let credentials = match operation.is_unsigned() {
        true => None,
        false => session.credentials().await?,
    };
    let sender = Sender {
        session,
        settings,
        model,
        operation,
        codec,
        region: &region,
        credentials: credentials.as_ref(),
        payload,
    };
    if let Some((config, options)) = &paging {
        let sender = &sender;
        let paged = paginate::run_paged(config, options, params, move |page| async move {
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
    let (mut value, body) = sender.send(&params).await?;
    if let (Some(member), Some(path)) = (&request.table.streaming_output, &request.call.outfile) {
        write_outfile(path, &body)?;
        if let Value::Object(map) = &mut value {
            map.shift_remove(member);
        }
    }
    Ok(Outcome::Response {
        operation: &operation.name,
        value,
    })
}

/// The region calls are made in; services with one global endpoint sign for us-east-1 when
/// none is configured.
async fn region(session: &Session<'_>, model: &ServiceModel) -> Result<String, Error> {
    match session.region_with_source().await? {
        Some((region, _)) => Ok(region),
        None if model.metadata.global_endpoint.is_some() => Ok("us-east-1".into()),
        None => Err(Error::NoRegion),
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
    session: &'a Session<'a>,
    settings: &'a Settings,
    model: &'static ServiceModel,
    operation: &'static Operation,
    codec: &'static dyn Codec,
    region: &'a str,
    credentials: Option<&'a Credentials>,
    payload: Option<bytes::Bytes>,
}

impl Sender<'_> {
    /// One request and its parsed answer, with the raw body (a streaming payload's bytes).
    async fn send(&self, params: &Map<String, Value>) -> Result<(Value, Vec<u8>), Error> {
        let model = self.model;
        let operation = self.operation;
        let wire = self.codec.serialize(model, operation, params)?;
        let base = self.endpoint(wire.host_prefix.as_deref())?;
        let url = format!("{base}{}", wire.uri());
        let mut headers = wire.headers.clone();
        headers.push(("host".to_string(), host_header(&url)));
        let body: bytes::Bytes = match &self.payload {
            Some(p) => p.clone(),
            None => wire.body.clone().into(),
        };
        checksums::add(self.settings, model, operation, params, &mut headers, &body)?;
        let method = static_method(&wire.method);
        let signing_name = model.metadata.signing_name();
        let style = match signing_name {
            "s3" | "s3-outposts" => SigningStyle::S3,
            _ => SigningStyle::Standard,
        };
        let http = self.session.http()?;
        let mut build = |_: Option<&Resume>| -> Result<HttpRequest, Error> {
            let mut headers = headers.clone();
            if let Some(credentials) = self.credentials {
                let signer = Signer {
                    credentials,
                    region: self.region,
                    service: signing_name,
                    time: http.clock().now(),
                    style,
                };
                let signed = signer
                    .sign_headers(method, &url, &headers, Payload::Bytes(&body))
                    .map_err(|e| Error::Signing(e.to_string()))?;
                headers.extend(signed.headers.into_iter().map(|(k, v)| (k.to_string(), v)));
            }
            Ok(HttpRequest {
                method,
                url: url.clone(),
                headers,
                body: body.clone(),
                resumable: false,
            })
        };
        let parse_error = |response: &HttpResponse, _: &'static str| {
            let headers = header_pairs(response);
            self.codec
                .parse_error(model, operation, &wire_response(response, &headers))
        };
        let response = http
            .execute(&operation.name, &mut build, &parse_error)
            .await?;
        let headers = header_pairs(&response);
        let received = wire_response(&response, &headers);
        // S3 answers some failures with 200 and an <Error> body.
        if self.codec.is_error(operation, &received) {
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
        Ok((value, response.body))
    }

    /// The configured endpoint URL, else the service's regional (or global) one; the
    /// operation's host prefix goes in front of the host, except on an IP address.
    fn endpoint(&self, host_prefix: Option<&str>) -> Result<String, Error> {
        let id = self
            .model
            .metadata
            .service_id
            .replace(' ', "_")
            .to_ascii_uppercase();
        let base = match self.settings.endpoint_url(&id) {
            Some(url) => endpoint::configured(&url)?,
            None => match &self.model.metadata.global_endpoint {
                Some(host) => format!("https://{host}"),
                None => endpoint::regional(
                    self.model
                        .metadata
                        .endpoint_prefix
                        .as_deref()
                        .unwrap_or(&self.model.name),
                    self.region,
                ),
            },
        };
        let Some(prefix) = host_prefix.filter(|p| !p.is_empty()) else {
            return Ok(base);
        };
        let Ok(mut url) = reqwest::Url::parse(&base) else {
            return Ok(base);
        };
        match url
            .host_str()
            .filter(|h| h.parse::<std::net::IpAddr>().is_err() && !h.starts_with('['))
        {
            Some(host) => {
                let prefixed = format!("{prefix}{host}");
                let _ = url.set_host(Some(&prefixed));
                Ok(url.as_str().trim_end_matches('/').to_string())
            }
            _ => Ok(base),
        }
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
