//! One service's model, read lazily: loading parses only the index of the processed model
//! (see `xtask/src/layout.rs`), and each operation and shape is parsed the first time
//! something asks for it. A command touches a handful of the thousands of shapes a large
//! model holds (EC2 has over 4,000), so it never pays for the rest.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Deserialize;

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

/// The header of the processed form: byte ranges of the body.
#[derive(Deserialize)]
struct Header<'a> {
    metadata: Metadata,
    #[serde(borrow)]
    operations: Vec<(&'a str, usize, usize)>,
    #[serde(borrow)]
    shapes: Vec<(&'a str, usize, usize)>,
    paginators: Option<(usize, usize)>,
    waiters: Option<(usize, usize)>,
    #[serde(rename = "endpointRuleSet")]
    endpoint_rule_set: Option<(usize, usize)>,
}

/// One service: its metadata, and its operations and shapes parsed on demand.
pub struct ServiceModel {
    /// botocore's service name (`s3`, `ec2`, `dynamodb`).
    pub name: String,
    pub metadata: Metadata,
    /// Operation names and their JSON text, in the model's order.
    operations: Vec<(&'static str, &'static str)>,
    /// Shape names and their JSON text, sorted by name.
    shapes: Vec<(&'static str, &'static str)>,
    parsed_operations: Mutex<HashMap<&'static str, &'static Operation>>,
    parsed_shapes: Mutex<HashMap<&'static str, &'static Shape>>,
    /// `paginators-1.json`'s `pagination` object, as JSON text.
    pub paginators: Option<&'static str>,
    /// `waiters-2.json`'s `waiters` object, as JSON text.
    pub waiters: Option<&'static str>,
    /// `endpoint-rule-set-1.json`, as JSON text.
    pub endpoint_rule_set: Option<&'static str>,
}

impl std::fmt::Debug for ServiceModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceModel")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl ServiceModel {
    /// Reads the processed form, held for the life of the process (the decompressed text of
    /// an embedded model: a command loads one or two, and the shapes borrow from it).
    pub fn from_processed(name: &str, text: &'static str) -> Result<ServiceModel, ModelError> {
        let malformed = |detail: String| ModelError::Malformed {
            service: name.to_string(),
            detail,
        };
        let (length, rest) = text
            .split_once('\n')
            .ok_or_else(|| malformed("no header".into()))?;
        let length: usize = length
            .parse()
            .map_err(|_| malformed("bad header length".into()))?;
        if length > rest.len() || !rest.is_char_boundary(length) {
            return Err(malformed("bad header length".into()));
        }
        let (header, body) = rest.split_at(length);
        let header: Header<'static> =
            serde_json::from_str(header).map_err(|e| malformed(e.to_string()))?;
        let slice = |(start, end): (usize, usize)| -> Result<&'static str, ModelError> {
            body.get(start..end)
                .ok_or_else(|| malformed(format!("range {start}..{end} outside the body")))
        };
        let entries = |index: Vec<(&'static str, usize, usize)>| {
            index
                .into_iter()
                .map(|(n, s, e)| Ok((n, slice((s, e))?)))
                .collect::<Result<Vec<_>, ModelError>>()
        };
        Ok(ServiceModel {
            name: name.to_string(),
            metadata: header.metadata,
            operations: entries(header.operations)?,
            shapes: entries(header.shapes)?,
            parsed_operations: Mutex::default(),
            parsed_shapes: Mutex::default(),
            paginators: header.paginators.map(slice).transpose()?,
            waiters: header.waiters.map(slice).transpose()?,
            endpoint_rule_set: header.endpoint_rule_set.map(slice).transpose()?,
        })
    }

    /// Builds a model from botocore-format parts (botocore's protocol test suites give
    /// metadata, shapes and one operation at a time; tests write small models this way).
    pub fn from_parts(
        name: &str,
        metadata: Metadata,
        operations: &serde_json::Map<String, serde_json::Value>,
        shapes: &serde_json::Map<String, serde_json::Value>,
    ) -> ServiceModel {
        let leak = |text: String| -> &'static str { Box::leak(text.into_boxed_str()) };
        let entries = |map: &serde_json::Map<String, serde_json::Value>| -> Vec<_> {
            map.iter()
                .map(|(k, v)| (leak(k.clone()), leak(v.to_string())))
                .collect()
        };
        let mut shapes = entries(shapes);
        shapes.sort_by(|a, b| a.0.cmp(b.0));
        ServiceModel {
            name: name.to_string(),
            metadata,
            operations: entries(operations),
            shapes,
            parsed_operations: Mutex::default(),
            parsed_shapes: Mutex::default(),
            paginators: None,
            waiters: None,
            endpoint_rule_set: None,
        }
    }

    /// Operation names in the model's order.
    pub fn operation_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.operations.iter().map(|(name, _)| *name)
    }

    pub fn has_operation(&self, name: &str) -> bool {
        self.operations.iter().any(|(n, _)| *n == name)
    }

    pub fn operation(&self, name: &str) -> Result<Option<&'static Operation>, ModelError> {
        let Some(&(key, text)) = self.operations.iter().find(|(n, _)| *n == name) else {
            return Ok(None);
        };
        let mut parsed = self.parsed_operations.lock().expect("never poisoned");
        if let Some(op) = parsed.get(key) {
            return Ok(Some(op));
        }
        let mut op: Operation = serde_json::from_str(text).map_err(|e| self.malformed(key, e))?;
        op.name = key.to_string();
        let op: &'static Operation = Box::leak(Box::new(op));
        parsed.insert(key, op);
        Ok(Some(op))
    }

    pub fn shape(&self, name: &str) -> Result<&'static Shape, ModelError> {
        if let Some(shape) = self.parsed_shapes.lock().expect("never poisoned").get(name) {
            return Ok(shape);
        }
        let Ok(i) = self.shapes.binary_search_by(|(n, _)| (*n).cmp(name)) else {
            return Err(ModelError::UnknownShape {
                service: self.name.clone(),
                shape: name.to_string(),
            });
        };
        let (key, text) = self.shapes[i];
        let mut parsed = self.parsed_shapes.lock().expect("never poisoned");
        if let Some(shape) = parsed.get(key) {
            return Ok(shape);
        }
        let shape: Shape = serde_json::from_str(text).map_err(|e| self.malformed(key, e))?;
        let shape: &'static Shape = Box::leak(Box::new(shape));
        parsed.insert(key, shape);
        Ok(shape)
    }

    /// Every shape name, sorted (for checks over a whole model).
    pub fn shape_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.shapes.iter().map(|(name, _)| *name)
    }

    fn malformed(&self, what: &str, e: serde_json::Error) -> ModelError {
        ModelError::Malformed {
            service: self.name.clone(),
            detail: format!("{what}: {e}"),
        }
    }
}
