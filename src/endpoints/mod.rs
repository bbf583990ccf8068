//! Where a request goes: botocore's endpoint rule sets (version 1.0), evaluated. Each
//! service's rule set comes with its model (`ServiceModel::endpoint_rule_set`) and is parsed
//! once per process, the first time it is needed; `aws.partition` reads botocore's
//! partitions (models/partitions.json).
//!
//! `resolve` is what a request calls: the rule set's parameters filled from the operation,
//! its input and the settings (`inputs.rs`), evaluated (`RuleSet::evaluate`, `eval.rs`),
//! and turned into a URL, headers and the signing scheme the rules ask for (`auth.rs`).

mod arn;
mod auth;
mod cli_errors;
mod error;
mod eval;
mod inputs;
mod join;
mod json;
mod library;
mod partitions;
pub use partitions::region_names;
mod ruleset;
mod settings;
mod url;
mod value;

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use serde_json::{Map, Value};

pub use auth::{AuthScheme, ResolvedEndpoint};
pub use error::EndpointError;
pub use inputs::{endpoint_params, resolve};
pub use join::join_url;
pub use ruleset::{Param, ParamType, RuleSet, RuleSetError};
pub use settings::{AddressingStyle, EndpointSettings, S3Settings, StsEndpoints};
pub use value::Val;

use crate::model::ServiceModel;

/// The rules' answer: where to send the request, extra headers, and properties
/// (`authSchemes`, `backend`, ...) as the rule set wrote them.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub url: String,
    pub headers: Vec<(String, Vec<String>)>,
    pub properties: Map<String, Value>,
}

/// Parameter values by name (`Region`, `UseFIPS`, `Bucket`, ...). Absent ones take the rule
/// set's default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    values: Vec<(String, Val)>,
}

impl Params {
    pub fn new() -> Params {
        Params::default()
    }

    /// Sets a value, replacing an earlier one of the same name.
    pub fn set(&mut self, name: &str, value: Val) -> &mut Params {
        match self.values.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => self.values.push((name.to_string(), value)),
        }
        self
    }

    pub fn get(&self, name: &str) -> Option<&Val> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// From a JSON object (the test vectors' `params`); nulls count as absent.
    pub fn from_json(object: &Map<String, Value>) -> Params {
        let mut params = Params::new();
        for (name, value) in object {
            if let Some(v) = Val::from_json(value) {
                params.set(name, v);
            }
        }
        params
    }
}

/// A service's rule set, parsed on first use and kept for the life of the process.
pub fn rule_set(model: &ServiceModel) -> Result<&'static RuleSet, EndpointError> {
    static PARSED: OnceLock<Mutex<HashMap<String, &'static RuleSet>>> = OnceLock::new();
    let mut parsed = PARSED
        .get_or_init(Mutex::default)
        .lock()
        .expect("never poisoned");
    if let Some(rules) = parsed.get(&model.name) {
        return Ok(rules);
    }
    let broken = |detail: String| RuleSetError(format!("{}: {detail}", model.name));
    let text = model
        .endpoint_rule_set
        .ok_or_else(|| broken("the model has none".into()))?;
    let rules: &'static RuleSet =
        Box::leak(Box::new(RuleSet::parse(text).map_err(|e| broken(e.0))?));
    parsed.insert(model.name.clone(), rules);
    Ok(rules)
}
