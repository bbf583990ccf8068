//! botocore's client-side parameter validation (`ParamValidator`), run on the whole input
//! before anything is sent: required members, unknown members, types, minimum lengths and
//! values, tagged unions. Every failure is collected and reported at once, in botocore's
//! words, as "Parameter validation failed" (exit 252).

use serde_json::{Map, Value};

use super::call::python_type;
use crate::error::Error;
use crate::model::{ModelError, ServiceModel, Shape, ShapeRef, ShapeType};
use crate::output::python_str;

struct Validator<'a> {
    model: &'a ServiceModel,
    errors: Vec<String>,
}

pub fn validate(
    model: &ServiceModel,
    input: &Shape,
    params: &Map<String, Value>,
) -> Result<(), Error> {
    let mut v = Validator {
        model,
        errors: Vec::new(),
    };
    v.structure(&Value::Object(params.clone()), input, "")?;
    if v.errors.is_empty() {
        return Ok(());
    }
    Err(Error::ParamValidation {
        message: format!("Parameter validation failed:\n{}", v.errors.join("\n")),
        usage: false,
    })
}

fn display_name(name: &str) -> &str {
    if name.is_empty() {
        "input"
    } else {
        name.strip_prefix('.').unwrap_or(name)
    }
}

impl Validator<'_> {
    fn invalid_type(&mut self, name: &str, value: &Value, valid: &str) {
        self.errors.push(format!(
            "Invalid type for parameter {}, value: {}, type: {}, valid types: {valid}",
            display_name(name),
            python_str(value),
            python_type(value)
        ));
    }

    fn value(&mut self, value: &Value, r: &ShapeRef, name: &str) -> Result<(), ModelError> {
        let shape = self.model.shape(&r.shape)?;
        if shape.document || (r.jsonvalue && shape.kind == ShapeType::String) {
            return Ok(());
        }
        match shape.kind {
            ShapeType::Structure => self.structure(value, shape, name)?,
            ShapeType::List => self.list(value, shape, r, name)?,
            ShapeType::Map => self.map(value, shape, name)?,
            ShapeType::String => match value {
                Value::String(s) => {
                    self.range(name, s.chars().count() as f64, shape, r, "invalid length")
                }
                _ => self.invalid_type(name, value, "<class 'str'>"),
            },
            ShapeType::Integer | ShapeType::Long | ShapeType::Biginteger => {
                self.integer(value, shape, r, name)
            }
            ShapeType::Float | ShapeType::Double | ShapeType::Bigdecimal => {
                self.float(value, shape, r, name)
            }
            ShapeType::Boolean => {
                if !value.is_boolean() {
                    self.invalid_type(name, value, "<class 'bool'>");
                }
            }
            ShapeType::Blob => {
                if !value.is_string() {
                    self.invalid_type(
                        name,
                        value,
                        "<class 'bytes'>, <class 'bytearray'>, file-like object",
                    );
                }
            }
            ShapeType::Timestamp => {
                if !(value.is_number()
                    || value.as_str().is_some_and(super::timestamps::is_timestamp))
                {
                    self.invalid_type(name, value, "<class 'datetime.datetime'>, timestamp-string");
                }
            }
        }
        Ok(())
    }

    fn list(
        &mut self,
        value: &Value,
        shape: &Shape,
        r: &ShapeRef,
        name: &str,
    ) -> Result<(), ModelError> {
        let Value::Array(items) = value else {
            self.invalid_type(name, value, "<class 'list'>, <class 'tuple'>");
            return Ok(());
        };
        self.range(name, items.len() as f64, shape, r, "invalid length");
        let member = shape.member.as_ref().expect("a list has a member");
        for (i, item) in items.iter().enumerate() {
            self.value(item, member, &format!("{name}[{i}]"))?;
        }
        Ok(())
    }

    fn map(&mut self, value: &Value, shape: &Shape, name: &str) -> Result<(), ModelError> {
        let Value::Object(map) = value else {
            self.invalid_type(name, value, "<class 'dict'>");
            return Ok(());
        };
        let key = shape.key.as_ref().expect("a map has a key");
        let val = shape.value.as_ref().expect("a map has a value");
        for (k, v) in map {
            let key_name = format!("{name} (key: {k})");
            self.value(&Value::String(k.clone()), key, &key_name)?;
            self.value(v, val, &format!("{name}.{k}"))?;
        }
        Ok(())
    }

    /// Python's bool is an int: botocore lets True through where an integer is wanted.
    fn integer(&mut self, value: &Value, shape: &Shape, r: &ShapeRef, name: &str) {
        match value {
            Value::Number(n) if !n.is_f64() => {
                self.range(name, n.as_f64().unwrap_or(0.0), shape, r, "invalid range")
            }
            Value::Bool(b) => self.range(name, f64::from(u8::from(*b)), shape, r, "invalid range"),
            _ => self.invalid_type(name, value, "<class 'int'>"),
        }
    }

    fn float(&mut self, value: &Value, shape: &Shape, r: &ShapeRef, name: &str) {
        match value {
            Value::Number(n) => {
                let shown = crate::output::python_number_repr(n);
                self.range(name, n.as_f64().unwrap_or(0.0), shape, r, "invalid range");
                self.show_value(name, &shown);
            }
            Value::Bool(b) => self.range(name, f64::from(u8::from(*b)), shape, r, "invalid range"),
            // NaN and the infinities travel as these names.
            Value::String(s) if matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity") => {}
            _ => self.invalid_type(
                name,
                value,
                "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
            ),
        }
    }

    fn structure(&mut self, value: &Value, shape: &Shape, name: &str) -> Result<(), ModelError> {
        let Value::Object(params) = value else {
            self.invalid_type(name, value, "<class 'dict'>");
            return Ok(());
        };
        let members: Vec<&str> = shape.members.keys().map(String::as_str).collect();
        if shape.union {
            if params.is_empty() {
                self.errors.push(format!(
                    "Must set one of the following keys for tagged unionstructure {}: {}.",
                    display_name(name),
                    members.join(". ")
                ));
            } else if params.len() > 1 {
                self.errors.push(format!(
                    "Invalid number of parameters set for tagged union structure {}. Can only \
                     set one of the following keys: {}.",
                    display_name(name),
                    members.join(". ")
                ));
            }
        }
        for required in &shape.required {
            if !params.contains_key(required) {
                self.errors.push(format!(
                    "Missing required parameter in {}: \"{required}\"",
                    display_name(name)
                ));
            }
        }
        for key in params.keys() {
            if !shape.members.contains_key(key) {
                self.errors.push(format!(
                    "Unknown parameter in {}: \"{key}\", must be one of: {}",
                    display_name(name),
                    members.join(", ")
                ));
            }
        }
        for (key, v) in params {
            if let Some(r) = shape.members.get(key) {
                self.value(v, r, &format!("{name}.{key}"))?;
            }
        }
        Ok(())
    }

    /// Replaces the value in a range error just reported for `name` with the number as
    /// Python prints it (`-1.0` for a float).
    fn show_value(&mut self, name: &str, shown: &str) {
        let prefix = format!(
            "Invalid value for parameter {}, value: ",
            display_name(name)
        );
        if let Some(message) = self.errors.last_mut()
            && let Some(rest) = message.strip_prefix(&prefix)
            && let Some((_, tail)) = rest.split_once(',')
        {
            *message = format!("{prefix}{shown},{tail}");
        }
    }

    /// `range_check`: the shape's `min`, or 1 for a host label without one.
    fn range(&mut self, name: &str, value: f64, shape: &Shape, r: &ShapeRef, kind: &str) {
        let min = match shape.min {
            Some(min) => min,
            None if r.host_label => 1.0,
            None => return,
        };
        if value >= min {
            return;
        }
        let (what, bound) = if kind == "invalid length" {
            ("length", "length")
        } else {
            ("value", "value")
        };
        let shown = if kind == "invalid length" || value.fract() == 0.0 {
            format!("{}", value as i64)
        } else {
            value.to_string()
        };
        let min = if min.fract() == 0.0 {
            format!("{}", min as i64)
        } else {
            min.to_string()
        };
        self.errors.push(format!(
            "Invalid {what} for parameter {}, value: {shown}, valid min {bound}: {min}",
            display_name(name)
        ));
    }
}
