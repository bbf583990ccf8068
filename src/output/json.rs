//! The `json` output format: Python's `json.dump(response, indent=4, ensure_ascii=False)`
//! byte for byte (object order kept, floats as Python's repr, non-ASCII printed raw).

use serde_json::Value;

use super::python::number_repr;

const INDENT: usize = 4;

/// The whole `--output json` document, with its final newline.
pub(crate) fn to_document(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, 0, Some(INDENT), &mut out);
    out.push('\n');
    out
}

/// A value on one line, as `json.dump(value)` without `indent` prints it (YAML's scalars).
pub(crate) fn to_compact(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, 0, None, &mut out);
    out
}

/// `indent: None` is Python's single-line layout, with its `", "` and `": "` separators.
fn write_value(value: &Value, level: usize, indent: Option<usize>, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_repr(n)),
        Value::String(s) => write_string(s, false, out),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                separator(i, level + 1, indent, out);
                write_value(item, level + 1, indent, out);
            }
            closing(level, indent, out);
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                separator(i, level + 1, indent, out);
                write_string(key, false, out);
                out.push_str(": ");
                write_value(item, level + 1, indent, out);
            }
            closing(level, indent, out);
            out.push('}');
        }
    }
}

/// With an indent Python separates items by `,` then a newline (no trailing space).
fn separator(index: usize, level: usize, indent: Option<usize>, out: &mut String) {
    match indent {
        Some(width) => {
            if index > 0 {
                out.push(',');
            }
            out.push('\n');
            out.push_str(&" ".repeat(width * level));
        }
        None if index > 0 => out.push_str(", "),
        None => {}
    }
}

fn closing(level: usize, indent: Option<usize>, out: &mut String) {
    if let Some(width) = indent {
        out.push('\n');
        out.push_str(&" ".repeat(width * level));
    }
}

/// A JSON string as Python's `json.dumps` writes it. `ensure_ascii=False` (the CLI's output)
/// escapes only the quote, the backslash and control characters below U+0020 (short forms where
/// JSON has them, else `\u00XX` in lowercase hex); `ensure_ascii=True` (the default, used for
/// the assume-role cache key) also escapes everything outside `' '..='~'`, as UTF-16 units.
pub(crate) fn write_string(s: &str, ensure_ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ensure_ascii && (c as u32) > 0x7e) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Expected strings come from Python 3.11: json.dump(v, s, indent=4, ensure_ascii=False).
    #[test]
    fn caller_identity_keeps_service_order() {
        let v = json!({"UserId": "AKIAIOSFODNN7EXAMPLE", "Account": "123456789012", "Arn": "arn:aws:sts::123456789012:user/moto"});
        assert_eq!(
            to_document(&v),
            "{\n    \"UserId\": \"AKIAIOSFODNN7EXAMPLE\",\n    \"Account\": \"123456789012\",\n    \"Arn\": \"arn:aws:sts::123456789012:user/moto\"\n}\n"
        );
    }

    #[test]
    fn nesting_empties_escapes_and_numbers() {
        let v: Value = serde_json::from_str(
            r#"{"k":"é\u0001\"\\\t","n":[],"o":{},"f":1e100,"g":-0.0,"h":1.0,"l":[1,{"a":null,"b":true}]}"#,
        )
        .unwrap();
        let want = "{\n    \"k\": \"é\\u0001\\\"\\\\\\t\",\n    \"n\": [],\n    \"o\": {},\n    \"f\": 1e+100,\n    \
                    \"g\": -0.0,\n    \"h\": 1.0,\n    \"l\": [\n        1,\n        {\n            \"a\": null,\n            \
                    \"b\": true\n        }\n    ]\n}\n";
        assert_eq!(to_document(&v), want);
    }

    #[test]
    fn top_level_scalars_and_empty_list() {
        assert_eq!(to_document(&json!(null)), "null\n");
        assert_eq!(to_document(&json!([])), "[]\n");
        assert_eq!(to_document(&json!("i-1")), "\"i-1\"\n");
        assert_eq!(to_document(&json!(1e-05)), "1e-05\n");
    }

    // json.dumps(v, ensure_ascii=False): DEL stays raw, as the YAML dumper's scalar path is assumed to.
    #[test]
    fn compact_uses_python_separators() {
        assert_eq!(
            to_compact(&json!({"a": [1, 2], "b": "\u{7f}x"})),
            "{\"a\": [1, 2], \"b\": \"\u{7f}x\"}"
        );
        assert_eq!(to_compact(&json!("foo")), "\"foo\"");
        assert_eq!(to_compact(&json!(true)), "true");
    }
}
