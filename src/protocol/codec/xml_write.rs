//! JSON to XML, directed by shapes: the bodies of `rest-xml` requests. Elements take their
//! member's `locationName` (else the member name); lists wrap their items in `member` (or
//! the item's `locationName`) unless flattened; maps write `entry` elements with `key` and
//! `value`; `xmlAttribute` members become attributes and `xmlNamespace` an `xmlns`.

use serde_json::Value;

use crate::error::Error;
use crate::model::{ServiceModel, Shape, ShapeRef, ShapeType};

use super::param_error;
use super::scalar::{self, Format};

/// A whole document: one element named `name` holding `v`. With `body_only`, a
/// structure's members bound to an HTTP location are left out.
pub fn document(
    model: &ServiceModel,
    name: &str,
    r: &ShapeRef,
    shape: &Shape,
    v: &Value,
    body_only: bool,
) -> Result<String, Error> {
    let mut out = String::new();
    element(model, name, r, shape, v, body_only, &mut out)?;
    Ok(out)
}

fn open(out: &mut String, name: &str, r: &ShapeRef, shape: &Shape) {
    out.push('<');
    out.push_str(name);
    if let Some(ns) = r.xml_namespace.as_ref().or(shape.xml_namespace.as_ref()) {
        match &ns.prefix {
            Some(prefix) => {
                out.push_str(" xmlns:");
                out.push_str(prefix);
            }
            None => out.push_str(" xmlns"),
        }
        out.push_str("=\"");
        out.push_str(&escape(&ns.uri, true));
        out.push('"');
    }
}

fn close(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// One element named `name` holding `v`, written as its shape's kind says.
fn element(
    model: &ServiceModel,
    name: &str,
    r: &ShapeRef,
    shape: &Shape,
    v: &Value,
    body_only: bool,
    out: &mut String,
) -> Result<(), Error> {
    match shape.kind {
        ShapeType::Structure => structure(model, name, r, shape, v, body_only, out),
        ShapeType::List => list(model, name, r, shape, v, out),
        ShapeType::Map => map(model, name, r, shape, v, out),
        _ => {
            let text = scalar::text(shape, v, Format::of(r, shape, Format::Iso8601))?;
            open(out, name, r, shape);
            out.push('>');
            out.push_str(&escape(&text, false));
            close(out, name);
            Ok(())
        }
    }
}

/// A structure: its `xmlAttribute` members as attributes, the others as child elements
/// (with `body_only`, not those bound to an HTTP location).
fn structure(
    model: &ServiceModel,
    name: &str,
    r: &ShapeRef,
    shape: &Shape,
    v: &Value,
    body_only: bool,
    out: &mut String,
) -> Result<(), Error> {
    let map = v
        .as_object()
        .ok_or_else(|| param_error(format!("Invalid type for a structure: {v}")))?;
    open(out, name, r, shape);
    attributes(model, shape, map, out)?;
    out.push('>');
    for (key, member_ref) in &shape.members {
        if member_ref.xml_attribute || (body_only && super::location(model, member_ref)?.is_some())
        {
            continue;
        }
        let Some(item) = map.get(key).filter(|v| !v.is_null()) else {
            continue;
        };
        let member = model.shape(&member_ref.shape)?;
        let member_name = member_ref
            .location_name
            .as_deref()
            .or(member.location_name.as_deref())
            .unwrap_or(key);
        element(model, member_name, member_ref, member, item, false, out)?;
    }
    close(out, name);
    Ok(())
}

/// A structure's `xmlAttribute` members present in `map`, as ` name="value"`.
fn attributes(
    model: &ServiceModel,
    shape: &Shape,
    map: &serde_json::Map<String, Value>,
    out: &mut String,
) -> Result<(), Error> {
    for (key, member_ref) in &shape.members {
        if !member_ref.xml_attribute {
            continue;
        }
        let Some(item) = map.get(key).filter(|v| !v.is_null()) else {
            continue;
        };
        let member = model.shape(&member_ref.shape)?;
        let attr = member_ref.location_name.as_deref().unwrap_or(key);
        let text = scalar::text(
            member,
            item,
            Format::of(member_ref, member, Format::Iso8601),
        )?;
        out.push(' ');
        out.push_str(attr);
        out.push_str("=\"");
        out.push_str(&escape(&text, true));
        out.push('"');
    }
    Ok(())
}

/// A list: its items wrapped in `name`, each named `member` or its `locationName`; when
/// flattened, each item is itself an element named `name`.
fn list(
    model: &ServiceModel,
    name: &str,
    r: &ShapeRef,
    shape: &Shape,
    v: &Value,
    out: &mut String,
) -> Result<(), Error> {
    let items = v
        .as_array()
        .ok_or_else(|| param_error(format!("Invalid type for a list: {v}")))?;
    let member_ref = shape
        .member
        .as_deref()
        .ok_or_else(|| super::no_member(shape))?;
    let member = model.shape(&member_ref.shape)?;
    if r.flattened.unwrap_or(shape.flattened) {
        for item in items {
            element(model, name, member_ref, member, item, false, out)?;
        }
        return Ok(());
    }
    open(out, name, r, shape);
    out.push('>');
    let item_name = member_ref.location_name.as_deref().unwrap_or("member");
    for item in items {
        element(model, item_name, member_ref, member, item, false, out)?;
    }
    close(out, name);
    Ok(())
}

/// A map: `entry` elements holding a key and a value element, wrapped in `name`; when
/// flattened, each entry is itself an element named `name`.
fn map(
    model: &ServiceModel,
    name: &str,
    r: &ShapeRef,
    shape: &Shape,
    v: &Value,
    out: &mut String,
) -> Result<(), Error> {
    let map = v
        .as_object()
        .ok_or_else(|| param_error(format!("Invalid type for a map: {v}")))?;
    let (key_ref, value_ref) = match (&shape.key, &shape.value) {
        (Some(k), Some(v)) => (k, v),
        _ => return Err(super::no_member(shape)),
    };
    let key_shape = model.shape(&key_ref.shape)?;
    let value_shape = model.shape(&value_ref.shape)?;
    let key_name = key_ref.location_name.as_deref().unwrap_or("key");
    let value_name = value_ref.location_name.as_deref().unwrap_or("value");
    let flattened = r.flattened.unwrap_or(shape.flattened);
    if !flattened {
        open(out, name, r, shape);
        out.push('>');
    }
    for (k, item) in map {
        if flattened {
            open(out, name, r, shape);
            out.push('>');
        } else {
            out.push_str("<entry>");
        }
        let key = Value::String(k.clone());
        element(model, key_name, key_ref, key_shape, &key, false, out)?;
        element(model, value_name, value_ref, value_shape, item, false, out)?;
        if flattened {
            close(out, name);
        } else {
            out.push_str("</entry>");
        }
    }
    if !flattened {
        close(out, name);
    }
    Ok(())
}

/// XML's escapes for text, and for attribute values also quotes and line breaks.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}
