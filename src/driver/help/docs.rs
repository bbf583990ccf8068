//! A service's documentation blob (`models/<service>.docs.json.zst`), read only when a help
//! page is asked for: the service's, each operation's and each shape's and member's
//! documentation, enum values and constraints. Only the top-level index is parsed; an
//! operation's or shape's entry is parsed when a page asks for it (ec2's blob is 2.6 MB).

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::error::Error;
use crate::model::embedded;

#[derive(Deserialize, Default)]
struct Index<'a> {
    #[serde(default)]
    documentation: Option<String>,
    #[serde(borrow, default)]
    operations: HashMap<&'a str, &'a RawValue>,
    #[serde(borrow, default)]
    shapes: HashMap<&'a str, &'a RawValue>,
}

pub struct Docs {
    index: Index<'static>,
    /// Entries parsed so far, by shape name (a page asks for the same shapes many times).
    shapes: std::cell::RefCell<HashMap<&'static str, &'static Value>>,
}

impl Docs {
    /// The documentation of a service; empty when the blob is missing or unreadable (a help
    /// page without descriptions beats no help page).
    pub fn load(service: &str) -> Result<Docs, Error> {
        let index = match embedded::documentation(service) {
            Some(text) => serde_json::from_str(text?).unwrap_or_default(),
            None => Index::default(),
        };
        Ok(Docs {
            index,
            shapes: Default::default(),
        })
    }

    pub fn service(&self) -> &str {
        self.index.documentation.as_deref().unwrap_or_default()
    }

    fn operation_entry(&self, name: &str) -> Value {
        self.index
            .operations
            .get(name)
            .and_then(|raw| serde_json::from_str(raw.get()).ok())
            .unwrap_or(Value::Null)
    }

    pub fn operation(&self, name: &str) -> String {
        self.operation_entry(name)["documentation"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn operation_deprecated(&self, name: &str) -> Option<String> {
        self.operation_entry(name)["deprecatedMessage"]
            .as_str()
            .map(str::to_string)
    }

    /// A shape's entry, parsed once per page (kept for the process: pages are one-shot).
    fn shape(&self, name: &str) -> &'static Value {
        static NULL: Value = Value::Null;
        let Some((key, raw)) = self.index.shapes.get_key_value(name) else {
            return &NULL;
        };
        let mut cache = self.shapes.borrow_mut();
        cache.entry(key).or_insert_with(|| {
            let value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
            Box::leak(Box::new(value))
        })
    }

    /// A member's documentation, else its shape's (as botocore resolves a member's docs).
    pub fn member(&self, parent: &str, member: &str, shape: &str) -> &'static str {
        self.shape(parent)["members"][member]["documentation"]
            .as_str()
            .unwrap_or_else(|| self.shape_doc(shape))
    }

    pub fn shape_doc(&self, name: &str) -> &'static str {
        self.shape(name)["documentation"]
            .as_str()
            .unwrap_or_default()
    }

    pub fn enum_values(&self, shape: &str) -> Vec<&'static str> {
        self.shape(shape)["enum"]
            .as_array()
            .map(|values| values.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// `max` and `pattern` (`min` is in the model itself).
    pub fn max(&self, shape: &str) -> Option<String> {
        match &self.shape(shape)["max"] {
            Value::Null => None,
            v => Some(v.to_string()),
        }
    }

    pub fn pattern(&self, shape: &str) -> Option<&'static str> {
        self.shape(shape)["pattern"].as_str()
    }
}
