//! What a paginated call produced, and the two ways the CLI prints it: the merged result
//! (`build_full_result`, for json, table and yaml) and one document per page (the text
//! format's, with the resume token as a last document).

use serde_json::{Map, Number, Value};

use super::expr::{Expr, set_value};

/// What a paginated operation produced.
#[derive(Debug)]
pub enum Paginated {
    /// Paging was off: the one response as the service sent it (with its own tokens).
    Response(Value),
    Pages(Pages),
}

impl Paginated {
    /// What the JSON, table and YAML formats print.
    pub fn into_value(self) -> Value {
        match self {
            Paginated::Response(value) => value,
            Paginated::Pages(pages) => pages.full_result(),
        }
    }
}

/// Every page fetched, as botocore's page iterator yields them (the first skipped into by
/// `--starting-token`, the last cut by `--max-items`), with the first page's non-aggregate
/// keys and the token to resume from, if cut short.
#[derive(Debug)]
pub struct Pages {
    pub result_keys: Vec<Expr>,
    pub pages: Vec<Value>,
    pub non_aggregate: Map<String, Value>,
    pub resume_token: Option<String>,
}

impl Pages {
    pub fn new(result_keys: Vec<Expr>) -> Pages {
        Pages {
            result_keys,
            pages: Vec::new(),
            non_aggregate: Map::new(),
            resume_token: None,
        }
    }

    /// `build_full_result`: each result key's values joined across pages (lists
    /// concatenated, numbers added, strings joined), then the first page's non-aggregate
    /// keys, then `NextToken` when cut short. Everything else in the pages is left out.
    pub fn full_result(&self) -> Value {
        let mut complete = Map::new();
        for page in &self.pages {
            for key in &self.result_keys {
                let value = key.search(page);
                if value.is_null() {
                    continue;
                }
                match get_path_mut(&mut complete, key.text()) {
                    Some(existing) if !existing.is_null() => merge_into(existing, value),
                    _ => set_value(&mut complete, key.text(), value),
                }
            }
        }
        merge_dicts(&mut complete, &self.non_aggregate);
        if let Some(t) = &self.resume_token {
            complete.insert("NextToken".to_string(), Value::String(t.clone()));
        }
        Value::Object(complete)
    }

    /// The documents the CLI's text format prints (`TextFormatter`): one per page with its
    /// result keys (the first page also with the non-aggregate keys), then the resume token
    /// as `{"NextToken": {"NextToken": token}}`; each is filtered by `--query` on its own.
    pub fn per_page(&self) -> Vec<Value> {
        let mut documents: Vec<Value> = self
            .pages
            .iter()
            .enumerate()
            .map(|(i, page)| {
                let mut current = if i == 0 {
                    self.non_aggregate.clone()
                } else {
                    Map::new()
                };
                for key in &self.result_keys {
                    set_value(&mut current, key.text(), key.search(page));
                }
                Value::Object(current)
            })
            .collect();
        if let Some(t) = &self.resume_token {
            documents.push(serde_json::json!({ "NextToken": { "NextToken": t } }));
        }
        documents
    }
}

/// The value at a dotted path, when every step is an object key.
fn get_path_mut<'a>(map: &'a mut Map<String, Value>, path: &str) -> Option<&'a mut Value> {
    let mut steps = path.split('.');
    let mut current = map.get_mut(steps.next()?)?;
    for step in steps {
        current = current.as_object_mut()?.get_mut(step)?;
    }
    Some(current)
}

/// One page's value joined onto what earlier pages gave: `list.extend`, or `+` for numbers
/// (booleans count as 0 and 1, as in Python) and strings. Python raises on other mixes; the
/// earlier value is kept then.
fn merge_into(existing: &mut Value, value: Value) {
    match (existing, value) {
        (Value::Array(items), Value::Array(more)) => items.extend(more),
        (Value::String(s), Value::String(more)) => s.push_str(&more),
        (existing, value) => {
            if let (Some(a), Some(b)) = (as_number(existing), as_number(&value)) {
                *existing = add(a, b);
            }
        }
    }
}

enum Num {
    Int(i128),
    Float(f64),
}

fn as_number(value: &Value) -> Option<Num> {
    match value {
        Value::Bool(b) => Some(Num::Int(i128::from(*b))),
        Value::Number(n) => Some(match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Num::Int(i128::from(i)),
            (None, Some(u)) => Num::Int(i128::from(u)),
            _ => Num::Float(n.as_f64().unwrap_or(f64::NAN)),
        }),
        _ => None,
    }
}

fn add(a: Num, b: Num) -> Value {
    let float = |n: Num| match n {
        Num::Int(i) => i as f64,
        Num::Float(f) => f,
    };
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => {
            let sum = x + y;
            i64::try_from(sum)
                .map(Value::from)
                .or_else(|_| u64::try_from(sum).map(Value::from))
                .unwrap_or_else(|_| Value::from(sum as f64))
        }
        (a, b) => Number::from_f64(float(a) + float(b)).map_or(Value::Null, Value::Number),
    }
}

/// botocore's `merge_dicts(dict1, dict2)`: nested objects merged key by key, anything else
/// replaced.
fn merge_dicts(into: &mut Map<String, Value>, from: &Map<String, Value>) {
    for (key, value) in from {
        match (into.get_mut(key), value) {
            (Some(Value::Object(existing)), Value::Object(nested)) => merge_dicts(existing, nested),
            _ => {
                into.insert(key.clone(), value.clone());
            }
        }
    }
}
