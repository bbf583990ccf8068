//! The `rest-xml` protocol (S3, Route 53, CloudFront, S3 Control): the HTTP bindings of
//! [`super::rest`], and an XML body (the unbound members under the input's element, or the
//! `payload` member alone). S3's quirks: GetBucketLocation answers with a bare
//! `<LocationConstraint>`, and CompleteMultipartUpload, CopyObject and UploadPartCopy can
//! answer 200 with an `<Error>` body, which is an error.

use serde_json::{Map, Value};

use crate::error::{Error, ServiceError};
use crate::model::{Operation, ServiceModel, ShapeType};
use crate::protocol::xml;
use crate::settings::TimestampFormat;

use super::rest::payload_of;
use super::rest_json::is_streaming;
use super::{Codec, HttpRequest, HttpResponse, errors, rest, scalar, xml_read, xml_write};

pub struct RestXmlCodec;

pub static REST_XML: RestXmlCodec = RestXmlCodec;

/// S3 operations that may report a failure in a 200 response.
const ERRORS_IN_200: [&str; 3] = ["CompleteMultipartUpload", "CopyObject", "UploadPartCopy"];

/// Whether a body's first element is `<Error>` (after any declaration and whitespace).
fn is_error_document(body: &[u8]) -> bool {
    let mut rest = body;
    loop {
        while let Some((first, tail)) = rest.split_first() {
            if first.is_ascii_whitespace() {
                rest = tail;
            } else {
                break;
            }
        }
        if rest.starts_with(b"<?") {
            match rest.windows(2).position(|w| w == b"?>") {
                Some(end) => rest = &rest[end + 2..],
                None => return false,
            }
        } else {
            return rest.starts_with(b"<Error>") || rest.starts_with(b"<Error ");
        }
    }
}

impl Codec for RestXmlCodec {
    fn serialize(
        &self,
        model: &ServiceModel,
        op: &Operation,
        params: &Map<String, Value>,
    ) -> Result<HttpRequest, Error> {
        let Some(input) = &op.input else {
            return rest::request(model, op, None, params);
        };
        let shape = model.shape(&input.shape)?;
        let mut req = rest::request(model, op, Some(shape), params)?;
        if let Some(payload) = payload_of(op.input.as_ref(), shape) {
            let Some(r) = shape.members.get(payload) else {
                return Ok(req);
            };
            let member = model.shape(&r.shape)?;
            let value = params.get(payload).filter(|v| !v.is_null());
            if member.kind == ShapeType::Blob && !is_streaming(r, member) {
                if let Some(v) = value {
                    req.body = scalar::blob_in(v)?;
                }
                rest::set_content_type(&mut req, "application/octet-stream");
                return Ok(req);
            }
            let Some(value) = value else {
                return Ok(req);
            };
            match member.kind {
                _ if is_streaming(r, member) => {}
                ShapeType::Blob => {}
                ShapeType::String => {
                    req.body = value.as_str().unwrap_or_default().as_bytes().to_vec();
                    rest::set_content_type(&mut req, "text/plain");
                }
                _ => {
                    let name = r
                        .location_name
                        .as_deref()
                        .or(member.location_name.as_deref())
                        .unwrap_or(&r.shape);
                    req.body =
                        xml_write::document(model, name, r, member, value, false)?.into_bytes();
                    rest::set_content_type(&mut req, "application/xml");
                }
            }
            return Ok(req);
        }
        let mut has_body = false;
        for (k, r) in &shape.members {
            has_body |=
                super::location(model, r)?.is_none() && params.get(k).is_some_and(|v| !v.is_null());
        }
        if has_body {
            let name = input
                .location_name
                .as_deref()
                .or(shape.location_name.as_deref())
                .unwrap_or(&input.shape);
            let body = Value::Object(params.clone());
            req.body = xml_write::document(model, name, input, shape, &body, true)?.into_bytes();
            rest::set_content_type(&mut req, "application/xml");
        }
        Ok(req)
    }

    fn parse(
        &self,
        model: &ServiceModel,
        op: &Operation,
        resp: &HttpResponse,
        timestamps: TimestampFormat,
    ) -> Result<Value, Error> {
        if self.is_error(op, resp) {
            return Err(Error::Service(self.parse_error(model, op, resp)));
        }
        let Some(output) = &op.output else {
            return Ok(Value::Object(Map::new()));
        };
        let shape = model.shape(&output.shape)?;
        let mut parts = Map::new();
        rest::located_out(model, shape, resp, timestamps, &mut parts)?;
        let blank = resp.body.iter().all(u8::is_ascii_whitespace);
        if let Some(payload) = payload_of(op.output.as_ref(), shape) {
            if let Some(r) = shape.members.get(payload) {
                let member = model.shape(&r.shape)?;
                let v = match member.kind {
                    _ if is_streaming(r, member) => None,
                    ShapeType::Blob if !resp.body.is_empty() => {
                        Some(Value::String(scalar::base64(resp.body)))
                    }
                    ShapeType::String if !resp.body.is_empty() => Some(Value::String(
                        String::from_utf8_lossy(resp.body).into_owned(),
                    )),
                    ShapeType::Blob | ShapeType::String => None,
                    _ if blank => None,
                    _ => {
                        let root = xml::parse(resp.body).map_err(Error::InvalidResponse)?;
                        xml_read::value(model, member, &root, timestamps)?
                    }
                };
                if let Some(v) = v {
                    parts.insert(payload.clone(), v);
                }
            }
        } else if !blank {
            let root = xml::parse(resp.body).map_err(Error::InvalidResponse)?;
            if op.name == "GetBucketLocation" && root.name == "LocationConstraint" {
                // The whole document is the constraint; empty (us-east-1) reads as null.
                let text = root.text.trim();
                let v = if text.is_empty() {
                    Value::Null
                } else {
                    Value::String(text.to_string())
                };
                parts.insert(root.name.clone(), v);
                return Ok(Value::Object(rest::in_output_order(model, shape, parts)?));
            }
            parts.extend(xml_read::structure(model, shape, &root, timestamps)?);
        }
        Ok(Value::Object(rest::in_output_order(model, shape, parts)?))
    }

    fn parse_error(
        &self,
        model: &ServiceModel,
        op: &Operation,
        resp: &HttpResponse,
    ) -> ServiceError {
        let mut e = match xml::parse(resp.body) {
            Ok(root) => errors::from_xml(model, op, resp, &root),
            Err(_) => errors::unexpected(op, resp),
        };
        if let Some(shape) = errors::modeled(model, op, &e.code) {
            let mut fields = *std::mem::take(&mut e.fields);
            if rest::located_out(model, shape, resp, TimestampFormat::Wire, &mut fields).is_ok() {
                fields = rest::in_member_order(shape, fields);
            }
            e.fields = Box::new(fields);
        }
        e
    }

    fn is_error(&self, op: &Operation, resp: &HttpResponse) -> bool {
        !(200..300).contains(&resp.status)
            || (ERRORS_IN_200.contains(&op.name.as_str()) && is_error_document(resp.body))
    }
}
