//! How Python spells values: `repr(float)`, `str()` of a scalar and truthiness. The AWS CLI
//! is Python, so every format that prints a number or a boolean has to print it this way.

use std::borrow::Cow;

use serde_json::{Number, Value};

/// `repr(f)` for a finite float: the shortest digits that round-trip, in fixed notation when
/// the decimal exponent is in -4..16 (always with a fractional part, `1.0`), otherwise in
/// scientific notation with a signed, at least two-digit exponent (`1e-05`, `1.5e+16`).
pub(crate) fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    // Rust's `{:e}` gives the same shortest round-trip digits Python uses; only the layout differs.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exponent) = sci.split_once('e').expect("`{:e}` always has an exponent");
    let exponent: i32 = exponent.parse().expect("`{:e}` exponent is an integer");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if f.is_sign_negative() { "-" } else { "" };
    // Python's float_repr_style 'short': decpt is where the decimal point falls in `digits`.
    let decpt = exponent + 1;
    let body = if !(-4 < decpt && decpt <= 16) {
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        format!("{first}{fraction}e{exp_sign}{:02}", exponent.abs())
    } else if decpt <= 0 {
        format!("0.{}{digits}", "0".repeat(decpt.unsigned_abs() as usize))
    } else {
        let decpt = decpt as usize;
        if decpt >= digits.len() {
            format!("{digits}{}.0", "0".repeat(decpt - digits.len()))
        } else {
            format!("{}.{}", &digits[..decpt], &digits[decpt..])
        }
    };
    format!("{sign}{body}")
}

/// `repr()` of a JSON number as Python's `json` module parsed it: integers stay integers.
pub(crate) fn number_repr(n: &Number) -> String {
    if n.is_f64() {
        float_repr(n.as_f64().unwrap_or(f64::NAN))
    } else {
        n.to_string()
    }
}

/// `str(value)` for a scalar, as the text and table formats print cells.
pub(crate) fn str_of(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(s) => Cow::Borrowed(s),
        Value::Number(n) => Cow::Owned(number_repr(n)),
        Value::Bool(true) => Cow::Borrowed("True"),
        Value::Bool(false) => Cow::Borrowed("False"),
        Value::Null => Cow::Borrowed("None"),
        // A key that is scalar in one element and nested in another gets `str(dict)` as a cell.
        container => Cow::Owned(repr(container)),
    }
}

/// Python's `repr()` of a value as the CLI holds it (dicts in insertion order).
pub(crate) fn repr(value: &Value) -> String {
    match value {
        Value::String(s) => repr_str(s),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(repr).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", repr_str(k), repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        scalar => str_of(scalar).into_owned(),
    }
}

/// `repr(str)`: single quotes unless the text has a `'` and no `"`; backslash escapes for the
/// quote, `\\`, `\t` `\n` `\r` and for characters Python does not consider printable.
pub(crate) fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => {
                let code = c as u32;
                match code {
                    0..=0xFF => out.push_str(&format!("\\x{code:02x}")),
                    0x100..=0xFFFF => out.push_str(&format!("\\u{code:04x}")),
                    _ => out.push_str(&format!("\\U{code:08x}")),
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `str.isprintable()` for one character, without Unicode tables: control, separator (other
/// than space), format and private-use characters are escaped; unassigned ones are not known.
fn is_printable(c: char) -> bool {
    let code = c as u32;
    !(c.is_control()
        || matches!(code, 0xA0 | 0xAD | 0x1680 | 0x2000..=0x200F | 0x2028..=0x202F | 0x205F..=0x2064)
        || matches!(code, 0x2066..=0x206F | 0x3000 | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF)
        || matches!(code, 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0xE0001 | 0xE0020..=0xE007F)
        || code >= 0xF0000)
}

/// Python truthiness: `None`, `False`, zero, and empty strings, lists and dicts are false.
pub(crate) fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// A dict or a list: what the CLI's formatters call "not a scalar".
pub(crate) fn is_container(value: &Value) -> bool {
    matches!(value, Value::Array(_) | Value::Object(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Expected strings are Python 3.11's `repr()` of the same floats.
    #[test]
    fn float_repr_matches_python() {
        let cases = [
            (1.0, "1.0"),
            (0.5, "0.5"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1e-05, "1e-05"),
            (0.0001, "0.0001"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (9999999999999998.0, "9999999999999998.0"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (1e100, "1e+100"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (100.0, "100.0"),
            (12345.678, "12345.678"),
        ];
        for (f, want) in cases {
            assert_eq!(float_repr(f), want, "repr({f:?})");
        }
    }

    #[test]
    fn str_of_scalars_is_python_str() {
        assert_eq!(str_of(&json!(true)), "True");
        assert_eq!(str_of(&json!(false)), "False");
        assert_eq!(str_of(&json!(null)), "None");
        assert_eq!(str_of(&json!(1.0)), "1.0");
        assert_eq!(str_of(&json!(42)), "42");
        assert_eq!(str_of(&json!(-7)), "-7");
        assert_eq!(str_of(&json!(u64::MAX)), "18446744073709551615");
        assert_eq!(str_of(&json!("x y")), "x y");
    }

    // Expected strings are Python 3.11's `str()` of the same dicts and lists.
    #[test]
    fn containers_print_as_python_repr() {
        let v = json!({"k1": "0", "k2": false, "l": [null, 1.5, "it's", "say \"hi\"", "a\nb\u{7f}\u{a0}é"]});
        assert_eq!(
            str_of(&v),
            "{'k1': '0', 'k2': False, 'l': [None, 1.5, \"it's\", 'say \"hi\"', 'a\\nb\\x7f\\xa0é']}"
        );
        assert_eq!(repr(&json!("both ' and \"")), "'both \\' and \"'");
        assert_eq!(
            repr(&json!(["\u{2028}", "\u{1F600}", "\u{e000}"])),
            "['\\u2028', '😀', '\\ue000']"
        );
    }

    #[test]
    fn truthiness_is_python_truthiness() {
        for falsy in [
            json!(null),
            json!(false),
            json!(0),
            json!(0.0),
            json!(""),
            json!([]),
            json!({}),
        ] {
            assert!(!is_truthy(&falsy), "{falsy} should be falsy");
        }
        for truthy in [
            json!(true),
            json!(1),
            json!(-0.5),
            json!("0"),
            json!([0]),
            json!({"a": null}),
        ] {
            assert!(is_truthy(&truthy), "{truthy} should be truthy");
        }
    }
}
