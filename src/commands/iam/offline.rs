//! `--offline` for the simulate commands: the input the API call would carry, evaluated by
//! [`crate::policy`], in the API's output shape. Problems the service would refuse (a
//! malformed policy, an unknown context key type) end as the service's errors would.

use serde_json::{Map, Value, json};

use crate::error::{Error, ServiceError};
use crate::policy::{
    Context, ContextType, Decision, Evaluation, MatchedStatement, Policy, Request,
};
use crate::services::iam::simulate::Input;

/// A service-style error for what the simulator would refuse.
pub fn refuse(operation: &'static str, code: &str, message: String) -> Error {
    Error::Service(ServiceError {
        code: code.into(),
        message: Some(message),
        operation,
        status: 400,
        request_id: None,
        retries_exhausted: None,
        fields: Default::default(),
    })
}

/// Policies named `<list>.1`, `<list>.2`... as the simulator names input policies.
pub fn inputs(operation: &'static str, list: &str, docs: &[String]) -> Result<Vec<Policy>, Error> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| parse(operation, &format!("{list}.{}", i + 1), d))
        .collect()
}

pub fn parse(operation: &'static str, id: &str, document: &str) -> Result<Policy, Error> {
    Policy::parse(id, document)
        .map_err(|e| refuse(operation, "MalformedPolicyDocument", format!("{id}: {e}")))
}

/// The context the entries describe.
pub fn context(operation: &'static str, input: &Input) -> Result<Context, Error> {
    let mut context = Context::default();
    for entry in &input.context_entries {
        let kind = ContextType::parse(&entry.kind).ok_or_else(|| {
            refuse(
                operation,
                "InvalidInput",
                format!(
                    "Invalid ContextKeyType '{}' for {}: expected one of {}",
                    entry.kind,
                    entry.name,
                    ContextType::NAMES
                ),
            )
        })?;
        context.insert(&entry.name, kind, entry.values.clone());
    }
    Ok(context)
}

/// `{"EvaluationResults": [...]}`: one result per action; with resource ARNs, the most
/// restrictive decision across them and one ResourceSpecificResult each.
pub fn simulate(
    identity: &[Policy],
    boundary: &[Policy],
    input: &Input,
    context: &Context,
) -> Value {
    let results: Vec<Value> = input
        .action_names
        .iter()
        .map(|action| {
            let per_resource: Vec<(&str, Evaluation)> = resources(input)
                .into_iter()
                .map(|resource| {
                    let request = Request {
                        action,
                        resource,
                        context,
                    };
                    (
                        resource,
                        crate::policy::evaluate(identity, boundary, &request),
                    )
                })
                .collect();
            result(action, &input.resource_arns, &per_resource)
        })
        .collect();
    json!({ "EvaluationResults": results })
}

fn resources(input: &Input) -> Vec<&str> {
    match input.resource_arns.is_empty() {
        true => vec!["*"],
        false => input.resource_arns.iter().map(String::as_str).collect(),
    }
}

fn result(action: &str, arns: &[String], per_resource: &[(&str, Evaluation)]) -> Value {
    let decision = per_resource
        .iter()
        .map(|(_, e)| e.decision)
        .max()
        .unwrap_or(Decision::ImplicitDeny);
    let mut matched: Vec<&MatchedStatement> = Vec::new();
    let mut missing: Vec<&str> = Vec::new();
    for (_, e) in per_resource {
        if e.decision == decision {
            for m in &e.matched {
                if !matched.contains(&m) {
                    matched.push(m);
                }
            }
        }
        for key in &e.missing {
            if !missing.contains(&key.as_str()) {
                missing.push(key);
            }
        }
    }
    let name = match per_resource {
        [(one, _)] => *one,
        _ => "*",
    };
    let mut out = Map::new();
    out.insert("EvalActionName".into(), json!(action));
    out.insert("EvalResourceName".into(), json!(name));
    out.insert("EvalDecision".into(), json!(decision.as_str()));
    out.insert("MatchedStatements".into(), statements(matched.into_iter()));
    out.insert("MissingContextValues".into(), json!(missing));
    let boundary = per_resource
        .iter()
        .filter_map(|(_, e)| e.allowed_by_boundary);
    if let Some(allowed) = boundary.clone().next() {
        let all = allowed && boundary.clone().all(|b| b);
        out.insert(
            "PermissionsBoundaryDecisionDetail".into(),
            json!({ "AllowedByPermissionsBoundary": all }),
        );
    }
    if arns.iter().any(|a| a != "*") {
        // Same-account simulations of named resources carry an empty details map; with all
        // resources (`*`) it and the per-resource results are left out.
        out.insert("EvalDecisionDetails".into(), json!({}));
        let specific: Vec<Value> = per_resource
            .iter()
            .map(|(resource, e)| resource_result(resource, e))
            .collect();
        out.insert("ResourceSpecificResults".into(), Value::Array(specific));
    }
    Value::Object(out)
}

fn resource_result(resource: &str, e: &Evaluation) -> Value {
    let mut out = Map::new();
    out.insert("EvalResourceName".into(), json!(resource));
    out.insert("EvalResourceDecision".into(), json!(e.decision.as_str()));
    out.insert("MatchedStatements".into(), statements(e.matched.iter()));
    out.insert("MissingContextValues".into(), json!(e.missing));
    if let Some(allowed) = e.allowed_by_boundary {
        out.insert(
            "PermissionsBoundaryDecisionDetail".into(),
            json!({ "AllowedByPermissionsBoundary": allowed }),
        );
    }
    Value::Object(out)
}

fn statements<'a>(matched: impl Iterator<Item = &'a MatchedStatement>) -> Value {
    let position = |p: crate::policy::Position| json!({ "Line": p.line, "Column": p.column });
    Value::Array(
        matched
            .map(|m| {
                json!({
                    "SourcePolicyId": m.policy_id,
                    "StartPosition": position(m.span.start),
                    "EndPosition": position(m.span.end),
                })
            })
            .collect(),
    )
}
