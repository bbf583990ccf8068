//! Comparing awsctl's JSON output with the AWS CLI's (the v1 peer): the same document, where a
//! timestamp may be printed differently (v1 prints what the wire carried, epoch seconds or an
//! ISO string; v2 and awsctl print ISO 8601 with an offset) but must name the same instant.
//! In loose mode, strings the server generated (ids, random suffixes) need only the same
//! shape: the same length and the same punctuation in the same places.

use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Where the two documents first differ, or `None` when they are equivalent.
pub fn difference(ours: &Value, theirs: &Value, loose: bool) -> Option<String> {
    walk(ours, theirs, loose, "$")
}

fn walk(ours: &Value, theirs: &Value, loose: bool, path: &str) -> Option<String> {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            let keys_a: Vec<&String> = a.keys().collect();
            let keys_b: Vec<&String> = b.keys().collect();
            if keys_a != keys_b {
                return Some(format!("{path}: keys {keys_a:?} != {keys_b:?}"));
            }
            a.iter()
                .find_map(|(k, v)| walk(v, &b[k], loose, &format!("{path}.{k}")))
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Some(format!("{path}: {} items != {}", a.len(), b.len()));
            }
            a.iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| walk(x, y, loose, &format!("{path}[{i}]")))
        }
        // Resources made at different moments carry different times: loose mode asks only
        // that both be times.
        (Value::String(_), other)
            if loose && instant(ours).is_some() && instant(other).is_some() =>
        {
            None
        }
        (Value::String(a), other) if instant(other).is_some() => same_instant(
            instant(&Value::String(a.clone())),
            instant(other),
            path,
            ours,
            theirs,
        ),
        (Value::String(a), Value::String(b)) if a == b => None,
        (Value::String(a), Value::String(b)) if loose && same_shape(a, b) => None,
        (a, b) if a == b => None,
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        _ => Some(format!("{path}: {ours} != {theirs}")),
    }
}

fn same_instant(
    a: Option<OffsetDateTime>,
    b: Option<OffsetDateTime>,
    path: &str,
    ours: &Value,
    theirs: &Value,
) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) if (a - b).abs() < time::Duration::milliseconds(1) => None,
        _ => Some(format!("{path}: {ours} != {theirs} (as instants)")),
    }
}

/// A timestamp as either side prints one: ISO 8601 (with `Z` or an offset), or epoch seconds
/// when the value is a number with a fraction or a 10-digit integer.
fn instant(value: &Value) -> Option<OffsetDateTime> {
    match value {
        Value::String(s) if s.len() >= 19 && s.as_bytes()[10] == b'T' => {
            OffsetDateTime::parse(s, &Rfc3339).ok()
        }
        // An HTTP date (`Thu, 03 Dec 2026 07:23:32 GMT`), as REST headers carry them.
        Value::String(s) if s.ends_with(" GMT") => {
            let format = time::macros::format_description!(
                "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
            );
            time::PrimitiveDateTime::parse(s, format)
                .ok()
                .map(|t| t.assume_utc())
        }
        Value::Number(n) if n.is_f64() || n.as_i64().is_some_and(|i| i > 1_000_000_000) => {
            let seconds = n.as_f64()?;
            OffsetDateTime::from_unix_timestamp_nanos((seconds * 1e9).round() as i128).ok()
        }
        _ => None,
    }
}

fn same_shape(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes().zip(b.bytes()).all(|(x, y)| {
            x.is_ascii_alphanumeric() == y.is_ascii_alphanumeric()
                && (x.is_ascii_alphanumeric() || x == y)
        })
}
