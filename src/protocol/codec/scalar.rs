//! Scalar values between the driver's JSON and the wire: timestamps in the three formats
//! of the models (`iso8601`, `unixTimestamp`, `rfc822`), numbers, booleans and blobs as text,
//! and timestamps on their way out, rendered as the CLI prints them.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;
use time::OffsetDateTime;

use crate::error::Error;
use crate::model::{Shape, ShapeRef, ShapeType};
use crate::protocol::timestamp::{HTTP_DATE, isoformat};
use crate::settings::TimestampFormat;

use super::param_error;

/// A timestamp format as the models name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Iso8601,
    Epoch,
    Rfc822,
}

impl Format {
    /// The format a reference asks for (the reference's trait, else the shape's), or the
    /// location's default.
    pub fn of(r: &ShapeRef, shape: &Shape, default: Format) -> Format {
        match r
            .timestamp_format
            .as_deref()
            .or(shape.timestamp_format.as_deref())
        {
            Some("iso8601") => Format::Iso8601,
            Some("unixTimestamp") => Format::Epoch,
            Some("rfc822") => Format::Rfc822,
            _ => default,
        }
    }
}

/// A timestamp parameter: epoch seconds, or text the driver's parser reads.
pub fn timestamp_in(v: &Value) -> Result<OffsetDateTime, Error> {
    let parsed = match v {
        Value::Number(n) => n
            .as_f64()
            .and_then(crate::protocol::timestamp::from_epoch_seconds),
        Value::String(s) => crate::driver::timestamps::parse(s),
        _ => None,
    };
    parsed.ok_or_else(|| param_error(format!("Invalid timestamp value: {v}")))
}

/// Epoch seconds as a time, to the microsecond, as Python's `datetime` holds them.
pub fn epoch(seconds: f64) -> Option<OffsetDateTime> {
    crate::protocol::timestamp::from_epoch_seconds(seconds)
}

/// A timestamp as text in a format.
pub fn timestamp_text(t: OffsetDateTime, format: Format) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    match format {
        Format::Iso8601 => {
            let mut out = crate::protocol::timestamp::date_time(t, 'T');
            if t.microsecond() != 0 {
                out.push_str(&format!(".{:06}", t.microsecond()));
            }
            out.push('Z');
            out
        }
        Format::Epoch => epoch_number(t).to_string(),
        Format::Rfc822 => t.format(HTTP_DATE).unwrap_or_default(),
    }
}

/// Epoch seconds as a JSON number: whole seconds as an integer, else with their fraction.
pub fn epoch_number(t: OffsetDateTime) -> serde_json::Number {
    let nanos = t.unix_timestamp_nanos();
    if nanos % 1_000_000_000 == 0 {
        serde_json::Number::from(t.unix_timestamp())
    } else {
        serde_json::Number::from_f64(nanos as f64 / 1e9).unwrap_or_else(|| 0.into())
    }
}

/// A scalar parameter as the text the query, URI, header and XML locations carry (blobs
/// stay base64, timestamps take `format`).
pub fn text(shape: &Shape, v: &Value, format: Format) -> Result<String, Error> {
    Ok(match (shape.kind, v) {
        (ShapeType::Timestamp, v) => timestamp_text(timestamp_in(v)?, format),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Bool(b)) => b.to_string(),
        (_, Value::Number(n)) => number_text(n),
        (_, other) => {
            return Err(param_error(format!(
                "Invalid type for a {:?} value: {other}",
                shape.kind
            )));
        }
    })
}

/// A number as Python's `str()` writes it: integers bare, floats with a fraction.
pub fn number_text(n: &serde_json::Number) -> String {
    if n.is_f64() {
        let f = n.as_f64().unwrap_or_default();
        if f.fract() == 0.0 && f.abs() < 1e16 {
            format!("{f:.1}")
        } else {
            f.to_string()
        }
    } else {
        n.to_string()
    }
}

/// A base64 parameter's bytes.
pub fn blob_in(v: &Value) -> Result<Vec<u8>, Error> {
    match v {
        Value::String(s) => STANDARD
            .decode(s.trim())
            .map_err(|_| param_error(format!("Invalid base64 value for a blob: {s}"))),
        other => Err(param_error(format!("Invalid type for a blob: {other}"))),
    }
}

pub fn base64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// A timestamp read from the wire (text in any of the formats), rendered for output.
pub fn timestamp_out(wire: &str, timestamps: TimestampFormat) -> Value {
    match timestamps {
        TimestampFormat::Wire => Value::String(wire.to_string()),
        TimestampFormat::Iso8601 => {
            let parsed = match wire.trim().parse::<f64>() {
                Ok(seconds) => epoch(seconds),
                Err(_) => crate::driver::timestamps::parse(wire),
            };
            match parsed {
                Some(t) => Value::String(isoformat(t)),
                None => Value::String(wire.to_string()),
            }
        }
    }
}

/// A timestamp a JSON body carries as epoch seconds.
pub fn timestamp_number_out(n: &serde_json::Number, timestamps: TimestampFormat) -> Value {
    match (timestamps, n.as_f64().and_then(epoch)) {
        (TimestampFormat::Iso8601, Some(t)) => Value::String(isoformat(t)),
        _ => Value::Number(n.clone()),
    }
}

/// A scalar read from text (XML, headers) as its shape's JSON value.
pub fn from_text(shape: &Shape, text: &str, timestamps: TimestampFormat) -> Result<Value, Error> {
    let bad = || Error::InvalidResponse(format!("{text:?} is not a {:?}", shape.kind));
    Ok(match shape.kind {
        ShapeType::String => Value::String(text.to_string()),
        ShapeType::Integer | ShapeType::Long | ShapeType::Biginteger => {
            Value::Number(text.trim().parse::<i64>().map_err(|_| bad())?.into())
        }
        ShapeType::Float | ShapeType::Double | ShapeType::Bigdecimal => {
            float_out(text.trim()).ok_or_else(bad)?
        }
        ShapeType::Boolean => match text.trim() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(bad()),
        },
        ShapeType::Timestamp => timestamp_out(text.trim(), timestamps),
        ShapeType::Blob => Value::String(text.trim().to_string()),
        ShapeType::Structure | ShapeType::List | ShapeType::Map => return Err(bad()),
    })
}

/// A float from text; NaN and the infinities stay text (JSON has no number for them).
pub fn float_out(text: &str) -> Option<Value> {
    match text {
        "NaN" | "Infinity" | "-Infinity" => Some(Value::String(text.to_string())),
        _ => {
            let f: f64 = text.parse().ok()?;
            serde_json::Number::from_f64(f).map(Value::Number)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_fractions_keep_their_microseconds() {
        let n = serde_json::Number::from_f64(1700000000.123).unwrap();
        assert_eq!(
            timestamp_number_out(&n, TimestampFormat::Iso8601),
            "2023-11-14T22:13:20.123000+00:00"
        );
        assert_eq!(
            timestamp_out("1700000000.123", TimestampFormat::Iso8601),
            "2023-11-14T22:13:20.123000+00:00"
        );
        assert_eq!(
            timestamp_out("Tue, 14 Nov 2023 22:13:20 GMT", TimestampFormat::Iso8601),
            "2023-11-14T22:13:20+00:00"
        );
        assert_eq!(timestamp_out("x", TimestampFormat::Iso8601), "x");
        let t = timestamp_in(&serde_json::json!(1700000000.5)).unwrap();
        assert_eq!(
            timestamp_text(t, Format::Iso8601),
            "2023-11-14T22:13:20.500000Z"
        );
        assert_eq!(timestamp_text(t, Format::Epoch), "1700000000.5");
        assert_eq!(
            timestamp_text(t, Format::Rfc822),
            "Tue, 14 Nov 2023 22:13:20 GMT"
        );
        let t = timestamp_in(&serde_json::json!("2023-11-14T23:13:20+01:00")).unwrap();
        assert_eq!(timestamp_text(t, Format::Iso8601), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn numbers_as_python_writes_them() {
        let n = |v: serde_json::Value| number_text(v.as_number().unwrap());
        assert_eq!(n(serde_json::json!(3)), "3");
        assert_eq!(n(serde_json::json!(1.5)), "1.5");
        assert_eq!(n(serde_json::json!(2.0)), "2.0");
        assert_eq!(n(serde_json::json!(-4)), "-4");
    }
}
