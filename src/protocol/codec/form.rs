//! The `query` and `ec2` protocols: a form-encoded POST (`Action`, `Version`, then the input
//! flattened into dotted names) and an XML response. The two differ in how names are made
//! and lists are written: EC2 capitalizes `locationName`s (or takes `queryName`) and always
//! writes lists as `Name.N`; Query writes `Name.member.N` unless a list is flattened, and
//! writes an empty list as a bare `Name=`.

use serde_json::Value;

use crate::error::{Error, ServiceError};
use crate::model::{Operation, ServiceModel, Shape, ShapeRef, ShapeType};
use crate::protocol::xml;
use crate::settings::TimestampFormat;

use super::errors::unexpected;
use super::rest::encode_pairs;
use super::scalar::{self, Format};
use super::{Codec, HttpRequest, HttpResponse, errors, xml_read};

pub struct FormCodec {
    ec2: bool,
}

pub static QUERY: FormCodec = FormCodec { ec2: false };
pub static EC2: FormCodec = FormCodec { ec2: true };

/// The content type botocore sends with form bodies.
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

impl FormCodec {
    /// A member's name in the form: EC2's `queryName`, or its capitalized `locationName`;
    /// Query's `locationName`; else the member's own name.
    fn name(&self, r: &ShapeRef, shape: &Shape, default: &str) -> String {
        if self.ec2 {
            if let Some(q) = &r.query_name {
                return q.clone();
            }
            if let Some(n) = r.location_name.as_ref().or(shape.location_name.as_ref()) {
                let mut chars = n.chars();
                return match chars.next() {
                    Some(c) => c.to_uppercase().chain(chars).collect(),
                    None => String::new(),
                };
            }
            default.to_string()
        } else {
            r.location_name
                .clone()
                .or_else(|| shape.location_name.clone())
                .unwrap_or_else(|| default.to_string())
        }
    }

    fn structure(
        &self,
        model: &ServiceModel,
        shape: &Shape,
        map: &serde_json::Map<String, Value>,
        prefix: &str,
        out: &mut Vec<(String, String)>,
    ) -> Result<(), Error> {
        for (key, r) in &shape.members {
            let Some(v) = map.get(key) else { continue };
            if v.is_null() {
                continue;
            }
            let member = model.shape(&r.shape)?;
            let name = self.name(r, member, key);
            let full = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}.{name}")
            };
            self.value(model, r, member, v, &full, out)?;
        }
        Ok(())
    }

    /// `v` under `prefix`, as its shape's kind says.
    fn value(
        &self,
        model: &ServiceModel,
        r: &ShapeRef,
        shape: &Shape,
        v: &Value,
        prefix: &str,
        out: &mut Vec<(String, String)>,
    ) -> Result<(), Error> {
        match shape.kind {
            ShapeType::Structure => {
                let map = v.as_object().ok_or_else(|| {
                    super::param_error(format!("Invalid type for a structure: {v}"))
                })?;
                self.structure(model, shape, map, prefix, out)
            }
            ShapeType::List => self.list(model, r, shape, v, prefix, out),
            ShapeType::Map => self.map(model, r, shape, v, prefix, out),
            _ => {
                let format = Format::of(r, shape, Format::Iso8601);
                out.push((prefix.to_string(), scalar::text(shape, v, format)?));
                Ok(())
            }
        }
    }

    /// A list's items, numbered from 1: `prefix.N` for EC2, else `prefix.member.N` (the
    /// member's `locationName` for `member`; flattened, in place of the last name); an empty
    /// list (not EC2's) is sent as the bare, empty `prefix`.
    fn list(
        &self,
        model: &ServiceModel,
        r: &ShapeRef,
        shape: &Shape,
        v: &Value,
        prefix: &str,
        out: &mut Vec<(String, String)>,
    ) -> Result<(), Error> {
        let items = v
            .as_array()
            .ok_or_else(|| super::param_error(format!("Invalid type for a list: {v}")))?;
        let member_ref = shape
            .member
            .as_deref()
            .ok_or_else(|| super::no_member(shape))?;
        let member = model.shape(&member_ref.shape)?;
        let list_prefix = if self.ec2 {
            prefix.to_string()
        } else if items.is_empty() {
            out.push((prefix.to_string(), String::new()));
            return Ok(());
        } else if r.flattened.unwrap_or(shape.flattened) {
            match member_ref.location_name.as_deref() {
                Some(name) => match prefix.rsplit_once('.') {
                    Some((parent, _)) => format!("{parent}.{name}"),
                    None => name.to_string(),
                },
                None => prefix.to_string(),
            }
        } else {
            let name = member_ref.location_name.as_deref().unwrap_or("member");
            format!("{prefix}.{name}")
        };
        for (i, item) in items.iter().enumerate() {
            let item_prefix = format!("{list_prefix}.{}", i + 1);
            self.value(model, member_ref, member, item, &item_prefix, out)?;
        }
        Ok(())
    }

    /// A map's entries, numbered from 1: `prefix.entry.N.key` and `prefix.entry.N.value`
    /// (`prefix.N...` flattened; the names may be the key's and value's `locationName`).
    fn map(
        &self,
        model: &ServiceModel,
        r: &ShapeRef,
        shape: &Shape,
        v: &Value,
        prefix: &str,
        out: &mut Vec<(String, String)>,
    ) -> Result<(), Error> {
        let map = v
            .as_object()
            .ok_or_else(|| super::param_error(format!("Invalid type for a map: {v}")))?;
        let (key_ref, value_ref) = match (&shape.key, &shape.value) {
            (Some(k), Some(v)) => (k, v),
            _ => return Err(super::no_member(shape)),
        };
        let key_shape = model.shape(&key_ref.shape)?;
        let value_shape = model.shape(&value_ref.shape)?;
        let base = if r.flattened.unwrap_or(shape.flattened) {
            prefix.to_string()
        } else {
            format!("{prefix}.entry")
        };
        let key_name = self.name(key_ref, key_shape, "key");
        let value_name = self.name(value_ref, value_shape, "value");
        for (i, (k, item)) in map.iter().enumerate() {
            let i = i + 1;
            out.push((format!("{base}.{i}.{key_name}"), k.clone()));
            let value_prefix = format!("{base}.{i}.{value_name}");
            self.value(model, value_ref, value_shape, item, &value_prefix, out)?;
        }
        Ok(())
    }
}

impl Codec for FormCodec {
    fn serialize(
        &self,
        model: &ServiceModel,
        op: &Operation,
        params: &serde_json::Map<String, Value>,
    ) -> Result<HttpRequest, Error> {
        let mut pairs = vec![
            ("Action".to_string(), super::wire_name(op).to_string()),
            ("Version".to_string(), model.metadata.api_version.clone()),
        ];
        if let Some(input) = &op.input {
            let shape = model.shape(&input.shape)?;
            self.structure(model, shape, params, "", &mut pairs)?;
        }
        Ok(HttpRequest {
            method: "POST".into(),
            path: "/".into(),
            query: String::new(),
            headers: vec![("Content-Type".into(), CONTENT_TYPE.into())],
            body: encode_pairs(&pairs).into_bytes(),
            host_prefix: super::rest::host_prefix(op, params)?,
        })
    }

    fn parse(
        &self,
        model: &ServiceModel,
        op: &Operation,
        resp: &HttpResponse,
        timestamps: TimestampFormat,
    ) -> Result<Value, Error> {
        let Some(output) = &op.output else {
            return Ok(Value::Object(Default::default()));
        };
        if resp.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Object(Default::default()));
        }
        let root = xml::parse(resp.body).map_err(Error::InvalidResponse)?;
        let shape = model.shape(&output.shape)?;
        // Query results sit in `<OpResult>` (the output's `resultWrapper`; models that
        // leave it out still get the element looked for). EC2's are the root's children.
        let start = match (&output.result_wrapper, self.ec2) {
            (_, true) => &root,
            (Some(wrapper), false) => match root.child(wrapper) {
                Some(node) => node,
                None => return Ok(Value::Object(Default::default())),
            },
            (None, false) => root
                .child(&format!("{}Result", super::wire_name(op)))
                .unwrap_or(&root),
        };
        Ok(Value::Object(xml_read::structure(
            model, shape, start, timestamps,
        )?))
    }

    fn parse_error(
        &self,
        model: &ServiceModel,
        op: &Operation,
        resp: &HttpResponse,
    ) -> ServiceError {
        match xml::parse(resp.body) {
            Ok(root) => errors::from_xml(model, op, resp, &root),
            Err(_) => unexpected(op, resp),
        }
    }
}
