//! The model-driven codecs: one serializer and parser per wire protocol, all behind
//! [`Codec`], driven by an operation of a [`ServiceModel`] and touching only the shapes that
//! operation's input, output and errors reach.
//!
//! Protocols: `query`, `ec2`, `json` (1.0 and 1.1, with the error codes of
//! `awsQueryCompatible` services), `rest-json` and `rest-xml` (S3's quirks included).
//! `smithy-rpc-v2-cbor` and event streams are not here yet: [`codec_for`] answers `None` for
//! the former, and event-stream members are neither sent nor read.
//!
//! Conventions shared with the driver:
//! - Input parameters are JSON as the driver builds them: blobs as base64 text (decoded only
//!   where the wire carries raw bytes: a blob payload), timestamps as epoch seconds or any
//!   text [`crate::driver::timestamps::parse`] reads. Idempotency tokens are filled in by
//!   the caller before [`Codec::serialize`].
//! - A streaming input payload (`streaming` blob) is not read from the parameters:
//!   serialize leaves [`HttpRequest::body`] empty and sets no header for it; the caller puts
//!   the bytes in afterwards.
//! - Output is JSON in botocore's order: the model's member order, except that in the REST
//!   protocols the members read from the status line and headers come first (each group in
//!   model order), as the CLI prints them. Absent members are left out, blobs are base64
//!   text, timestamps rendered per [`TimestampFormat`]. A streaming output payload is not
//!   read: parse returns the other members and the caller handles the body
//!   ([`streaming_payload`] names the member).
//! - Responses: a non-2xx status is an error ([`Codec::is_error`] also catches S3's 200
//!   with an `<Error>` body, and rest-xml's [`Codec::parse`] returns that error as
//!   `Error::Service`); [`Codec::parse_error`] reads it.
//! - Not done here: signing, `Content-Length`, checksums (`httpChecksum`, Content-MD5),
//!   request compression; the endpoint (the caller joins its path before
//!   [`HttpRequest::path`] and puts [`HttpRequest::host_prefix`] before its host).

mod errors;
mod form;
mod json;
mod json_body;
mod rest;
mod rest_json;
mod rest_xml;
mod scalar;
mod xml_read;
mod xml_write;

use serde_json::Value;

use crate::error::{Error, ServiceError};
use crate::model::{Location, Operation, Protocol, ServiceModel, ShapeRef};
use crate::settings::TimestampFormat;

/// A request ready to sign and send (less its host: the endpoint is the caller's).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpRequest {
    pub method: String,
    /// The percent-encoded path, starting with `/`.
    pub path: String,
    /// The query string, already percent-encoded, without the leading `?` (empty when
    /// there is none): pairs joined by `&`, a bare key (`uploads`) kept as the model
    /// writes it.
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The operation's `hostPrefix` with its labels filled in (`foo.`, `data-`), to put
    /// before the endpoint's host.
    pub host_prefix: Option<String>,
}

impl HttpRequest {
    /// The path with its query string, as the request line carries it.
    pub fn uri(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query)
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// A response as received.
#[derive(Debug, Clone, Copy)]
pub struct HttpResponse<'a> {
    pub status: u16,
    /// Headers by name as received (looked up without regard to case).
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

impl HttpResponse<'_> {
    pub fn header(&self, name: &str) -> Option<&str> {
        header(self.headers, name)
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// One protocol's serializer and parsers.
pub trait Codec: Sync {
    /// The request for `op` with these parameters.
    fn serialize(
        &self,
        model: &ServiceModel,
        op: &Operation,
        params: &serde_json::Map<String, Value>,
    ) -> Result<HttpRequest, Error>;

    /// The output of a successful response, as a JSON object.
    fn parse(
        &self,
        model: &ServiceModel,
        op: &Operation,
        resp: &HttpResponse,
        timestamps: TimestampFormat,
    ) -> Result<Value, Error>;

    /// The error an unsuccessful response carries: code, message, status, request id, and
    /// the error shape's other members in [`ServiceError::fields`].
    fn parse_error(
        &self,
        model: &ServiceModel,
        op: &Operation,
        resp: &HttpResponse,
    ) -> ServiceError;

    /// Whether a response with a success status is an error all the same (S3's 200 with an
    /// `<Error>` body for CompleteMultipartUpload, CopyObject, UploadPartCopy).
    fn is_error(&self, _op: &Operation, resp: &HttpResponse) -> bool {
        !(200..300).contains(&resp.status)
    }
}

/// The codec of a protocol, if awsctl speaks it.
pub fn codec_for(p: Protocol) -> Option<&'static dyn Codec> {
    match p {
        Protocol::Query => Some(&form::QUERY),
        Protocol::Ec2 => Some(&form::EC2),
        Protocol::Json => Some(&json::JSON),
        Protocol::RestJson => Some(&rest_json::REST_JSON),
        Protocol::RestXml => Some(&rest_xml::REST_XML),
        Protocol::SmithyRpcV2Cbor => None,
    }
}

/// The streaming payload member of an operation's input or output (`op.input` or
/// `op.output`), if it has one: the member whose bytes the caller sends or receives itself,
/// outside [`Codec::serialize`] and [`Codec::parse`] (a streaming blob, or an event stream,
/// which the codecs do not read).
pub fn streaming_payload(
    model: &ServiceModel,
    r: Option<&ShapeRef>,
) -> Result<Option<&'static str>, Error> {
    let Some(r) = r else { return Ok(None) };
    let shape = model.shape(&r.shape)?;
    let Some(payload) = rest::payload_of(Some(r), shape) else {
        return Ok(None);
    };
    let Some((key, member)) = shape.members.get_key_value(payload.as_str()) else {
        return Ok(None);
    };
    let target = model.shape(&member.shape)?;
    Ok(rest_json::is_streaming(member, target).then_some(key.as_str()))
}

/// The operation name requests carry (`Action`, `X-Amz-Target`): botocore's API name, the
/// operation's key in the model (which differs from its `name` field in a few services).
fn wire_name(op: &Operation) -> &str {
    if op.name.is_empty() {
        &op.wire_name
    } else {
        &op.name
    }
}

/// A static operation name for [`ServiceError::operation`] (a model's operation lives as
/// long as the process: leaked once per name).
fn operation_name(op: &Operation) -> &'static str {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Mutex::default)
        .lock()
        .expect("never poisoned");
    if let Some(name) = names.get(&op.name) {
        return name;
    }
    let name: &'static str = Box::leak(op.name.clone().into_boxed_str());
    names.insert(op.name.clone(), name);
    name
}

/// A member's HTTP location: the member's, or (older models) its target shape's.
fn location(model: &ServiceModel, r: &ShapeRef) -> Result<Option<Location>, Error> {
    Ok(r.location.or(model.shape(&r.shape)?.location))
}

/// Whether a member of an output or error is read from outside the body (in a response,
/// `uri` and `querystring` members are body members like any other).
pub(super) fn in_response_head(model: &ServiceModel, r: &ShapeRef) -> Result<bool, Error> {
    Ok(matches!(
        location(model, r)?,
        Some(Location::Header | Location::Headers | Location::StatusCode)
    ))
}

/// Where a union's member that the model does not know goes, as botocore reports it.
const UNKNOWN_MEMBER: &str = "SDK_UNKNOWN_MEMBER";

fn unknown_member(name: &str) -> Value {
    serde_json::json!({ "name": name })
}

/// A list or map shape that lacks its member, key or value: a broken model.
fn no_member(shape: &crate::model::Shape) -> Error {
    Error::General(format!("a {:?} shape without its members", shape.kind))
}

fn param_error(message: String) -> Error {
    Error::ParamValidation {
        message,
        usage: false,
    }
}

#[cfg(test)]
mod tests;
