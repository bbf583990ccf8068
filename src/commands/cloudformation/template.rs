//! Templates as the CLI reads them: JSON when the text is JSON, else YAML with CloudFormation's
//! short forms turned into their long forms as they are read (`!Ref X` is `{"Ref": "X"}`,
//! `!Sub s` is `{"Fn::Sub": s}`, `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`), keys in the
//! template's order, merge keys (`<<`) flattened and YAML 1.1's yes/no/on/off read as booleans,
//! as the CLI's loader does.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::error::Error;

/// Parses a template; a template that is neither JSON nor YAML is the CLI's error (exit 255).
pub fn parse(text: &str) -> Result<Value, Error> {
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return Ok(value);
    }
    let mut loader = Loader::default();
    Parser::new_from_str(text)
        .load(&mut loader, false)
        .map_err(|e| Error::General(format!("The template is not valid YAML: {e}")))?;
    Ok(loader.document.unwrap_or(Value::Null))
}

enum Frame {
    Sequence {
        items: Vec<Value>,
        anchor: usize,
        tag: Option<Tag>,
    },
    Mapping {
        entries: Map<String, Value>,
        merged: Vec<Value>,
        key: Option<String>,
        anchor: usize,
        tag: Option<Tag>,
    },
}

#[derive(Default)]
struct Loader {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    document: Option<Value>,
}

impl MarkedEventReceiver for Loader {
    fn on_event(&mut self, event: Event, _mark: Marker) {
        match event {
            Event::SequenceStart(anchor, tag) => self.stack.push(Frame::Sequence {
                items: Vec::new(),
                anchor,
                tag,
            }),
            Event::MappingStart(anchor, tag) => self.stack.push(Frame::Mapping {
                entries: Map::new(),
                merged: Vec::new(),
                key: None,
                anchor,
                tag,
            }),
            Event::SequenceEnd => {
                if let Some(Frame::Sequence { items, anchor, tag }) = self.stack.pop() {
                    self.complete(intrinsic(tag.as_ref(), Value::Array(items)), anchor);
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Mapping {
                    entries,
                    merged,
                    anchor,
                    tag,
                    ..
                }) = self.stack.pop()
                {
                    let value = Value::Object(flatten(merged, entries));
                    self.complete(intrinsic(tag.as_ref(), value), anchor);
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                // A mapping key is taken as written.
                if let Some(Frame::Mapping {
                    key: key @ None, ..
                }) = self.stack.last_mut()
                {
                    *key = Some(text);
                    return;
                }
                let value = scalar(text, style, tag.as_ref());
                self.complete(value, anchor);
            }
            Event::Alias(id) => {
                let value = self.anchors.get(&id).cloned().unwrap_or(Value::Null);
                if let Some(Frame::Mapping {
                    key: key @ None, ..
                }) = self.stack.last_mut()
                {
                    *key = Some(match value {
                        Value::String(s) => s,
                        other => other.to_string(),
                    });
                    return;
                }
                self.complete(value, 0);
            }
            _ => {}
        }
    }
}

impl Loader {
    fn complete(&mut self, value: Value, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        match self.stack.last_mut() {
            None => {
                self.document.get_or_insert(value);
            }
            Some(Frame::Sequence { items, .. }) => items.push(value),
            Some(Frame::Mapping {
                entries,
                merged,
                key,
                ..
            }) => {
                let key = key.take().unwrap_or_default();
                if key == "<<" {
                    merged.push(value);
                } else {
                    entries.insert(key, value);
                }
            }
        }
    }
}

/// Merge keys' mappings first, then the mapping's own keys over them.
fn flatten(merged: Vec<Value>, entries: Map<String, Value>) -> Map<String, Value> {
    if merged.is_empty() {
        return entries;
    }
    let mut out = Map::new();
    for source in merged {
        let maps = match source {
            Value::Array(items) => items,
            other => vec![other],
        };
        for map in maps {
            if let Value::Object(map) = map {
                for (k, v) in map {
                    out.entry(k).or_insert(v);
                }
            }
        }
    }
    for (k, v) in entries {
        out.insert(k, v);
    }
    out
}

/// A `!Tag` node as its long form; other nodes as they are.
fn intrinsic(tag: Option<&Tag>, value: Value) -> Value {
    let Some(tag) = tag.filter(|t| t.handle == "!") else {
        return value;
    };
    let name = tag.suffix.as_str();
    let long = match name {
        "Ref" | "Condition" => name.to_string(),
        _ => format!("Fn::{name}"),
    };
    let value = match (name, value) {
        ("GetAtt", Value::String(s)) => match s.split_once('.') {
            Some((a, b)) => Value::Array(vec![a.into(), b.into()]),
            None => Value::Array(vec![s.into()]),
        },
        (_, value) => value,
    };
    let mut map = Map::new();
    map.insert(long, value);
    Value::Object(map)
}

fn scalar(text: String, style: TScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(tag) = tag {
        if tag.handle == "!" {
            return intrinsic(Some(tag), Value::String(text));
        }
        return match tag.suffix.as_str() {
            "str" | "binary" | "timestamp" => Value::String(text),
            _ => resolve(text),
        };
    }
    match style {
        TScalarStyle::Plain => resolve(text),
        _ => Value::String(text),
    }
}

/// A plain scalar's type, by the YAML 1.2 core schema the CLI's loader uses, with YAML 1.1's
/// booleans added.
fn resolve(text: String) -> Value {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => {
            return Value::Bool(true);
        }
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => {
            return Value::Bool(false);
        }
        _ => {}
    }
    let digits = text.trim_start_matches(['-', '+']);
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && let Ok(n) = text.replace('_', "").parse::<i64>()
    {
        return Value::from(n);
    }
    let floatish = digits
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b"._eE+-".contains(&b))
        && digits.bytes().any(|b| b.is_ascii_digit())
        && (digits.contains('.') || digits.contains(['e', 'E']));
    if floatish
        && let Some(n) = text
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
    {
        return Value::Number(n);
    }
    Value::String(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn short_forms_read_as_their_long_forms() {
        let template = parse(
            "Parameters:\n  Env: {Type: String}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '${Env}-q'\n      Tags:\n        - Key: a\n          Value: !Ref Env\n        - Key: b\n          Value: !GetAtt Other.Arn\n        - Key: c\n          Value: !Join [\"-\", [!Ref Env, x]]\n",
        )
        .unwrap();
        let props = &template["Resources"]["Q"]["Properties"];
        assert_eq!(props["QueueName"], json!({"Fn::Sub": "${Env}-q"}));
        assert_eq!(props["Tags"][0]["Value"], json!({"Ref": "Env"}));
        assert_eq!(
            props["Tags"][1]["Value"],
            json!({"Fn::GetAtt": ["Other", "Arn"]})
        );
        assert_eq!(
            props["Tags"][2]["Value"],
            json!({"Fn::Join": ["-", [{"Ref": "Env"}, "x"]]})
        );
        let keys: Vec<&String> = template.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["Parameters", "Resources"]);
    }

    #[test]
    fn scalars_resolve_as_the_clis_loader_resolves_them() {
        let v =
            parse("a: yes\nb: 'yes'\nc: 12\nd: 1.5\ne: ~\nf: 2010-09-09\ng: !!str 12\nh: 0123\n")
                .unwrap();
        assert_eq!(
            v,
            json!({"a": true, "b": "yes", "c": 12, "d": 1.5, "e": null, "f": "2010-09-09", "g": "12", "h": 123})
        );
    }

    #[test]
    fn json_templates_and_merge_keys() {
        assert_eq!(
            parse(r#"{"Resources": {}}"#).unwrap(),
            json!({"Resources": {}})
        );
        let v = parse("base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n").unwrap();
        assert_eq!(v["derived"], json!({"x": 1, "y": 3}));
        assert!(parse("a: [").is_err());
    }
}
