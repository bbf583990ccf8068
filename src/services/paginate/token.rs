//! botocore's resume tokens: base64 of a JSON object holding the service's token and, when
//! `--max-items` cut a page short, `boto_truncate_amount` (the items of that page already
//! shown). The encoding is byte for byte `json.dumps` (", " and ": ", ASCII only), so tokens
//! pass between awsctl and the AWS CLI either way.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use crate::error::Error;

/// Where to resume: the service token to send (`None`: from the start) and how many items
/// of the first page to skip.
#[derive(Debug, Clone, PartialEq)]
pub struct Resume {
    pub token: Option<Value>,
    pub skip: i64,
}

/// `TokenEncoder.encode({input_token: token, ["boto_truncate_amount": n]})`.
pub fn encode(input_token: &str, token: Option<&Value>, truncate_amount: Option<i64>) -> String {
    let mut json = format!(
        "{{{}: {}",
        dumps(&Value::from(input_token)),
        dumps(token.unwrap_or(&Value::Null))
    );
    if let Some(n) = truncate_amount {
        json.push_str(&format!(", \"boto_truncate_amount\": {n}"));
    }
    json.push('}');
    STANDARD.encode(json)
}

/// `PageIterator._parse_starting_token`: a base64 JSON token, or else the old
/// `token___index` form, or else the string itself as the service's token.
pub fn decode(starting_token: &str, input_token: &str) -> Result<Resume, Error> {
    let decoded = STANDARD
        .decode(starting_token.trim())
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok());
    if let Some(Value::Object(object)) = decoded {
        let skip = match object.get("boto_truncate_amount") {
            None => 0,
            Some(n) => n.as_i64().ok_or_else(|| bad(starting_token))?,
        };
        let token = object.get(input_token).filter(|v| is_token(v)).cloned();
        return Ok(Resume { token, skip });
    }
    deprecated(starting_token)
}

/// `_parse_starting_token_deprecated` for a paginator with one input token.
fn deprecated(starting_token: &str) -> Result<Resume, Error> {
    let mut parts: Vec<&str> = starting_token.split("___").collect();
    let mut skip = 0;
    if parts.len() == 2 {
        match parts[1].trim().parse::<i64>() {
            Ok(n) => {
                skip = n;
                parts.pop();
            }
            Err(_) => parts = vec![starting_token],
        }
    }
    if parts.len() > 1 {
        return Err(bad(starting_token));
    }
    let token = (parts[0] != "None").then(|| Value::from(parts[0]));
    Ok(Resume { token, skip })
}

fn bad(starting_token: &str) -> Error {
    Error::BadStartingToken(starting_token.to_string())
}

/// botocore sends a token unless it is None or the string "None".
pub fn is_token(value: &Value) -> bool {
    !value.is_null() && value.as_str() != Some("None")
}

/// Python's `json.dumps` with its defaults: `", "` and `": "` separators, non-ASCII escaped.
fn dumps(value: &Value) -> String {
    match value {
        Value::String(s) => {
            let mut out = String::new();
            crate::output::write_json_string(s, true, &mut out);
            out
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(dumps).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", dumps(&Value::from(k.as_str())), dumps(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_as_botocore() {
        // base64.b64encode(json.dumps({"NextToken": "abc", "boto_truncate_amount": 2}).encode())
        assert_eq!(
            encode("NextToken", Some(&Value::from("abc")), Some(2)),
            "eyJOZXh0VG9rZW4iOiAiYWJjIiwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMn0="
        );
        // json.dumps({"NextToken": None, "boto_truncate_amount": 1})
        assert_eq!(
            String::from_utf8(STANDARD.decode(encode("NextToken", None, Some(1))).unwrap())
                .unwrap(),
            r#"{"NextToken": null, "boto_truncate_amount": 1}"#
        );
        // Non-ASCII is escaped as json.dumps does: {"NextToken": "\u00e9\ud83d\ude00"}
        assert_eq!(
            String::from_utf8(
                STANDARD
                    .decode(encode("NextToken", Some(&Value::from("é😀")), None))
                    .unwrap()
            )
            .unwrap(),
            r#"{"NextToken": "\u00e9\ud83d\ude00"}"#
        );
    }

    #[test]
    fn decodes_new_and_old_forms() {
        let new = decode(
            "eyJOZXh0VG9rZW4iOiAiYWJjIiwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMn0=",
            "NextToken",
        )
        .unwrap();
        assert_eq!(
            new,
            Resume {
                token: Some(Value::from("abc")),
                skip: 2
            }
        );
        let cases = [
            ("plain-service-token", Some("plain-service-token"), 0),
            ("tok___3", Some("tok"), 3),
            ("None___1", None, 1),
            ("a___b", Some("a___b"), 0),
        ];
        for (text, token, skip) in cases {
            assert_eq!(
                decode(text, "NextToken").unwrap(),
                Resume {
                    token: token.map(Value::from),
                    skip
                },
                "{text}"
            );
        }
        let e = decode("a___b___1", "NextToken").unwrap_err();
        assert_eq!(e.to_string(), "Bad starting token: a___b___1");
    }
}
