//! IAM's decision for one request: an explicit deny in any policy wins; otherwise an allow in
//! the identity policies allows, unless a permissions boundary is given and does not allow
//! too; otherwise the request is implicitly denied. Also which statements decided it and
//! which context keys the matching statements needed but the request did not carry.

use super::context::Context;
use super::document::{Effect, Elements, Policy, Statement};
use super::spans::Span;
use super::wildcard;

/// What is being asked: `action` as `service:Operation`, `resource` an ARN or `*`.
pub struct Request<'a> {
    pub action: &'a str,
    pub resource: &'a str,
    pub context: &'a Context,
}

/// In order of restriction, least first, so that `max` picks the most restrictive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decision {
    Allowed,
    ImplicitDeny,
    ExplicitDeny,
}

impl Decision {
    /// The API's `EvalDecision` values.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::ImplicitDeny => "implicitDeny",
            Decision::ExplicitDeny => "explicitDeny",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchedStatement {
    pub policy_id: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub decision: Decision,
    /// The deny statements for an explicit deny, the allow statements for an allow.
    pub matched: Vec<MatchedStatement>,
    /// Condition keys (and policy variables) the request lacked, as the policies spell them.
    pub missing: Vec<String>,
    /// Whether the boundary allowed the request; `None` when no boundary was given.
    pub allowed_by_boundary: Option<bool>,
}

/// Decides `request` under the identity `policies` and the permissions `boundary` (empty for
/// none).
pub fn evaluate(policies: &[Policy], boundary: &[Policy], request: &Request) -> Evaluation {
    let mut missing = Vec::new();
    let identity = assess(policies, request, &mut missing);
    let bounded = (!boundary.is_empty()).then(|| assess(boundary, request, &mut missing));
    let (decision, matched) = if !identity.denies.is_empty() {
        (Decision::ExplicitDeny, identity.denies)
    } else if let Some(b) = bounded.as_ref().filter(|b| !b.denies.is_empty()) {
        (Decision::ExplicitDeny, b.denies.clone())
    } else if identity.allows.is_empty() || bounded.as_ref().is_some_and(|b| b.allows.is_empty()) {
        (Decision::ImplicitDeny, Vec::new())
    } else {
        (Decision::Allowed, identity.allows)
    };
    Evaluation {
        decision,
        matched,
        missing,
        allowed_by_boundary: bounded.map(|b| b.denies.is_empty() && !b.allows.is_empty()),
    }
}

#[derive(Default)]
struct Assessment {
    allows: Vec<MatchedStatement>,
    denies: Vec<MatchedStatement>,
}

fn assess(policies: &[Policy], request: &Request, missing: &mut Vec<String>) -> Assessment {
    let mut out = Assessment::default();
    for policy in policies {
        for statement in &policy.statements {
            if !applies(statement, request, missing) {
                continue;
            }
            let matched = MatchedStatement {
                policy_id: policy.id.clone(),
                span: statement.span,
            };
            match statement.effect {
                Effect::Allow => out.allows.push(matched),
                Effect::Deny => out.denies.push(matched),
            }
        }
    }
    out
}

fn note(missing: &mut Vec<String>, key: &str) {
    if !missing.iter().any(|k| k.eq_ignore_ascii_case(key)) {
        missing.push(key.to_string());
    }
}

/// Whether the statement covers the request: action, resource, then every condition. Keys
/// are noted as missing only for statements whose action and resource cover the request,
/// since only those could have changed the decision.
fn applies(statement: &Statement, request: &Request, missing: &mut Vec<String>) -> bool {
    if !covers(&statement.actions, |p| wildcard::action(p, request.action)) {
        return false;
    }
    let resource = covers(&statement.resources, |p| {
        match wildcard::resolve(p, request.context) {
            Ok(tokens) => wildcard::glob(&tokens, request.resource, false),
            Err(key) => {
                note(missing, &key);
                false
            }
        }
    });
    if !resource {
        return false;
    }
    let mut holds = true;
    for condition in &statement.conditions {
        if condition.operator.needs_value() && request.context.values(&condition.key).is_none() {
            note(missing, &condition.key);
        }
        holds &= condition
            .operator
            .evaluate(&condition.key, &condition.values, request.context);
    }
    holds
}

/// `Action`: some pattern matches; `NotAction`: none does.
fn covers(elements: &Elements, mut matches: impl FnMut(&str) -> bool) -> bool {
    let any = elements.patterns.iter().any(|p| matches(p));
    any != elements.negated
}

#[cfg(test)]
#[path = "evaluate_tests.rs"]
mod tests;
