//! The `yaml` and `yaml-stream` output formats: what AWS CLI v2's `YAMLDumper` produces with
//! ruamel.yaml's safe representer (keys sorted, floats as Python's repr) and its YAML 1.2
//! resolver, which decides when a string has to be quoted to stay a string.

use serde_json::Value;

use super::json;
use super::python::number_repr;
use super::yaml_emitter::{Node, emit_document};

/// `--output yaml` for a whole response. Scalars go through `json.dump` instead, as the CLI
/// does to avoid YAML's `...` end-of-document marker.
pub(crate) fn to_yaml(value: &Value) -> String {
    match value {
        Value::Object(_) | Value::Array(_) => emit_document(&represent(value, true)),
        scalar => format!("{}\n", json::to_compact(scalar)),
    }
}

/// One page of `--output yaml-stream`: the page as the single item of a YAML list.
pub(crate) fn to_yaml_stream_item(value: &Value) -> String {
    emit_document(&Node::Sequence(vec![represent(value, true)]))
}

/// A document with its keys in their own order (an ordered safe dump, as the CLI writes a
/// kubeconfig), block style.
pub(crate) fn to_yaml_in_order(value: &Value) -> String {
    emit_document(&represent(value, false))
}

fn represent(value: &Value, sorted: bool) -> Node {
    match value {
        Value::Null => plain("null"),
        Value::Bool(b) => plain(if *b { "true" } else { "false" }),
        // ruamel's represent_float is `repr(f).lower()`; no `.0` is inserted under YAML 1.2.
        Value::Number(n) => plain(&number_repr(n).to_lowercase()),
        Value::String(s) => string(s),
        Value::Array(items) => Node::Sequence(items.iter().map(|v| represent(v, sorted)).collect()),
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            if sorted {
                entries.sort_by(|a, b| a.0.cmp(b.0));
            }
            Node::Mapping(
                entries
                    .into_iter()
                    .map(|(k, v)| (string(k), represent(v, sorted)))
                    .collect(),
            )
        }
    }
}

fn plain(text: &str) -> Node {
    Node::Scalar {
        value: text.to_string(),
        plain_implicit: true,
    }
}

fn string(s: &str) -> Node {
    Node::Scalar {
        value: s.to_string(),
        plain_implicit: !resolves_to_other_type(s),
    }
}

/// Whether ruamel's YAML 1.2 implicit resolvers would read `s`, written plain, as something
/// other than a string (bool, int, float, null, timestamp, merge key, `=`, `!`/`&`/`*`).
/// Python's `re.match(...$)` also accepts one trailing newline, hence the second try.
fn resolves_to_other_type(s: &str) -> bool {
    let matches = |s: &str| {
        matches!(
            s,
            "true"
                | "True"
                | "TRUE"
                | "false"
                | "False"
                | "FALSE"
                | "~"
                | "null"
                | "Null"
                | "NULL"
                | ""
                | "<<"
                | "="
                | "!"
                | "&"
                | "*"
        ) || is_int(s)
            || is_float(s)
            || is_timestamp(s)
    };
    matches(s) || s.strip_suffix('\n').is_some_and(matches)
}

fn strip_sign(s: &str) -> &str {
    s.strip_prefix(['-', '+']).unwrap_or(s)
}

fn all_of(s: &str, allowed: impl Fn(u8) -> bool) -> bool {
    !s.is_empty() && s.bytes().all(allowed)
}

/// `[-+]?0b[0-1_]+ | [-+]?0o?[0-7_]+ | [-+]?[0-9_]+ | [-+]?0x[0-9a-fA-F_]+`
fn is_int(s: &str) -> bool {
    let body = strip_sign(s);
    if let Some(bits) = body.strip_prefix("0b") {
        return all_of(bits, |b| matches!(b, b'0' | b'1' | b'_'));
    }
    if let Some(octal) = body.strip_prefix("0o") {
        return all_of(octal, |b| matches!(b, b'0'..=b'7' | b'_'));
    }
    if let Some(hex) = body.strip_prefix("0x") {
        return all_of(hex, |b| b.is_ascii_hexdigit() || b == b'_');
    }
    // The resolver is only consulted for strings starting with a sign or a digit, so "_" alone
    // never gets here while "-_" does, and is an int to ruamel.
    s.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+')
        && all_of(body, |b| b.is_ascii_digit() || b == b'_')
}

/// `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)? | [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
///  | [-+]?\.[0-9_]+([eE][-+][0-9]+)? | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)`
fn is_float(s: &str) -> bool {
    if matches!(s, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let body = strip_sign(s);
    if matches!(body, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    let digits_or_underscores = |t: &str| {
        t.bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'_')
            .count()
    };
    let exponent = |t: &str, sign_required: bool| {
        let Some(rest) = t.strip_prefix(['e', 'E']) else {
            return false;
        };
        let unsigned = strip_sign(rest);
        (!sign_required || unsigned.len() < rest.len()) && all_of(unsigned, |b| b.is_ascii_digit())
    };
    if let Some(fraction) = body.strip_prefix('.') {
        let n = digits_or_underscores(fraction);
        return n > 0 && (n == fraction.len() || exponent(&fraction[n..], true));
    }
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let rest = &body[digits_or_underscores(body)..];
    match rest.strip_prefix('.') {
        Some(fraction) => {
            let n = digits_or_underscores(fraction);
            n == fraction.len() || exponent(&fraction[n..], false)
        }
        None => exponent(rest, false),
    }
}

/// `YYYY-MM-DD`, or `YYYY-M?M-D?D` then `T`/`t`/blanks, `H?H:MM:SS`, an optional fraction and
/// an optional zone (`Z` or `±H?H(:MM)?`, possibly after blanks). Service timestamps such as
/// `2026-11-23T16:15:02+00:00` match, which is why the CLI prints them quoted.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize, min: usize, max: usize| {
        let start = *i;
        while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start >= min
    };
    let byte = |i: &mut usize, want: &[u8]| {
        let ok = *i < b.len() && want.contains(&b[*i]);
        *i += usize::from(ok);
        ok
    };
    if !(digits(&mut i, 4, 4) && byte(&mut i, b"-")) {
        return false;
    }
    let date_start = i;
    if digits(&mut i, 2, 2) && byte(&mut i, b"-") && digits(&mut i, 2, 2) && i == b.len() {
        return true;
    }
    i = date_start;
    if !(digits(&mut i, 1, 2) && byte(&mut i, b"-") && digits(&mut i, 1, 2)) {
        return false;
    }
    if !byte(&mut i, b"Tt") {
        if !byte(&mut i, b" \t") {
            return false;
        }
        while byte(&mut i, b" \t") {}
    }
    let time = digits(&mut i, 1, 2)
        && byte(&mut i, b":")
        && digits(&mut i, 2, 2)
        && byte(&mut i, b":")
        && digits(&mut i, 2, 2);
    if !time {
        return false;
    }
    if byte(&mut i, b".") {
        digits(&mut i, 0, usize::MAX);
    }
    // Blanks are only allowed in front of a zone.
    let before_zone = i;
    while byte(&mut i, b" \t") {}
    if i == b.len() {
        return i == before_zone;
    }
    if byte(&mut i, b"Z") {
        return i == b.len();
    }
    if !(byte(&mut i, b"-+") && digits(&mut i, 1, 2)) {
        return false;
    }
    if byte(&mut i, b":") && !digits(&mut i, 2, 2) {
        return false;
    }
    i == b.len()
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
