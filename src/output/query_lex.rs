//! A lexical pre-pass over a `--query` expression that gives the `jmespath` crate what
//! jmespath.py (the AWS CLI's engine) accepts: legacy backtick literals such as `` `Name` ``
//! (not JSON, read as the string "Name"), plus jmespath.py's wording for unclosed delimiters.
//! It also records the key order of object literals, which the crate's maps do not keep.

use serde_json::Value;

/// The expression as the `jmespath` crate should see it.
#[derive(Debug, Clone, Default)]
pub(super) struct Rewritten {
    pub text: String,
    /// (byte offset in `text` from which on, byte delta to add to get the original offset).
    shifts: Vec<(usize, isize)>,
    /// Key orders of the objects inside backtick literals.
    pub literal_orders: Vec<Vec<String>>,
}

impl Rewritten {
    /// The byte offset in the original expression for an offset in the rewritten text.
    pub fn original_offset(&self, offset: usize) -> usize {
        let delta = self
            .shifts
            .iter()
            .take_while(|(start, _)| *start <= offset)
            .last()
            .map_or(0, |s| s.1);
        offset.saturating_add_signed(delta)
    }
}

/// A lexer error as jmespath.py words it: `message` and the char position it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LexError {
    pub message: String,
    pub position: usize,
}

pub(super) fn rewrite(expr: &str) -> Result<Rewritten, LexError> {
    let mut out = Rewritten::default();
    let mut copied_to = 0;
    let mut rest = expr.char_indices().peekable();
    while let Some((start, c)) = rest.next() {
        if !matches!(c, '`' | '\'' | '"') {
            continue;
        }
        // jmespath.py's _consume_until: a backslash always takes the next character with it.
        let mut body = String::new();
        let mut end = None;
        while let Some((i, ch)) = rest.next() {
            if ch == '\\' {
                body.push('\\');
                match rest.next() {
                    Some((_, escaped)) => body.push(escaped),
                    None => break,
                }
            } else if ch == c {
                end = Some(i);
                break;
            } else {
                body.push(ch);
            }
        }
        let Some(end) = end else {
            return Err(LexError {
                message: format!("Unclosed {c} delimiter"),
                position: expr[..start].chars().count(),
            });
        };
        if c != '`' {
            continue;
        }
        let lexeme = body.replace("\\`", "`");
        if let Ok(value) = serde_json::from_str::<Value>(&lexeme) {
            collect_orders(&value, &mut out.literal_orders);
            continue;
        }
        // JEP-12's deprecated form: a literal that is not JSON is the JSON string of its text.
        let as_string = format!("\"{}\"", lexeme.trim_start());
        let Ok(Value::String(s)) = serde_json::from_str::<Value>(&as_string) else {
            return Err(LexError {
                message: format!("Bad token {lexeme}"),
                position: expr[..start].chars().count(),
            });
        };
        let replacement = format!(
            "`{}`",
            serde_json::to_string(&s)
                .expect("a string serializes")
                .replace('`', "\\`")
        );
        out.text.push_str(&expr[copied_to..start]);
        out.text.push_str(&replacement);
        copied_to = end + 1;
        let original_len = (end + 1 - start) as isize;
        let delta =
            out.shifts.last().map_or(0, |s| s.1) + original_len - replacement.len() as isize;
        out.shifts.push((out.text.len(), delta));
    }
    out.text.push_str(&expr[copied_to..]);
    Ok(out)
}

fn collect_orders(value: &Value, orders: &mut Vec<Vec<String>>) {
    match value {
        Value::Object(map) => {
            orders.push(map.keys().cloned().collect());
            map.values().for_each(|v| collect_orders(v, orders));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_orders(v, orders)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_literals_are_kept() {
        let r = rewrite("Tags[?Key==`\"Name\"`] | [?v > `1`]").unwrap();
        assert_eq!(r.text, "Tags[?Key==`\"Name\"`] | [?v > `1`]");
        assert_eq!(r.original_offset(25), 25);
    }

    #[test]
    fn legacy_literals_become_json_strings() {
        let r = rewrite("Tags[?Key==`Name`].Value | join(`, `, @)").unwrap();
        assert_eq!(r.text, "Tags[?Key==`\"Name\"`].Value | join(`\", \"`, @)");
        // `.Value` sits at byte 17 in the original and 19 after the first rewrite.
        assert_eq!(r.original_offset(19), 17);
        assert_eq!(r.original_offset(5), 5);
        // jmespath.py strips leading blanks of a legacy literal, and unescapes \`.
        assert_eq!(
            rewrite("a[?b==`  x\\`y`]").unwrap().text,
            "a[?b==`\"x\\`y\"`]"
        );
    }

    #[test]
    fn backticks_inside_strings_are_not_literals() {
        let r = rewrite("\"a`b\".c[?d=='`x']").unwrap();
        assert_eq!(r.text, "\"a`b\".c[?d=='`x']");
    }

    #[test]
    fn unclosed_delimiters_use_jmespath_py_wording() {
        assert_eq!(
            rewrite("foo[?a==`bar").unwrap_err(),
            LexError {
                message: "Unclosed ` delimiter".into(),
                position: 8
            }
        );
        assert_eq!(
            rewrite("foo[?a=='bar").unwrap_err().message,
            "Unclosed ' delimiter"
        );
        assert_eq!(
            rewrite("foo.\"bar").unwrap_err(),
            LexError {
                message: "Unclosed \" delimiter".into(),
                position: 4
            }
        );
        assert_eq!(
            rewrite("`foo\"bar`").unwrap_err(),
            LexError {
                message: "Bad token foo\"bar".into(),
                position: 0
            }
        );
    }

    #[test]
    fn literal_object_orders_are_recorded() {
        let r = rewrite("`{\"b\": 1, \"a\": {\"z\": 0, \"y\": 0}}`").unwrap();
        assert_eq!(
            r.literal_orders,
            vec![
                vec!["b".to_string(), "a".into()],
                vec!["z".to_string(), "y".into()]
            ]
        );
    }
}
