//! The JMESPath side of paging: a paginator's keys searched in a page (with the `--query`
//! engine), and botocore's `set_value_from_jmespath`, which writes a value back at a dotted
//! path (`StreamDescription.Shards`), creating the objects on the way.

use serde_json::{Map, Value};

use crate::output::Query;

/// A compiled paginator expression, keeping its text (which is also where results are set).
#[derive(Debug, Clone)]
pub struct Expr {
    query: Query,
}

impl Expr {
    pub fn compile(text: &str) -> Result<Expr, String> {
        Query::compile(text)
            .map(|query| Expr { query })
            .map_err(|e| e.to_string())
    }

    pub fn text(&self) -> &str {
        self.query.expression()
    }

    /// The value at the expression, `null` when nothing matches.
    pub fn search(&self, value: &Value) -> Value {
        self.query.apply(value).unwrap_or(Value::Null)
    }

    /// True when the expression is a plain dotted path that botocore can set a value at.
    pub fn is_settable(&self) -> bool {
        settable(self.text())
    }
}

impl PartialEq for Expr {
    fn eq(&self, other: &Expr) -> bool {
        self.text() == other.text()
    }
}

/// botocore's `validate_jmespath_for_set`: no brackets or wildcards, not empty or `.`.
pub fn settable(expression: &str) -> bool {
    !(expression.is_empty()
        || expression == "."
        || expression.contains(['[', ']', '*'])
        || expression.split('.').any(str::is_empty))
}

/// `set_value_from_jmespath(source, expression, value)`: walks the dotted path, making an
/// empty object for each missing step, and sets the last key. A path that is not a plain
/// dotted lookup, or that runs into a value that is not an object, leaves `source` alone
/// (botocore raises there; no paginator in the models does either).
pub fn set_value(source: &mut Map<String, Value>, expression: &str, value: Value) {
    if !settable(expression) {
        return;
    }
    let mut current = source;
    let mut steps = expression.split('.').peekable();
    while let Some(step) = steps.next() {
        if steps.peek().is_none() {
            current.insert(step.to_string(), value);
            return;
        }
        let next = current
            .entry(step.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        match next {
            Value::Object(map) => current = map,
            _ => return,
        }
    }
}

/// `len()` of what a result key found: items of a list, characters of a string, keys of an
/// object; anything else counts as nothing.
pub fn python_len(value: &Value) -> i64 {
    match value {
        Value::Array(items) => items.len() as i64,
        Value::String(s) => s.chars().count() as i64,
        Value::Object(map) => map.len() as i64,
        _ => 0,
    }
}

/// Where Python's `x[:i]` / `x[i:]` cut a sequence of `len`: negative counts from the end.
pub fn python_index(i: i64, len: usize) -> usize {
    let len = len as i64;
    let i = if i < 0 { (len + i).max(0) } else { i.min(len) };
    i as usize
}

/// `value[start:end]` for a list or a string (`None` for anything else).
pub fn python_slice(value: &Value, start: Option<i64>, end: Option<i64>) -> Option<Value> {
    let cut = |len: usize| {
        let from = start.map_or(0, |s| python_index(s, len));
        let to = end.map_or(len, |e| python_index(e, len));
        (from, to.max(from))
    };
    match value {
        Value::Array(items) => {
            let (from, to) = cut(items.len());
            Some(Value::Array(items[from..to].to_vec()))
        }
        Value::String(s) => {
            let chars: Vec<char> = s.chars().collect();
            let (from, to) = cut(chars.len());
            Some(Value::String(chars[from..to].iter().collect()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sets_dotted_paths_creating_objects() {
        let mut m = Map::new();
        set_value(&mut m, "StreamDescription.Shards", json!([1]));
        set_value(&mut m, "StreamDescription.HasMore", json!(false));
        set_value(&mut m, "Items", Value::Null);
        assert_eq!(
            Value::Object(m),
            json!({"StreamDescription": {"Shards": [1], "HasMore": false}, "Items": null})
        );
    }

    #[test]
    fn refuses_what_botocore_cannot_set() {
        for bad in ["", ".", "a[0]", "a.*", "a..b", "Contents[-1].Key"] {
            assert!(!settable(bad), "{bad}");
            let mut m = Map::new();
            set_value(&mut m, bad, json!(1));
            assert!(m.is_empty(), "{bad}");
        }
        assert!(settable("a.b.c"));
    }

    #[test]
    fn searches_expressions() {
        let page = json!({"NextMarker": null, "Contents": [{"Key": "a"}, {"Key": "b"}]});
        let e = Expr::compile("NextMarker || Contents[-1].Key").unwrap();
        assert_eq!(e.search(&page), json!("b"));
        let e = Expr::compile("Missing.Deep").unwrap();
        assert_eq!(e.search(&page), Value::Null);
    }

    #[test]
    fn slices_as_python() {
        let v = json!([1, 2, 3, 4]);
        assert_eq!(python_slice(&v, Some(1), None), Some(json!([2, 3, 4])));
        assert_eq!(python_slice(&v, None, Some(-1)), Some(json!([1, 2, 3])));
        assert_eq!(python_slice(&v, Some(9), None), Some(json!([])));
        assert_eq!(python_slice(&v, Some(3), Some(1)), Some(json!([])));
        assert_eq!(
            python_slice(&json!("héllo"), Some(1), Some(3)),
            Some(json!("él"))
        );
        assert_eq!(python_slice(&json!(5), Some(1), None), None);
    }
}
