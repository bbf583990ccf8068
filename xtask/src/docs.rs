//! The documentation blob of a service: what only `help` (and completion) reads. The
//! service's, each operation's and each shape's and member's documentation, enum values and
//! deprecation notes.

use serde_json::{Map, Value, json};

fn put(out: &mut Map<String, Value>, key: &str, value: Option<&Value>) {
    if let Some(v) = value {
        out.insert(key.to_string(), v.clone());
    }
}

pub fn extract(model: &Value) -> Value {
    let mut operations = Map::new();
    for (name, op) in model["operations"].as_object().expect("operations") {
        let mut doc = Map::new();
        put(&mut doc, "documentation", op.get("documentation"));
        put(&mut doc, "deprecatedMessage", op.get("deprecatedMessage"));
        if !doc.is_empty() {
            operations.insert(name.clone(), Value::Object(doc));
        }
    }
    let mut shapes = Map::new();
    for (name, shape) in model["shapes"].as_object().expect("shapes") {
        let mut doc = Map::new();
        put(&mut doc, "documentation", shape.get("documentation"));
        put(&mut doc, "enum", shape.get("enum"));
        put(&mut doc, "max", shape.get("max"));
        put(&mut doc, "pattern", shape.get("pattern"));
        put(
            &mut doc,
            "deprecatedMessage",
            shape.get("deprecatedMessage"),
        );
        let mut members = Map::new();
        for (m, r) in shape
            .get("members")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let mut md = Map::new();
            put(&mut md, "documentation", r.get("documentation"));
            put(&mut md, "deprecatedMessage", r.get("deprecatedMessage"));
            if !md.is_empty() {
                members.insert(m.clone(), Value::Object(md));
            }
        }
        if !members.is_empty() {
            doc.insert("members".into(), Value::Object(members));
        }
        if !doc.is_empty() {
            shapes.insert(name.clone(), Value::Object(doc));
        }
    }
    json!({
        "documentation": model["documentation"],
        "operations": operations,
        "shapes": shapes,
    })
}
