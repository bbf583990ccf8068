//! Turning command-line parameter values into API input as the CLI does: `file://` and
//! `fileb://` arguments, JSON or shorthand for structures and lists, integers, and
//! botocore's client-side checks of minimum lengths and values.

pub mod shorthand;
mod validate;

use serde_json::Value;

pub use validate::Validator;

use crate::error::Error;

fn param_error(option: &str, message: impl std::fmt::Display) -> Error {
    Error::ParamValidation {
        message: format!("Error parsing parameter '{option}': {message}"),
        usage: false,
    }
}

/// A parameter's text, with `file://PATH` replaced by the file's contents.
pub fn read_text(option: &str, value: &str) -> Result<String, Error> {
    match value.strip_prefix("file://") {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| param_error(option, format!("Unable to load paramfile {value}: {e}"))),
        None => Ok(value.to_string()),
    }
}

/// A structured parameter given as JSON (it starts with `{` or `[`) or in shorthand syntax.
pub fn structure(option: &str, value: &str) -> Result<Value, Error> {
    let text = read_text(option, value)?;
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return serde_json::from_str(&text)
            .map_err(|e| param_error(option, format!("Invalid JSON: {e}\nJSON received: {text}")));
    }
    shorthand::parse(&text).map_err(|e| param_error(option, e))
}

/// A list-of-structures parameter: one JSON list, or one or more shorthand structures.
pub fn structure_list(option: &str, values: &[String]) -> Result<Vec<Value>, Error> {
    let mut out = Vec::new();
    for value in values {
        match structure(option, value)? {
            Value::Array(items) => out.extend(items),
            item => out.push(item),
        }
    }
    Ok(out)
}

/// An integer parameter, with the error Python's `int()` gives the CLI (exit 255).
pub fn integer(value: &str) -> Result<i64, Error> {
    value
        .trim()
        .parse()
        .map_err(|_| Error::General(format!("invalid literal for int() with base 10: '{value}'")))
}

/// A shorthand value that the shape wants as a list (`Values=a` means `["a"]`).
pub fn as_list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().map(scalar_text).collect(),
        Some(other) => vec![scalar_text(other)],
        None => Vec::new(),
    }
}

pub fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
