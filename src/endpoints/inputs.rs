//! A request's endpoint: the rule set's parameters filled from the operation and the
//! settings, then evaluated. A parameter takes, in order, the operation's static value
//! (`staticContextParams`), an input member marked `contextParam`, a path over the input
//! (`operationContextParams`), a client context parameter, and last its built-in
//! (`AWS::Region`, `SDK::Endpoint`, ...).

use serde_json::{Map, Value};

use super::cli_errors::cli_text;
use super::{EndpointError, EndpointSettings, Params, ResolvedEndpoint, Val, rule_set};
use crate::model::{Operation, ServiceModel};
use crate::output::Query;

/// Where this operation's request goes, for these input parameters and settings. A request
/// the rules refuse is `EndpointError::Refused`, with the text the AWS CLI shows.
pub fn resolve(
    model: &ServiceModel,
    op: &Operation,
    params: &Map<String, Value>,
    settings: &EndpointSettings,
) -> Result<ResolvedEndpoint, EndpointError> {
    let values = endpoint_params(model, op, params, settings)?;
    match rule_set(model)?.evaluate(&values) {
        Ok(endpoint) => ResolvedEndpoint::from_endpoint(endpoint),
        Err(EndpointError::Rule(message)) => Err(EndpointError::Refused(cli_text(
            &model.name,
            &message,
            &values,
        ))),
        Err(other) => Err(other),
    }
}

/// The rule set's parameter values for one request.
pub fn endpoint_params(
    model: &ServiceModel,
    op: &Operation,
    input: &Map<String, Value>,
    settings: &EndpointSettings,
) -> Result<Params, EndpointError> {
    let rules = rule_set(model)?;
    let region = region(model, settings)?;
    let mut params = Params::new();
    for param in &rules.params {
        let name = param.name.as_str();
        let value = match op.static_context_params.get(name) {
            Some(p) => Val::from_json(&p.value),
            None => None,
        };
        let value = match value {
            Some(v) => Some(v),
            None => context_param(model, op, input, name)?,
        };
        let value = match value {
            Some(v) => Some(v),
            None => operation_context_param(op, input, name)?,
        };
        let value = value
            .or_else(|| settings.client_context_param(name))
            .or_else(|| match param.built_in.as_deref() {
                Some("AWS::Region") => region.clone().map(Val::Str),
                Some(b) => settings.built_in(b),
                None => None,
            });
        if let Some(v) = value {
            params.set(name, v);
        }
    }
    Ok(params)
}

/// The configured region; without one, services with a global endpoint use it (S3 its
/// `us-east-1` home, the others `aws-global`), a custom endpoint needs none, and anything
/// else is the CLI's "You must specify a region."
fn region(
    model: &ServiceModel,
    settings: &EndpointSettings,
) -> Result<Option<String>, EndpointError> {
    if let Some(region) = &settings.region {
        return Ok(Some(region.clone()));
    }
    if model.metadata.global_endpoint.is_some() {
        let home = if model.name == "s3" {
            "us-east-1"
        } else {
            "aws-global"
        };
        return Ok(Some(home.to_string()));
    }
    if settings.endpoint_url.is_some() {
        return Ok(None);
    }
    Err(EndpointError::NoRegion)
}

/// An input member marked `"contextParam": {"name": ...}` with this name.
fn context_param(
    model: &ServiceModel,
    op: &Operation,
    input: &Map<String, Value>,
    name: &str,
) -> Result<Option<Val>, EndpointError> {
    let Some(input_ref) = &op.input else {
        return Ok(None);
    };
    let shape = model
        .shape(&input_ref.shape)
        .map_err(|e| EndpointError::Model(e.to_string()))?;
    Ok(shape
        .members
        .iter()
        .find(|(_, m)| m.context_param.as_ref().is_some_and(|c| c.name == name))
        .and_then(|(member, _)| input.get(member))
        .and_then(Val::from_json))
}

/// `operationContextParams`: a JMESPath expression over the input (DynamoDB's
/// `keys(RequestItems)`, S3's `Delete.Objects[*].Key`).
fn operation_context_param(
    op: &Operation,
    input: &Map<String, Value>,
    name: &str,
) -> Result<Option<Val>, EndpointError> {
    let Some(param) = op.operation_context_params.get(name) else {
        return Ok(None);
    };
    let query = Query::compile(&param.path)
        .map_err(|e| EndpointError::Model(format!("{}: {e}", param.path)))?;
    let result = query
        .apply(&Value::Object(input.clone()))
        .map_err(|e| EndpointError::Model(format!("{}: {e}", param.path)))?;
    Ok(Val::from_json(&result))
}
