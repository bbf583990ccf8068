//! The values a rule set computes with: strings, booleans, integers, arrays and the records
//! the library functions return (a partition, an ARN, a parsed URL).

use std::sync::Arc;

use serde_json::Value;

/// A value during evaluation. Records are shared (`Arc`): a partition's record is built once
/// and handed out to every rule that asks for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Str(String),
    Bool(bool),
    Int(i64),
    Array(Vec<Val>),
    Record(Arc<Vec<(String, Val)>>),
}

impl Val {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Val::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn field(&self, key: &str) -> Option<&Val> {
        match self {
            Val::Record(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn record(fields: Vec<(&str, Val)>) -> Val {
        Val::Record(Arc::new(
            fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        ))
    }

    /// From JSON (parameters given by a caller, partition outputs). `None` for null and for
    /// what no rule set can hold (floats).
    pub fn from_json(value: &Value) -> Option<Val> {
        Some(match value {
            Value::String(s) => Val::Str(s.clone()),
            Value::Bool(b) => Val::Bool(*b),
            Value::Number(n) => Val::Int(n.as_i64()?),
            Value::Array(items) => Val::Array(items.iter().filter_map(Val::from_json).collect()),
            Value::Object(map) => Val::Record(Arc::new(
                map.iter()
                    .filter_map(|(k, v)| Some((k.clone(), Val::from_json(v)?)))
                    .collect(),
            )),
            Value::Null => return None,
        })
    }

    pub fn to_json(&self) -> Value {
        match self {
            Val::Str(s) => Value::String(s.clone()),
            Val::Bool(b) => Value::Bool(*b),
            Val::Int(i) => Value::from(*i),
            Val::Array(items) => Value::Array(items.iter().map(Val::to_json).collect()),
            Val::Record(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// How a value reads inside a template (`{Region}`): strings as they are; other
    /// values as JSON (rule sets only interpolate strings, so this is a fallback).
    pub fn to_template_text(&self, out: &mut String) {
        match self {
            Val::Str(s) => out.push_str(s),
            Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Val::Int(i) => out.push_str(&i.to_string()),
            other => out.push_str(&other.to_json().to_string()),
        }
    }
}

/// One step of a `getAttr` path (`resourceId[1]`, `authSchemes[0].name`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Parses `a.b[2].c` into steps; `None` for a malformed path.
pub fn parse_path(path: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = match part.find('[') {
            Some(i) => part.split_at(i),
            None => (part, ""),
        };
        if !name.is_empty() {
            steps.push(Step::Key(name.to_string()));
        }
        while !rest.is_empty() {
            let close = rest.find(']')?;
            let index = rest.get(1..close)?.parse().ok()?;
            steps.push(Step::Index(index));
            rest = &rest[close + 1..];
            if !rest.is_empty() && !rest.starts_with('[') {
                return None;
            }
        }
        if name.is_empty() && steps.is_empty() {
            return None;
        }
    }
    Some(steps)
}

/// Follows a path; `None` when a key is absent or an index is past the end.
pub fn get_path<'a>(mut value: &'a Val, steps: &[Step]) -> Option<&'a Val> {
    for step in steps {
        value = match (step, value) {
            (Step::Key(k), v) => v.field(k)?,
            (Step::Index(i), Val::Array(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_keys_and_indexes() {
        assert_eq!(
            parse_path("authSchemes[0].name"),
            Some(vec![
                Step::Key("authSchemes".into()),
                Step::Index(0),
                Step::Key("name".into())
            ])
        );
        assert_eq!(parse_path("[1]"), Some(vec![Step::Index(1)]));
        assert_eq!(parse_path("a[x]"), None);
        assert_eq!(parse_path("a[1]b"), None);
    }

    #[test]
    fn paths_past_the_end_give_nothing() {
        let v = Val::record(vec![("list", Val::Array(vec![Val::Str("a".into())]))]);
        let at = |p: &str| get_path(&v, &parse_path(p).unwrap()).cloned();
        assert_eq!(at("list[0]"), Some(Val::Str("a".into())));
        assert_eq!(at("list[1]"), None);
        assert_eq!(at("missing"), None);
    }
}
