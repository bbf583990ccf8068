//! XML to JSON, directed by shapes: the bodies of `query`, `ec2` and `rest-xml` responses
//! and errors. Members are looked up by their XML names (`locationName`, else the member
//! name); flattened lists and maps repeat their elements in the parent; `xmlAttribute`
//! members are attributes.

use serde_json::{Map, Value};

use crate::error::Error;
use crate::model::{Location, ServiceModel, Shape, ShapeRef, ShapeType};
use crate::protocol::xml::Element;
use crate::settings::TimestampFormat;

use super::scalar;

/// The members of a structure read from its element. Members with an HTTP location
/// (headers, status code) are left to the caller.
pub fn structure(
    model: &ServiceModel,
    shape: &Shape,
    node: &Element,
    timestamps: TimestampFormat,
) -> Result<Map<String, Value>, Error> {
    let mut out = Map::new();
    for (key, r) in &shape.members {
        let target = model.shape(&r.shape)?;
        if matches!(
            r.location.or(target.location),
            Some(Location::Header | Location::Headers | Location::StatusCode)
        ) {
            continue;
        }
        if let Some(v) = member(model, key, r, target, node, timestamps)? {
            out.insert(key.clone(), v);
        }
    }
    if shape.union
        && out.is_empty()
        && let Some(child) = node.children.first()
    {
        out.insert(
            super::UNKNOWN_MEMBER.into(),
            super::unknown_member(&child.name),
        );
    }
    Ok(out)
}

fn member(
    model: &ServiceModel,
    key: &str,
    r: &ShapeRef,
    shape: &Shape,
    node: &Element,
    timestamps: TimestampFormat,
) -> Result<Option<Value>, Error> {
    let name = r
        .location_name
        .as_deref()
        .or(shape.location_name.as_deref())
        .unwrap_or(key);
    if r.xml_attribute {
        return match node.attribute(name) {
            Some(text) => Ok(Some(scalar::from_text(shape, text, timestamps)?)),
            None => Ok(None),
        };
    }
    let flattened = r.flattened.unwrap_or(shape.flattened);
    match shape.kind {
        ShapeType::List if flattened => {
            let member_ref = shape
                .member
                .as_deref()
                .ok_or_else(|| super::no_member(shape))?;
            let item_name = member_ref.location_name.as_deref().unwrap_or(name);
            let items: Vec<&Element> = node.children_named(item_name).collect();
            if items.is_empty() {
                return Ok(None);
            }
            list_items(model, member_ref, &items, timestamps).map(Some)
        }
        ShapeType::Map if flattened => {
            let entries: Vec<&Element> = node.children_named(name).collect();
            if entries.is_empty() {
                return Ok(None);
            }
            map_entries(model, shape, &entries, timestamps).map(Some)
        }
        _ => match node.child(name) {
            Some(child) => value(model, shape, child, timestamps),
            None => Ok(None),
        },
    }
}

/// A value from its element; `None` for an empty element of a type that has no empty form.
pub fn value(
    model: &ServiceModel,
    shape: &Shape,
    node: &Element,
    timestamps: TimestampFormat,
) -> Result<Option<Value>, Error> {
    Ok(Some(match shape.kind {
        ShapeType::Structure => Value::Object(structure(model, shape, node, timestamps)?),
        ShapeType::List => {
            let member_ref = shape
                .member
                .as_deref()
                .ok_or_else(|| super::no_member(shape))?;
            let item_name = member_ref.location_name.as_deref().unwrap_or("member");
            let items: Vec<&Element> = node.children_named(item_name).collect();
            list_items(model, member_ref, &items, timestamps)?
        }
        ShapeType::Map => {
            let entries: Vec<&Element> = node.children_named("entry").collect();
            map_entries(model, shape, &entries, timestamps)?
        }
        ShapeType::String => Value::String(node.text.clone()),
        ShapeType::Blob => Value::String(node.text.trim().to_string()),
        _ if node.text.trim().is_empty() => return Ok(None),
        _ => scalar::from_text(shape, &node.text, timestamps)?,
    }))
}

fn list_items(
    model: &ServiceModel,
    member_ref: &ShapeRef,
    items: &[&Element],
    timestamps: TimestampFormat,
) -> Result<Value, Error> {
    let member = model.shape(&member_ref.shape)?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if let Some(v) = value(model, member, item, timestamps)? {
            out.push(v);
        }
    }
    Ok(Value::Array(out))
}

fn map_entries(
    model: &ServiceModel,
    shape: &Shape,
    entries: &[&Element],
    timestamps: TimestampFormat,
) -> Result<Value, Error> {
    let (key_ref, value_ref) = match (&shape.key, &shape.value) {
        (Some(k), Some(v)) => (k, v),
        _ => return Err(super::no_member(shape)),
    };
    let value_shape = model.shape(&value_ref.shape)?;
    let key_name = key_ref.location_name.as_deref().unwrap_or("key");
    let value_name = value_ref.location_name.as_deref().unwrap_or("value");
    let mut out = Map::new();
    for entry in entries {
        let Some(k) = entry.child(key_name) else {
            continue;
        };
        let v = match entry.child(value_name) {
            Some(node) => value(model, value_shape, node, timestamps)?,
            None => None,
        };
        if let Some(v) = v {
            out.insert(k.text.clone(), v);
        }
    }
    Ok(Value::Object(out))
}
