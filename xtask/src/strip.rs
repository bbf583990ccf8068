//! What the runtime keeps of a model: everything a request, a response, paging, waiting and
//! endpoint resolution need; documentation, enums and constraints the runtime never checks go
//! to the documentation blob instead (see docs.rs).

use serde_json::{Map, Value};

/// Keys of a shape the runtime reads.
const SHAPE_KEYS: &[&str] = &[
    "type",
    "members",
    "required",
    "member",
    "key",
    "value",
    "payload",
    "locationName",
    "xmlNamespace",
    "flattened",
    "timestampFormat",
    "min",
    "streaming",
    "requiresLength",
    "eventstream",
    "event",
    "exception",
    "fault",
    "error",
    "union",
    "document",
    "sensitive",
    "wrapper",
    "sparse",
];

/// Keys of a member (or list member, map key or value, operation input or output).
const REF_KEYS: &[&str] = &[
    "shape",
    "location",
    "locationName",
    "xmlNamespace",
    "xmlAttribute",
    "flattened",
    "queryName",
    "timestampFormat",
    "jsonvalue",
    "hostLabel",
    "idempotencyToken",
    "eventpayload",
    "streaming",
    "resultWrapper",
    "contextParam",
    "deprecated",
];

/// Keys of an operation.
const OPERATION_KEYS: &[&str] = &[
    "name",
    "http",
    "input",
    "output",
    "errors",
    "endpoint",
    "staticContextParams",
    "operationContextParams",
    "httpChecksum",
    "httpChecksumRequired",
    "requestcompression",
    "authtype",
    "auth",
    "unsignedPayload",
    "deprecated",
];

/// Keys of the metadata.
const METADATA_KEYS: &[&str] = &[
    "apiVersion",
    "endpointPrefix",
    "protocol",
    "protocols",
    "jsonVersion",
    "targetPrefix",
    "serviceId",
    "serviceFullName",
    "serviceAbbreviation",
    "signingName",
    "signatureVersion",
    "globalEndpoint",
    "xmlNamespace",
    "awsQueryCompatible",
    "auth",
    "uid",
];

fn keep(object: &Map<String, Value>, keys: &[&str]) -> Map<String, Value> {
    object
        .iter()
        .filter(|(k, _)| keys.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn shape_ref(value: &Value) -> Value {
    Value::Object(keep(
        value.as_object().expect("a shape reference is an object"),
        REF_KEYS,
    ))
}

pub fn shape(value: &Value) -> Value {
    let object = value.as_object().expect("a shape is an object");
    let mut out = keep(object, SHAPE_KEYS);
    if let Some(Value::Object(members)) = out.get_mut("members") {
        for member in members.values_mut() {
            *member = shape_ref(member);
        }
    }
    for key in ["member", "key", "value"] {
        if let Some(r) = out.get_mut(key) {
            *r = shape_ref(r);
        }
    }
    Value::Object(out)
}

pub fn operation(value: &Value) -> Value {
    let object = value.as_object().expect("an operation is an object");
    let mut out = keep(object, OPERATION_KEYS);
    for key in ["input", "output"] {
        if let Some(r) = out.get_mut(key) {
            *r = shape_ref(r);
        }
    }
    if let Some(Value::Array(errors)) = out.get_mut("errors") {
        for e in errors.iter_mut() {
            *e = shape_ref(e);
        }
    }
    Value::Object(out)
}

pub fn metadata(value: &Value) -> Value {
    Value::Object(keep(
        value.as_object().expect("metadata is an object"),
        METADATA_KEYS,
    ))
}
