//! One service's model, read lazily: the top level is indexed once, and each operation and
//! shape is parsed the first time something asks for it. A command touches a handful of the
//! thousands of shapes a large model holds (EC2 has over 4,000), so it never pays for the rest.

use std::collections::HashMap;
use std::sync::Mutex;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::operation::{Metadata, Operation};
use super::shape::Shape;

/// A model that does not read as botocore's format. Only a corrupt build or a test's own
/// model can produce one.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ModelError {
    #[error("the model of {service} cannot be read: {detail}")]
    Malformed { service: String, detail: String },
    #[error("the model of {service} has no shape named {shape}")]
    UnknownShape { service: String, shape: String },
}

/// The processed form's top level (`scripts` write it; see `models/README.md`).
#[derive(Deserialize)]
struct TopLevel<'a> {
    metadata: Metadata,
    #[serde(borrow)]
    operations: IndexMap<&'a str, &'a RawValue>,
    #[serde(borrow)]
    shapes: HashMap<&'a str, &'a RawValue>,
    #[serde(borrow, default)]
    paginators: Option<&'a RawValue>,
    #[serde(borrow, default)]
    waiters: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "endpointRuleSet")]
    endpoint_rule_set: Option<&'a RawValue>,
}

/// One service: its metadata, and its operations and shapes parsed on demand.
pub struct ServiceModel {
    /// botocore's directory name (`s3`, `ec2`, `dynamodb`).
    pub name: String,
    pub metadata: Metadata,
    operations: IndexMap<&'static str, &'static RawValue>,
    shapes: HashMap<&'static str, &'static RawValue>,
    parsed_operations: Mutex<HashMap<&'static str, &'static Operation>>,
    parsed_shapes: Mutex<HashMap<&'static str, &'static Shape>>,
    /// `paginators-1.json`'s `pagination` object, unparsed.
    pub paginators: Option<&'static RawValue>,
    /// `waiters-2.json`'s `waiters` object, unparsed.
    pub waiters: Option<&'static RawValue>,
    /// `endpoint-rule-set-1.json`, unparsed.
    pub endpoint_rule_set: Option<&'static RawValue>,
}

impl std::fmt::Debug for ServiceModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceModel")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl ServiceModel {
    /// Indexes a model held for the life of the process (the decompressed text of an
    /// embedded model, or a test's model, leaked on purpose: a command loads one or two).
    pub fn from_json(name: &str, text: &'static str) -> Result<ServiceModel, ModelError> {
        let top: TopLevel<'static> =
            serde_json::from_str(text).map_err(|e| ModelError::Malformed {
                service: name.to_string(),
                detail: e.to_string(),
            })?;
        Ok(ServiceModel {
            name: name.to_string(),
            metadata: top.metadata,
            operations: top.operations,
            shapes: top.shapes,
            parsed_operations: Mutex::default(),
            parsed_shapes: Mutex::default(),
            paginators: top.paginators,
            waiters: top.waiters,
            endpoint_rule_set: top.endpoint_rule_set,
        })
    }

    /// Builds a model from parts (botocore's protocol test suites give metadata, shapes and
    /// one operation at a time).
    pub fn from_parts(
        name: &str,
        metadata: Metadata,
        operations: &serde_json::Map<String, serde_json::Value>,
        shapes: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<ServiceModel, ModelError> {
        let leak = |value: &serde_json::Value| -> &'static RawValue {
            let text: &'static str = Box::leak(value.to_string().into_boxed_str());
            serde_json::from_str(text).expect("a serialised value reads back")
        };
        let leak_name =
            |name: &String| -> &'static str { Box::leak(name.clone().into_boxed_str()) };
        Ok(ServiceModel {
            name: name.to_string(),
            metadata,
            operations: operations
                .iter()
                .map(|(k, v)| (leak_name(k), leak(v)))
                .collect(),
            shapes: shapes
                .iter()
                .map(|(k, v)| (leak_name(k), leak(v)))
                .collect(),
            parsed_operations: Mutex::default(),
            parsed_shapes: Mutex::default(),
            paginators: None,
            waiters: None,
            endpoint_rule_set: None,
        })
    }

    /// Operation names in the model's order.
    pub fn operation_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.operations.keys().copied()
    }

    pub fn has_operation(&self, name: &str) -> bool {
        self.operations.contains_key(name)
    }

    pub fn operation(&self, name: &str) -> Result<Option<&'static Operation>, ModelError> {
        let Some((&key, raw)) = self.operations.get_key_value(name) else {
            return Ok(None);
        };
        let mut parsed = self.parsed_operations.lock().expect("never poisoned");
        if let Some(op) = parsed.get(key) {
            return Ok(Some(op));
        }
        let op: Operation = serde_json::from_str(raw.get()).map_err(|e| self.malformed(key, e))?;
        let op: &'static Operation = Box::leak(Box::new(op));
        parsed.insert(key, op);
        Ok(Some(op))
    }

    pub fn shape(&self, name: &str) -> Result<&'static Shape, ModelError> {
        let Some((&key, raw)) = self.shapes.get_key_value(name) else {
            return Err(ModelError::UnknownShape {
                service: self.name.clone(),
                shape: name.to_string(),
            });
        };
        let mut parsed = self.parsed_shapes.lock().expect("never poisoned");
        if let Some(shape) = parsed.get(key) {
            return Ok(shape);
        }
        let shape: Shape = serde_json::from_str(raw.get()).map_err(|e| self.malformed(key, e))?;
        let shape: &'static Shape = Box::leak(Box::new(shape));
        parsed.insert(key, shape);
        Ok(shape)
    }

    fn malformed(&self, what: &str, e: serde_json::Error) -> ModelError {
        ModelError::Malformed {
            service: self.name.clone(),
            detail: format!("{what}: {e}"),
        }
    }
}
