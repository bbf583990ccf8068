//! A service's documentation blob (`models/<service>.docs.json.zst`), read only when a help
//! page is asked for: the service's, each operation's and each shape's and member's
//! documentation, enum values and constraints.

use serde_json::Value;

use crate::error::Error;
use crate::model::embedded;

pub struct Docs(Value);

impl Docs {
    /// The documentation of a service; empty when the blob is missing or unreadable (a help
    /// page without descriptions beats no help page).
    pub fn load(service: &str) -> Result<Docs, Error> {
        let value = match embedded::documentation(service) {
            Some(text) => serde_json::from_str(text?).unwrap_or(Value::Null),
            None => Value::Null,
        };
        Ok(Docs(value))
    }

    #[cfg(test)]
    pub fn from_value(value: Value) -> Docs {
        Docs(value)
    }

    pub fn service(&self) -> &str {
        self.0["documentation"].as_str().unwrap_or_default()
    }

    pub fn operation(&self, name: &str) -> &str {
        self.0["operations"][name]["documentation"]
            .as_str()
            .unwrap_or_default()
    }

    pub fn operation_deprecated(&self, name: &str) -> Option<&str> {
        self.0["operations"][name]["deprecatedMessage"].as_str()
    }

    fn shape(&self, name: &str) -> &Value {
        &self.0["shapes"][name]
    }

    /// A member's documentation, else its shape's (as botocore resolves a member's docs).
    pub fn member(&self, parent: &str, member: &str, shape: &str) -> &str {
        self.shape(parent)["members"][member]["documentation"]
            .as_str()
            .unwrap_or_else(|| self.shape_doc(shape))
    }

    pub fn shape_doc(&self, name: &str) -> &str {
        self.shape(name)["documentation"]
            .as_str()
            .unwrap_or_default()
    }

    pub fn enum_values(&self, shape: &str) -> Vec<&str> {
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

    pub fn pattern(&self, shape: &str) -> Option<&str> {
        self.shape(shape)["pattern"].as_str()
    }
}
