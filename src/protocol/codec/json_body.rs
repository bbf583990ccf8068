//! JSON bodies by shape, both ways (the `json` and `rest-json` protocols): members under
//! their `locationName`, timestamps as epoch seconds unless a format says otherwise, blobs
//! as base64, documents as they are.

use serde_json::{Map, Value};

use crate::error::Error;
use crate::model::{ServiceModel, Shape, ShapeRef, ShapeType};
use crate::settings::TimestampFormat;

use super::param_error;
use super::scalar::{self, Format};

/// A structure's members for a body. With `body_only`, members bound to an HTTP location
/// (URI, query string, headers) are left out.
pub fn structure_in(
    model: &ServiceModel,
    shape: &Shape,
    params: &Map<String, Value>,
    body_only: bool,
) -> Result<Map<String, Value>, Error> {
    let mut out = Map::new();
    for (key, r) in &shape.members {
        if body_only && super::location(model, r)?.is_some() {
            continue;
        }
        let Some(v) = params.get(key) else { continue };
        if v.is_null() {
            continue;
        }
        let name = r.location_name.as_deref().unwrap_or(key);
        out.insert(name.to_string(), value_in(model, r, v)?);
    }
    Ok(out)
}

pub fn value_in(model: &ServiceModel, r: &ShapeRef, v: &Value) -> Result<Value, Error> {
    let shape = model.shape(&r.shape)?;
    if shape.document {
        return Ok(v.clone());
    }
    Ok(match shape.kind {
        ShapeType::Structure => {
            let map = v
                .as_object()
                .ok_or_else(|| param_error(format!("Invalid type for a structure: {v}")))?;
            Value::Object(structure_in(model, shape, map, false)?)
        }
        ShapeType::List => {
            let items = v
                .as_array()
                .ok_or_else(|| param_error(format!("Invalid type for a list: {v}")))?;
            let member = shape
                .member
                .as_deref()
                .ok_or_else(|| super::no_member(shape))?;
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(if item.is_null() {
                    Value::Null
                } else {
                    value_in(model, member, item)?
                });
            }
            Value::Array(out)
        }
        ShapeType::Map => {
            let map = v
                .as_object()
                .ok_or_else(|| param_error(format!("Invalid type for a map: {v}")))?;
            let value_ref = shape
                .value
                .as_deref()
                .ok_or_else(|| super::no_member(shape))?;
            let mut out = Map::new();
            for (k, item) in map {
                let item = if item.is_null() {
                    Value::Null
                } else {
                    value_in(model, value_ref, item)?
                };
                out.insert(k.clone(), item);
            }
            Value::Object(out)
        }
        ShapeType::Timestamp => {
            let t = scalar::timestamp_in(v)?;
            match Format::of(r, shape, Format::Epoch) {
                Format::Epoch => Value::Number(scalar::epoch_number(t)),
                format => Value::String(scalar::timestamp_text(t, format)),
            }
        }
        _ => v.clone(),
    })
}

/// A structure's members from a JSON object (members with an HTTP location skipped).
pub fn structure_out(
    model: &ServiceModel,
    shape: &Shape,
    body: &Map<String, Value>,
    timestamps: TimestampFormat,
) -> Result<Map<String, Value>, Error> {
    let mut out = Map::new();
    for (key, r) in &shape.members {
        let name = r.location_name.as_deref().unwrap_or(key);
        let Some(v) = body.get(name) else { continue };
        if v.is_null() || super::in_response_head(model, r)? {
            continue;
        }
        out.insert(key.clone(), value_out(model, r, v, timestamps)?);
    }
    if shape.union
        && out.is_empty()
        && let Some((name, _)) = body
            .iter()
            .find(|(k, v)| !v.is_null() && k.as_str() != "__type")
    {
        out.insert(super::UNKNOWN_MEMBER.into(), super::unknown_member(name));
    }
    Ok(out)
}

pub fn value_out(
    model: &ServiceModel,
    r: &ShapeRef,
    v: &Value,
    timestamps: TimestampFormat,
) -> Result<Value, Error> {
    let shape = model.shape(&r.shape)?;
    if shape.document {
        return Ok(v.clone());
    }
    let bad = || Error::InvalidJsonResponse(format!("{v} is not a {:?}", shape.kind));
    Ok(match shape.kind {
        ShapeType::Structure => Value::Object(structure_out(
            model,
            shape,
            v.as_object().ok_or_else(bad)?,
            timestamps,
        )?),
        ShapeType::List => {
            let member = shape
                .member
                .as_deref()
                .ok_or_else(|| super::no_member(shape))?;
            let mut out = Vec::new();
            for item in v.as_array().ok_or_else(bad)? {
                // botocore keeps a null item as null.
                if item.is_null() {
                    out.push(Value::Null);
                    continue;
                }
                out.push(value_out(model, member, item, timestamps)?);
            }
            Value::Array(out)
        }
        ShapeType::Map => {
            let value_ref = shape
                .value
                .as_deref()
                .ok_or_else(|| super::no_member(shape))?;
            let mut out = Map::new();
            for (k, item) in v.as_object().ok_or_else(bad)? {
                if item.is_null() {
                    out.insert(k.clone(), Value::Null);
                    continue;
                }
                out.insert(k.clone(), value_out(model, value_ref, item, timestamps)?);
            }
            Value::Object(out)
        }
        ShapeType::Timestamp => match v {
            Value::Number(n) => scalar::timestamp_number_out(n, timestamps),
            Value::String(s) => scalar::timestamp_out(s, timestamps),
            _ => return Err(bad()),
        },
        _ => v.clone(),
    })
}
