//! One argument's text turned into the value its shape wants, as the CLI unpacks it:
//! `file://` and `fileb://` first, then JSON for documents and JSON-valued headers, numbers
//! through Python's `int()`/`float()`, shorthand or JSON for structures, maps and lists of
//! them, one value per list entry otherwise, and a file path for streaming blobs.

use std::path::PathBuf;

use serde_json::{Map, Value};

use super::argparse::{python_float, python_int};
use crate::error::Error;
use crate::model::{ServiceModel, Shape, ShapeRef, ShapeType};
use crate::params::shorthand;

/// What an argument's text became.
#[derive(Debug, Clone, PartialEq)]
pub enum Unpacked {
    Value(Value),
    /// Bytes read with `fileb://` for a blob: already base64, never decoded again.
    Bytes(Value),
    /// A streaming blob: the file to send.
    File(PathBuf),
    /// Bytes read with `fileb://` for a string: Python carries the bytes on (botocore's
    /// handlers base64-encode them for EC2's user data); elsewhere they go as text.
    Binary(Vec<u8>),
}

pub fn param_error(cli_name: &str, message: impl std::fmt::Display) -> Error {
    Error::ParamValidation {
        message: format!("Error parsing parameter '{cli_name}': {message}"),
        usage: false,
    }
}

/// `~` and `$VAR` in a path, as `os.path.expanduser(os.path.expandvars(...))`.
fn expand_path(path: &str) -> PathBuf {
    let mut expanded = String::new();
    let mut rest = path;
    while let Some(i) = rest.find('$') {
        expanded.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let (name, tail) = match after.strip_prefix('{').and_then(|a| a.split_once('}')) {
            Some((name, tail)) => (name, tail),
            None => {
                let end = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        match std::env::var(name) {
            Ok(value) if !name.is_empty() => expanded.push_str(&value),
            _ => expanded.push_str(&rest[i..rest.len() - tail.len()]),
        }
        rest = tail;
    }
    expanded.push_str(rest);
    if let Some(tail) = expanded.strip_prefix('~')
        && (tail.is_empty() || tail.starts_with('/'))
        && let Some(home) = dirs::home_dir()
    {
        return home.join(tail.trim_start_matches('/'));
    }
    PathBuf::from(expanded)
}

/// A paramfile: the text of `file://PATH`, the bytes of `fileb://PATH`, or `None` when the
/// value names no file.
pub enum Loaded {
    Text(String),
    Bytes(Vec<u8>),
}

pub fn load_paramfile(cli_name: &str, value: &str) -> Result<Option<Loaded>, Error> {
    let (prefix, binary) = if value.starts_with("fileb://") {
        ("fileb://", true)
    } else if value.starts_with("file://") {
        ("file://", false)
    } else {
        return Ok(None);
    };
    let path = expand_path(&value[prefix.len()..]);
    let bytes = std::fs::read(&path).map_err(|e| {
        param_error(
            cli_name,
            format!(
                "Unable to load paramfile {value}: {}",
                python_os_error(&e, &path)
            ),
        )
    })?;
    if binary {
        return Ok(Some(Loaded::Bytes(bytes)));
    }
    String::from_utf8(bytes).map(|t| Some(Loaded::Text(t))).map_err(|_| {
        param_error(
            cli_name,
            format!(
                "Unable to load paramfile ({}), text contents could not be decoded.  If this is \
                 a binary file, please use the fileb:// prefix instead of the file:// prefix.",
                path.display()
            ),
        )
    })
}

/// How Python words an `OSError` from `open()`: `[Errno 2] No such file or directory: 'x'`.
fn python_os_error(e: &std::io::Error, path: &std::path::Path) -> String {
    let text = e.to_string();
    let reason = text.split(" (os error").next().unwrap_or(&text);
    match e.raw_os_error() {
        Some(n) => format!(
            "[Errno {n}] {reason}: {}",
            crate::output::python_repr(&path.display().to_string())
        ),
        None => text,
    }
}

fn parse_json(cli_name: &str, text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| {
        param_error(
            cli_name,
            format!("Invalid JSON: {e}\nJSON received: {text}"),
        )
    })
}

fn int_value(text: &str) -> Result<Value, Error> {
    python_int(text).map(Value::from).ok_or_else(|| {
        Error::Conversion(format!("invalid literal for int() with base 10: '{text}'"))
    })
}

fn float_value(text: &str) -> Result<Value, Error> {
    let f = python_float(text)
        .ok_or_else(|| Error::Conversion(format!("could not convert string to float: '{text}'")))?;
    // JSON has no NaN or infinities: the protocols take these names for them.
    Ok(match serde_json::Number::from_f64(f) {
        Some(n) => Value::Number(n),
        None if f.is_nan() => Value::String("NaN".into()),
        None if f > 0.0 => Value::String("Infinity".into()),
        None => Value::String("-Infinity".into()),
    })
}

fn is_document(shape: &Shape) -> bool {
    shape.document
}

fn json_header(r: &ShapeRef, shape: &Shape) -> bool {
    r.jsonvalue
        && r.location == Some(crate::model::Location::Header)
        && shape.kind == ShapeType::String
}

/// Structures, maps, and lists of them take shorthand (unless they are documents).
fn takes_shorthand(model: &ServiceModel, shape: &Shape) -> Result<bool, Error> {
    if shape.document {
        return Ok(false);
    }
    Ok(match shape.kind {
        ShapeType::Structure | ShapeType::Map => true,
        ShapeType::List => {
            let member = shape
                .member
                .as_ref()
                .map(|m| model.shape(&m.shape))
                .transpose()?;
            member.is_some_and(|m| !m.kind.is_scalar() && !m.document)
        }
        _ => false,
    })
}

/// Unpacks one member argument. `values` is what argparse gave (one value, or the values of a
/// list argument).
pub fn unpack(
    model: &ServiceModel,
    cli_name: &str,
    r: &ShapeRef,
    values: &[String],
) -> Result<Unpacked, Error> {
    let shape = model.shape(&r.shape)?;
    // The paramfile handler sees a list's only value as the value.
    let single = match values {
        [one] => Some(one.as_str()),
        _ => None,
    };
    if let Some(text) = single
        && let Some(loaded) = load_paramfile(cli_name, text)?
    {
        return match loaded {
            Loaded::Bytes(bytes)
                if shape.kind == ShapeType::Blob && !(shape.streaming || r.streaming) =>
            {
                Ok(Unpacked::Bytes(Value::String(base64(&bytes))))
            }
            Loaded::Bytes(bytes) if shape.kind == ShapeType::String => Ok(Unpacked::Binary(bytes)),
            Loaded::Bytes(bytes) => {
                // Python would carry the bytes on; text is what every other shape can take.
                unpack_text(model, cli_name, r, shape, &String::from_utf8_lossy(&bytes))
            }
            Loaded::Text(text) => unpack_text(model, cli_name, r, shape, &text),
        };
    }
    if shape.kind == ShapeType::List {
        return unpack_list(model, cli_name, r, shape, values);
    }
    unpack_text(model, cli_name, r, shape, single.unwrap_or_default())
}

fn unpack_list(
    model: &ServiceModel,
    cli_name: &str,
    r: &ShapeRef,
    shape: &Shape,
    values: &[String],
) -> Result<Unpacked, Error> {
    if let [one] = values
        && one.trim_start().starts_with('[')
    {
        return unpack_text(model, cli_name, r, shape, one);
    }
    if takes_shorthand(model, shape)? && !values.first().is_some_and(|v| looks_like_json(v)) {
        let parsed: Result<Vec<Value>, _> = values.iter().map(|v| shorthand::parse(v)).collect();
        let mut list = Value::Array(parsed.map_err(|e| param_error(cli_name, e))?);
        back_compat(model, shape, &mut list).map_err(|e| shorthand_error(cli_name, e))?;
        return Ok(Unpacked::Value(list));
    }
    let member = shape.member.as_ref().expect("a list has a member");
    let member_shape = model.shape(&member.shape)?;
    let items = values
        .iter()
        .map(
            |v| match unpack_text(model, cli_name, member, member_shape, v)? {
                Unpacked::Value(v) | Unpacked::Bytes(v) => Ok(v),
                Unpacked::File(p) => Ok(Value::String(p.display().to_string())),
                Unpacked::Binary(b) => Ok(Value::String(String::from_utf8_lossy(&b).into())),
            },
        )
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Unpacked::Value(Value::Array(items)))
}

fn looks_like_json(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('[') || t.starts_with('{')
}

fn unpack_text(
    model: &ServiceModel,
    cli_name: &str,
    r: &ShapeRef,
    shape: &Shape,
    text: &str,
) -> Result<Unpacked, Error> {
    if is_document(shape) || json_header(r, shape) {
        return parse_json(cli_name, text).map(Unpacked::Value);
    }
    match shape.kind {
        ShapeType::Integer | ShapeType::Long => int_value(text).map(Unpacked::Value),
        ShapeType::Float | ShapeType::Double => float_value(text).map(Unpacked::Value),
        ShapeType::Blob if shape.streaming || r.streaming => {
            let path = expand_path(text);
            if !path.is_file() {
                return Err(param_error(
                    cli_name,
                    "Blob values must be a path to a file.",
                ));
            }
            Ok(Unpacked::File(path))
        }
        ShapeType::Boolean => Ok(Unpacked::Value(Value::Bool(
            !text.eq_ignore_ascii_case("false") && !text.is_empty(),
        ))),
        ShapeType::Structure | ShapeType::Map | ShapeType::List => {
            unpack_complex(model, cli_name, shape, text).map(Unpacked::Value)
        }
        _ => Ok(Unpacked::Value(Value::String(text.to_string()))),
    }
}

fn unpack_complex(
    model: &ServiceModel,
    cli_name: &str,
    shape: &Shape,
    text: &str,
) -> Result<Value, Error> {
    if !looks_like_json(text) && takes_shorthand(model, shape)? {
        // `--instance-type t2.micro` for a `{"Value": string}` structure.
        if shape.kind == ShapeType::Structure
            && shape.members.len() == 1
            && let Some(v) = shape.members.get("Value")
            && model.shape(&v.shape)?.kind == ShapeType::String
            && !text.contains('=')
        {
            return Ok(Value::Object(Map::from_iter([(
                "Value".to_string(),
                Value::String(text.to_string()),
            )])));
        }
        let mut value = shorthand::parse(text).map_err(|e| param_error(cli_name, e))?;
        back_compat(model, shape, &mut value).map_err(|e| shorthand_error(cli_name, e))?;
        return Ok(value);
    }
    let first = text.trim_start().chars().next();
    match (shape.kind, first) {
        (ShapeType::Structure | ShapeType::Map, Some('{')) | (ShapeType::List, Some('[')) => {
            parse_json(cli_name, text)
        }
        (ShapeType::Structure | ShapeType::Map, _) => {
            Err(param_error(cli_name, format!("Invalid JSON:\n{text}")))
        }
        _ => parse_json(cli_name, text),
    }
}

/// Why shorthand's values could not take their shape's types.
pub enum BackCompatError {
    Document(String),
    Conversion(Error),
    Model(crate::model::ModelError),
}

fn shorthand_error(cli_name: &str, e: BackCompatError) -> Error {
    match e {
        BackCompatError::Document(member) => param_error(
            cli_name,
            format!(
                "Shorthand syntax does not support document types. Use JSON input for \
                 top-level argument to specify nested parameter: {member}"
            ),
        ),
        BackCompatError::Conversion(e) => e,
        BackCompatError::Model(e) => e.into(),
    }
}

/// The CLI's `BackCompatVisitor`: shorthand gives text; numbers and booleans take their
/// types, and a single value where a list is wanted becomes a one-item list (left as given).
fn back_compat(
    model: &ServiceModel,
    shape: &Shape,
    value: &mut Value,
) -> Result<(), BackCompatError> {
    let child = |r: &ShapeRef, v: &mut Value, name: &str| -> Result<(), BackCompatError> {
        let member = model.shape(&r.shape).map_err(BackCompatError::Model)?;
        if member.document && !v.is_null() {
            return Err(BackCompatError::Document(name.to_string()));
        }
        if member.kind == ShapeType::List && !v.is_array() {
            if !v.is_null() {
                *v = Value::Array(vec![v.take()]);
            }
            return Ok(());
        }
        back_compat(model, member, v)
    };
    match (shape.kind, value) {
        (ShapeType::Structure, Value::Object(map)) => {
            for (name, r) in &shape.members {
                if let Some(v) = map.get_mut(name) {
                    child(r, v, name)?;
                }
            }
        }
        (ShapeType::List, Value::Array(items)) => {
            if let Some(m) = &shape.member {
                for item in items {
                    child(m, item, "")?;
                }
            }
        }
        (ShapeType::Map, Value::Object(map)) => {
            if let Some(r) = &shape.value {
                for (k, item) in map.iter_mut() {
                    child(r, item, k)?;
                }
            }
        }
        (ShapeType::Integer | ShapeType::Long, v @ Value::String(_)) => {
            *v = int_value(v.as_str().unwrap_or_default()).map_err(BackCompatError::Conversion)?;
        }
        (ShapeType::Float | ShapeType::Double, v @ Value::String(_)) => {
            *v =
                float_value(v.as_str().unwrap_or_default()).map_err(BackCompatError::Conversion)?;
        }
        (ShapeType::Boolean, v @ Value::String(_)) => {
            let text = v.as_str().unwrap_or_default();
            if text.eq_ignore_ascii_case("true") {
                *v = Value::Bool(true);
            } else if text.eq_ignore_ascii_case("false") {
                *v = Value::Bool(false);
            }
        }
        _ => {}
    }
    Ok(())
}

pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
