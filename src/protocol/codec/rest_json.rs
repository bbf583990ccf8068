//! The `rest-json` protocol: the HTTP bindings of [`super::rest`], and a JSON body (the
//! unbound members, or the `payload` member alone: raw bytes for a blob, text for a string,
//! JSON for a structure or document).

use serde_json::{Map, Value};

use crate::error::{Error, ServiceError};
use crate::model::{Operation, ServiceModel, Shape, ShapeType};
use crate::settings::TimestampFormat;

use super::rest::payload_of;
use super::{Codec, HttpRequest, HttpResponse, errors, json_body, rest, scalar};

pub struct RestJsonCodec;

pub static REST_JSON: RestJsonCodec = RestJsonCodec;

/// Whether a payload member is a stream the caller sends or reads itself.
pub fn is_streaming(r: &crate::model::ShapeRef, shape: &Shape) -> bool {
    (r.streaming || shape.streaming) && shape.kind == ShapeType::Blob || shape.eventstream
}

impl Codec for RestJsonCodec {
    fn serialize(
        &self,
        model: &ServiceModel,
        op: &Operation,
        params: &Map<String, Value>,
    ) -> Result<HttpRequest, Error> {
        let shape = op
            .input
            .as_ref()
            .map(|r| model.shape(&r.shape))
            .transpose()?;
        let mut req = rest::request(model, op, shape, params)?;
        let Some(shape) = shape else {
            return Ok(req);
        };
        if let Some(payload) = payload_of(op.input.as_ref(), shape) {
            let Some(r) = shape.members.get(payload) else {
                return Ok(req);
            };
            let member = model.shape(&r.shape)?;
            let value = params.get(payload).filter(|v| !v.is_null());
            match member.kind {
                _ if is_streaming(r, member) => {}
                ShapeType::Blob => {
                    if let Some(v) = value {
                        req.body = scalar::blob_in(v)?;
                    }
                    rest::set_content_type(&mut req, "application/octet-stream");
                }
                ShapeType::String => {
                    if let Some(v) = value {
                        req.body = v.as_str().unwrap_or_default().as_bytes().to_vec();
                        rest::set_content_type(&mut req, "text/plain");
                    }
                }
                _ => {
                    // An absent structure payload is sent as an empty object.
                    let body = match value {
                        Some(v) => json_body::value_in(model, r, v)?,
                        None => Value::Object(Map::new()),
                    };
                    req.body = serde_json::to_vec(&body).unwrap_or_default();
                    rest::set_content_type(&mut req, "application/json");
                }
            }
            return Ok(req);
        }
        let body = json_body::structure_in(model, shape, params, true)?;
        let mut unbound = false;
        for r in shape.members.values() {
            unbound |= super::location(model, r)?.is_none();
        }
        if !body.is_empty() || unbound {
            req.body = serde_json::to_vec(&body).unwrap_or_default();
            rest::set_content_type(&mut req, "application/json");
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
        let Some(output) = &op.output else {
            return Ok(Value::Object(Map::new()));
        };
        let shape = model.shape(&output.shape)?;
        let mut parts = Map::new();
        rest::located_out(model, shape, resp, timestamps, &mut parts)?;
        if let Some(payload) = payload_of(op.output.as_ref(), shape) {
            if let Some(r) = shape.members.get(payload) {
                let member = model.shape(&r.shape)?;
                let empty = resp.body.is_empty();
                let v = match member.kind {
                    _ if is_streaming(r, member) => None,
                    ShapeType::Blob if !empty => Some(Value::String(scalar::base64(resp.body))),
                    ShapeType::String if !empty => Some(Value::String(
                        String::from_utf8_lossy(resp.body).into_owned(),
                    )),
                    ShapeType::Blob | ShapeType::String => None,
                    _ if resp.body.iter().all(u8::is_ascii_whitespace) => None,
                    _ => {
                        let body: Value = serde_json::from_slice(resp.body)
                            .map_err(|e| Error::InvalidJsonResponse(e.to_string()))?;
                        Some(json_body::value_out(model, r, &body, timestamps)?)
                    }
                };
                if let Some(v) = v {
                    parts.insert(payload.clone(), v);
                }
            }
        } else {
            let body = rest::json_object(resp.body)?;
            parts.extend(json_body::structure_out(model, shape, &body, timestamps)?);
        }
        Ok(Value::Object(rest::in_output_order(model, shape, parts)?))
    }

    fn parse_error(
        &self,
        model: &ServiceModel,
        op: &Operation,
        resp: &HttpResponse,
    ) -> ServiceError {
        let mut e = errors::from_json(model, op, resp);
        if let Some(shape) = errors::modeled(model, op, &e.code) {
            let mut fields = *std::mem::take(&mut e.fields);
            if rest::located_out(model, shape, resp, TimestampFormat::Wire, &mut fields).is_ok() {
                fields = rest::in_member_order(shape, fields);
            }
            e.fields = Box::new(fields);
        }
        e
    }
}
