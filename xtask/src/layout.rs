//! The runtime model's byte layout, read by `src/model/layout.rs`: a small JSON header that
//! indexes a body of JSON fragments, so that loading a service parses only the header and
//! each operation or shape is parsed when first used.
//!
//! ```text
//! <header length in decimal>\n<header JSON><body>
//! header: {"metadata": {...},
//!          "operations": [["Name", start, end], ...]   (the model's order)
//!          "shapes": [["Name", start, end], ...]       (sorted by name)
//!          "paginators": [start, end] | null, "waiters": ..., "endpointRuleSet": ...}
//! ```
//! Offsets are byte ranges of the body.

use serde_json::{Map, Value, json};

struct Body {
    bytes: Vec<u8>,
}

impl Body {
    fn push(&mut self, value: &Value) -> Value {
        let start = self.bytes.len();
        serde_json::to_writer(&mut self.bytes, value).expect("a JSON value serialises");
        json!([start, self.bytes.len()])
    }
}

pub fn write(
    metadata: &Value,
    operations: &Map<String, Value>,
    shapes: &Map<String, Value>,
    paginators: Option<&Value>,
    waiters: Option<&Value>,
    rules: Option<&Value>,
) -> Vec<u8> {
    let mut body = Body { bytes: Vec::new() };
    let entry = |name: &str, value: &Value, body: &mut Body| -> Value {
        let range = body.push(value);
        json!([name, range[0], range[1]])
    };
    let operation_index: Vec<Value> = operations
        .iter()
        .map(|(name, op)| entry(name, op, &mut body))
        .collect();
    let mut names: Vec<&String> = shapes.keys().collect();
    names.sort();
    let shape_index: Vec<Value> = names
        .into_iter()
        .map(|name| entry(name, &shapes[name], &mut body))
        .collect();
    let mut optional = |value: Option<&Value>| value.map(|v| body.push(v)).unwrap_or(Value::Null);
    let paginators = optional(paginators);
    let waiters = optional(waiters);
    let rules = optional(rules);
    let header = json!({
        "metadata": metadata,
        "operations": operation_index,
        "shapes": shape_index,
        "paginators": paginators,
        "waiters": waiters,
        "endpointRuleSet": rules,
    })
    .to_string();
    let mut out = format!("{}\n{header}", header.len()).into_bytes();
    out.extend_from_slice(&body.bytes);
    out
}
