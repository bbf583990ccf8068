//! Policy documents: JSON text into statements (Effect, Action / NotAction, Resource /
//! NotResource, Condition), each with where it sits in the text. Refuses what IAM refuses as
//! MalformedPolicyDocument: bad JSON, a missing or unknown Effect, no action or resource
//! element, an unknown condition operator.

use serde_json::Value;

use super::condition::Operator;
use super::spans::{Span, statement_spans};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0}")]
pub struct PolicyError(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// `Action` (a match is one of the patterns) or `NotAction` (a match is none of them); the
/// same for resources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elements {
    pub patterns: Vec<String>,
    pub negated: bool,
}

#[derive(Debug, Clone)]
pub struct Condition {
    pub operator: Operator,
    pub key: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Statement {
    pub effect: Effect,
    pub actions: Elements,
    pub resources: Elements,
    pub conditions: Vec<Condition>,
    pub span: Span,
}

/// A parsed policy and how the simulator names it in `MatchedStatements`.
#[derive(Debug, Clone)]
pub struct Policy {
    /// `SourcePolicyId`: `PolicyInputList.1`, or the policy's name for a principal's policies.
    pub id: String,
    pub statements: Vec<Statement>,
}

impl Policy {
    pub fn parse(id: &str, text: &str) -> Result<Policy, PolicyError> {
        let root: Value = serde_json::from_str(text)
            .map_err(|e| PolicyError(format!("Syntax errors in policy: {e}")))?;
        let statement = root
            .as_object()
            .and_then(|o| o.get("Statement"))
            .ok_or_else(|| PolicyError("Policy document must contain a Statement".into()))?;
        let list = match statement {
            Value::Array(items) => items.iter().collect(),
            one => vec![one],
        };
        let spans = statement_spans(text);
        let mut statements: Vec<Statement> = list
            .into_iter()
            .enumerate()
            .map(|(i, s)| parse_statement(s, spans.get(i).copied()))
            .collect::<Result<_, _>>()?;
        // Policy variables exist only from version 2012-10-17 on; in older (or unversioned)
        // policies `${aws:username}` is literal text, so it is escaped here (`${$}` is `$`).
        let version = root.get("Version").and_then(Value::as_str);
        if version != Some("2012-10-17") {
            let literal = |text: &mut String| *text = text.replace("${", "${$}{");
            for statement in &mut statements {
                statement.resources.patterns.iter_mut().for_each(literal);
                for condition in &mut statement.conditions {
                    condition.values.iter_mut().for_each(literal);
                }
            }
        }
        Ok(Policy {
            id: id.to_string(),
            statements,
        })
    }
}

fn parse_statement(value: &Value, span: Option<Span>) -> Result<Statement, PolicyError> {
    let object = value
        .as_object()
        .ok_or_else(|| PolicyError("Each statement must be a JSON object".into()))?;
    let effect = match object.get("Effect").and_then(Value::as_str) {
        Some("Allow") => Effect::Allow,
        Some("Deny") => Effect::Deny,
        _ => {
            return Err(PolicyError(
                "Invalid effect: the Effect must be Allow or Deny".into(),
            ));
        }
    };
    let actions = elements(object, "Action", "NotAction")?;
    let resources = elements(object, "Resource", "NotResource")?;
    let mut conditions = Vec::new();
    if let Some(block) = object.get("Condition") {
        let block = block
            .as_object()
            .ok_or_else(|| PolicyError("Condition must be a JSON object".into()))?;
        for (name, keys) in block {
            let operator = Operator::parse(name)
                .ok_or_else(|| PolicyError(format!("Invalid Condition type : {name}")))?;
            let keys = keys
                .as_object()
                .ok_or_else(|| PolicyError(format!("Condition {name} must map keys to values")))?;
            for (key, values) in keys {
                conditions.push(Condition {
                    operator: operator.clone(),
                    key: key.clone(),
                    values: strings(values),
                });
            }
        }
    }
    let origin = super::Position { line: 1, column: 1 };
    Ok(Statement {
        effect,
        actions,
        resources,
        conditions,
        span: span.unwrap_or(Span {
            start: origin,
            end: origin,
        }),
    })
}

fn elements(
    object: &serde_json::Map<String, Value>,
    positive: &str,
    negative: &str,
) -> Result<Elements, PolicyError> {
    match (object.get(positive), object.get(negative)) {
        (Some(v), None) => Ok(Elements {
            patterns: strings(v),
            negated: false,
        }),
        (None, Some(v)) => Ok(Elements {
            patterns: strings(v),
            negated: true,
        }),
        (Some(_), Some(_)) => Err(PolicyError(format!(
            "Statement cannot have both {positive} and {negative}"
        ))),
        (None, None) => Err(PolicyError(format!(
            "Policy statement must contain {}",
            if positive == "Action" {
                "actions"
            } else {
                "resources"
            }
        ))),
    }
}

/// A string or a list of them; numbers and booleans as their JSON text (condition values).
fn strings(value: &Value) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match value {
        Value::Array(items) => items.iter().map(one).collect(),
        other => vec![one(other)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_literal_before_version_2012_10_17() {
        let doc = |version: &str| {
            format!(
                r#"{{{version}"Statement":{{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${{aws:username}}/*"}}}}"#
            )
        };
        let new = Policy::parse("p", &doc(r#""Version":"2012-10-17","#)).unwrap();
        assert_eq!(
            new.statements[0].resources.patterns,
            ["arn:aws:s3:::b/${aws:username}/*"]
        );
        for version in ["", r#""Version":"2008-10-17","#] {
            let old = Policy::parse("p", &doc(version)).unwrap();
            assert_eq!(
                old.statements[0].resources.patterns,
                ["arn:aws:s3:::b/${$}{aws:username}/*"]
            );
        }
    }

    #[test]
    fn statements_lists_and_conditions() {
        let p = Policy::parse(
            "PolicyInputList.1",
            r#"{"Version":"2012-10-17","Statement":[
                {"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*",
                 "Condition":{"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":true}}},
                {"Effect":"Deny","NotAction":"iam:*","NotResource":["arn:aws:s3:::a"]}]}"#,
        )
        .unwrap();
        assert_eq!(p.statements.len(), 2);
        let (a, d) = (&p.statements[0], &p.statements[1]);
        assert_eq!(a.actions.patterns, ["s3:Get*", "s3:List*"]);
        assert_eq!(a.conditions.len(), 2);
        assert_eq!(a.conditions[0].values, ["10"]);
        assert_eq!(a.conditions[1].values, ["true"]);
        assert_eq!(
            (d.effect, d.actions.negated, d.resources.negated),
            (Effect::Deny, true, true)
        );
        assert_eq!(d.span.start.line, 4);
    }

    #[test]
    fn malformed_documents_are_refused() {
        let bad = [
            ("{", "Syntax errors"),
            (
                r#"{"Statement":{"Effect":"Permit","Action":"*","Resource":"*"}}"#,
                "Invalid effect",
            ),
            (
                r#"{"Statement":{"Effect":"Allow","Resource":"*"}}"#,
                "must contain actions",
            ),
            (
                r#"{"Statement":{"Effect":"Allow","Action":"*"}}"#,
                "must contain resources",
            ),
            (
                r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqual":{"k":"v"}}}}"#,
                "Invalid Condition type : StringEqual",
            ),
            (r#"{"Version":"2012-10-17"}"#, "must contain a Statement"),
        ];
        for (text, message) in bad {
            let err = Policy::parse("p", text).unwrap_err();
            assert!(err.0.contains(message), "{text}: {err}");
        }
    }
}
