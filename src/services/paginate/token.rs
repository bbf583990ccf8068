//! botocore's resume tokens: base64 of a JSON object holding the service's token and, when
//! `--max-items` cut a page short, `boto_truncate_amount` (the items of that page already
//! shown). The encoding is byte for byte `json.dumps` (", " and ": ", ASCII only), so tokens
//! pass between awsctl and the AWS CLI either way.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value};

use crate::error::Error;

/// Where to resume: the service tokens to send (by input member, in the token's order;
/// `null` means "leave the member out") and how many items of the first page to skip.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resume {
    pub tokens: Map<String, Value>,
    pub skip: i64,
}

/// `TokenEncoder.encode(token)`, with `boto_truncate_amount` last when given: base64 of
/// `json.dumps`, keys in the order they were put in.
#[cfg(test)]
pub fn encode(tokens: &Map<String, Value>, truncate_amount: Option<i64>) -> String {
    encode_with_blobs(tokens, truncate_amount, Vec::new())
}

/// `encode`, with `boto_encoded_keys` last when the tokens hold binary values (their paths;
/// the values are base64 text already, as botocore writes them).
pub fn encode_with_blobs(
    tokens: &Map<String, Value>,
    truncate_amount: Option<i64>,
    blob_paths: Vec<Value>,
) -> String {
    let mut object = tokens.clone();
    if let Some(n) = truncate_amount {
        object.insert("boto_truncate_amount".into(), Value::from(n));
    }
    if !blob_paths.is_empty() {
        object.insert("boto_encoded_keys".into(), Value::Array(blob_paths));
    }
    STANDARD.encode(dumps(&Value::Object(object)))
}

/// `PageIterator._parse_starting_token`: a base64 JSON token, or else the old
/// `token___token___index` form, or else the string itself as the service's token.
pub fn decode(starting_token: &str, input_tokens: &[String]) -> Result<Resume, Error> {
    match decode_json(starting_token) {
        Some(Value::Object(mut tokens)) => {
            // Tokens that were bytes came base64-encoded, as our blobs are: keep them so.
            tokens.shift_remove("boto_encoded_keys");
            let skip = match tokens.shift_remove("boto_truncate_amount") {
                None | Some(Value::Null) => 0,
                Some(n) => n.as_i64().ok_or_else(|| bad(starting_token))?,
            };
            Ok(Resume { tokens, skip })
        }
        // `in` on a number, a boolean or None raises TypeError: botocore falls back.
        None | Some(Value::Number(_) | Value::Bool(_) | Value::Null) => {
            deprecated(starting_token, input_tokens)
        }
        Some(_) => Err(bad(starting_token)),
    }
}

/// `base64.b64decode` (which drops characters outside the alphabet), UTF-8, `json.loads`.
fn decode_json(text: &str) -> Option<Value> {
    let kept: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        .collect();
    let bytes = STANDARD.decode(kept).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// `_parse_starting_token_deprecated`: tokens joined by `___`, maybe an index last.
fn deprecated(starting_token: &str, input_tokens: &[String]) -> Result<Resume, Error> {
    let mut parts: Vec<&str> = starting_token.split("___").collect();
    let mut skip = 0;
    if parts.len() == input_tokens.len() + 1 {
        match super::parse_int(parts[parts.len() - 1]) {
            Ok(n) => {
                skip = n;
                parts.pop();
            }
            Err(_) => parts = vec![starting_token],
        }
    }
    if parts.len() > input_tokens.len() {
        return Err(bad(starting_token));
    }
    let tokens = input_tokens
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let value = match parts.get(i) {
                Some(&"None") | None => Value::Null,
                Some(part) => Value::from(*part),
            };
            (name.clone(), value)
        })
        .collect();
    Ok(Resume { tokens, skip })
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
        // Python's json writes floats with repr(): 1e+16, not 1e16.
        Value::Number(n) => crate::output::python_number_repr(n),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(name: &str, token: Value) -> Map<String, Value> {
        Map::from_iter([(name.to_string(), token)])
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn encodes_as_botocore() {
        // base64.b64encode(json.dumps({"NextToken": "abc", "boto_truncate_amount": 2}).encode())
        assert_eq!(
            encode(&one("NextToken", json!("abc")), Some(2)),
            "eyJOZXh0VG9rZW4iOiAiYWJjIiwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMn0="
        );
        let text = |t: String| String::from_utf8(STANDARD.decode(t).unwrap()).unwrap();
        assert_eq!(
            text(encode(&one("NextToken", Value::Null), Some(1))),
            r#"{"NextToken": null, "boto_truncate_amount": 1}"#
        );
        // Non-ASCII is escaped as json.dumps does.
        assert_eq!(
            text(encode(&one("NextToken", json!("é😀")), None)),
            r#"{"NextToken": "\u00e9\ud83d\ude00"}"#
        );
        // Several tokens and a structured one (DynamoDB's LastEvaluatedKey), in order.
        let tokens = Map::from_iter([
            (
                "ExclusiveStartKey".to_string(),
                json!({"pk": {"S": "a"}, "n": [1, 2.5]}),
            ),
            ("Marker".to_string(), Value::Null),
        ]);
        assert_eq!(
            text(encode(&tokens, None)),
            r#"{"ExclusiveStartKey": {"pk": {"S": "a"}, "n": [1, 2.5]}, "Marker": null}"#
        );
    }

    #[test]
    fn decodes_new_and_old_forms() {
        let new = decode(
            "eyJOZXh0VG9rZW4iOiAiYWJjIiwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMn0=",
            &names(&["NextToken"]),
        )
        .unwrap();
        assert_eq!(
            new,
            Resume {
                tokens: one("NextToken", json!("abc")),
                skip: 2
            }
        );
        let cases = [
            ("plain-service-token", json!("plain-service-token"), 0),
            ("tok___3", json!("tok"), 3),
            ("None___1", Value::Null, 1),
            ("a___b", json!("a___b"), 0),
        ];
        for (text, token, skip) in cases {
            assert_eq!(
                decode(text, &names(&["NextToken"])).unwrap(),
                Resume {
                    tokens: one("NextToken", token),
                    skip
                },
                "{text}"
            );
        }
        let e = decode("a___b___1", &names(&["NextToken"])).unwrap_err();
        assert_eq!(e.to_string(), "Bad starting token: a___b___1");
    }

    #[test]
    fn old_form_with_several_tokens() {
        let two = names(&["Marker", "RecordName"]);
        let r = decode("m1___r1___4", &two).unwrap();
        assert_eq!(r.skip, 4);
        assert_eq!(
            Value::Object(r.tokens),
            json!({"Marker": "m1", "RecordName": "r1"})
        );
        // Fewer parts than tokens: the rest are None.
        let r = decode("m1", &two).unwrap();
        assert_eq!(
            Value::Object(r.tokens),
            json!({"Marker": "m1", "RecordName": null})
        );
        assert!(decode("a___b___c___d", &two).is_err());
    }

    #[test]
    fn encoded_bytes_keys_are_dropped_and_round_trip() {
        // {"NextToken": "YWJj", "boto_encoded_keys": [["NextToken"]]}: a bytes token.
        let t = STANDARD.encode(r#"{"NextToken": "YWJj", "boto_encoded_keys": [["NextToken"]]}"#);
        let r = decode(&t, &names(&["NextToken"])).unwrap();
        assert_eq!(r.tokens, one("NextToken", json!("YWJj")));
        let tokens = Map::from_iter([("A".to_string(), json!("x")), ("B".to_string(), json!(7))]);
        let r = decode(&encode(&tokens, Some(3)), &names(&["A", "B"])).unwrap();
        assert_eq!(r, Resume { tokens, skip: 3 });
        // A base64 JSON number is not a token dict: the old form takes the text as is.
        let n = STANDARD.encode("42");
        assert_eq!(
            decode(&n, &names(&["NextToken"])).unwrap().tokens,
            one("NextToken", json!(n))
        );
    }
}
