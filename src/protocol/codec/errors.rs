//! Error responses: the code, message and request id each protocol puts in them, and the
//! members of the modeled error shape the code names (looked up among the operation's
//! errors, else by shape name; never by walking the model).

use serde_json::{Map, Value};

use crate::error::ServiceError;
use crate::model::{Operation, ServiceModel, Shape};
use crate::protocol::xml::Element;
use crate::settings::TimestampFormat;

use super::{HttpResponse, json_body, operation_name, xml_read};

/// The error shape a code names: one of the operation's errors whose name or Query code
/// (`error.code`) it is, else the exception shape of that name.
pub fn modeled(model: &ServiceModel, op: &Operation, code: &str) -> Option<&'static Shape> {
    for r in &op.errors {
        let Ok(shape) = model.shape(&r.shape) else {
            continue;
        };
        let query_code = shape.error.as_ref().and_then(|e| e.code.as_deref());
        if r.shape == code || query_code == Some(code) {
            return Some(shape);
        }
    }
    model.shape(code).ok().filter(|s| s.exception)
}

pub fn request_id(resp: &HttpResponse) -> Option<String> {
    ["x-amzn-RequestId", "x-amz-request-id", "x-amzn-requestid"]
        .iter()
        .find_map(|h| resp.header(h))
        .map(str::to_string)
}

/// The error of a response whose body says nothing usable: the status code and its reason.
pub fn unexpected(op: &Operation, resp: &HttpResponse) -> ServiceError {
    let reason = reqwest::StatusCode::from_u16(resp.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(str::to_string);
    build(op, resp, resp.status.to_string(), reason, request_id(resp))
}

pub fn build(
    op: &Operation,
    resp: &HttpResponse,
    code: String,
    message: Option<String>,
    request_id: Option<String>,
) -> ServiceError {
    ServiceError {
        code,
        message,
        operation: operation_name(op),
        status: resp.status,
        request_id,
        retries_exhausted: None,
        fields: Box::default(),
    }
}

/// An XML error body: Query's `<ErrorResponse><Error>`, EC2's `<Response><Errors><Error>`,
/// or S3's bare `<Error>`.
pub fn from_xml(
    model: &ServiceModel,
    op: &Operation,
    resp: &HttpResponse,
    root: &Element,
) -> ServiceError {
    let error = if root.name == "Error" {
        Some(root)
    } else {
        root.find("Error")
    };
    let Some(error) = error else {
        return unexpected(op, resp);
    };
    let code = match error.child("Code") {
        Some(c) if !c.text.trim().is_empty() => c.text.trim().to_string(),
        _ => return unexpected(op, resp),
    };
    let message = error.child("Message").map(|m| m.text.clone());
    let id = root
        .child("RequestId")
        .or_else(|| root.child("RequestID"))
        .or_else(|| error.child("RequestId"))
        .map(|e| e.text.trim().to_string())
        .or_else(|| request_id(resp));
    let mut e = build(op, resp, code, message, id);
    if let Some(shape) = modeled(model, op, &e.code)
        && let Ok(fields) = xml_read::structure(model, shape, error, TimestampFormat::Wire)
    {
        e.fields = Box::new(fields);
    }
    e
}

/// The code of a JSON error: `x-amzn-query-error` for Query-compatible services, else
/// `x-amzn-errortype`, else the body's `__type` or `code`, less any namespace
/// (`aws.example#Code`) and URI suffix (`Code:http://...`).
pub fn json_code(
    model: &ServiceModel,
    resp: &HttpResponse,
    body: &Map<String, Value>,
) -> Option<String> {
    if model.metadata.is_query_compatible()
        && let Some(q) = resp.header("x-amzn-query-error")
        && let Some(code) = q.split(';').next().filter(|c| !c.is_empty())
    {
        return Some(code.trim().to_string());
    }
    let raw = resp
        .header("x-amzn-errortype")
        .map(str::to_string)
        .or_else(|| {
            ["__type", "code", "Code"]
                .iter()
                .find_map(|k| body.get(*k).and_then(Value::as_str).map(str::to_string))
        })?;
    let raw = raw.split(':').next().unwrap_or_default();
    let code = raw.rsplit('#').next().unwrap_or_default().trim();
    (!code.is_empty()).then(|| code.to_string())
}

/// A JSON error body (the `json` and `rest-json` protocols).
pub fn from_json(model: &ServiceModel, op: &Operation, resp: &HttpResponse) -> ServiceError {
    let body = match serde_json::from_slice::<Value>(resp.body) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let Some(code) = json_code(model, resp, &body) else {
        return unexpected(op, resp);
    };
    let message = ["message", "Message", "errorMessage"]
        .iter()
        .find_map(|k| body.get(*k).and_then(Value::as_str).map(str::to_string));
    let mut e = build(op, resp, code, message, request_id(resp));
    if let Some(shape) = modeled(model, op, &e.code)
        && let Ok(fields) = json_body::structure_out(model, shape, &body, TimestampFormat::Wire)
    {
        e.fields = Box::new(fields);
    }
    e
}
