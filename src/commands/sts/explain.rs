//! The plain summary `decode-authorization-message --explain` prints after the document:
//! the decision and why, who asked, for what, on what, which statements matched, and the
//! request's conditions. The document's format is AWS's documented one (allowed,
//! explicitDeny, matchedStatements, failures, context).

use serde_json::Value;

fn items(value: Option<&Value>) -> Vec<&Value> {
    value
        .and_then(|v| v.get("items"))
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Item lists of `{"value": ...}` as a comma-separated line.
fn values(value: Option<&Value>) -> String {
    items(value)
        .iter()
        .map(|i| text(i.get("value")))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn summary(doc: &Value) -> Vec<String> {
    let allowed = doc.get("allowed").and_then(Value::as_bool).unwrap_or(false);
    let explicit = doc
        .get("explicitDeny")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let context = doc.get("context");
    let mut lines = vec![match (allowed, explicit) {
        (true, _) => "Decision: ALLOWED".to_string(),
        (false, true) => {
            "Decision: DENIED by an explicit Deny statement (no Allow can override it)".to_string()
        }
        (false, false) => {
            "Decision: DENIED implicitly: no statement allows this request".to_string()
        }
    }];
    let principal = context.and_then(|c| c.get("principal"));
    let arn = text(principal.and_then(|p| p.get("arn")));
    let id = text(principal.and_then(|p| p.get("id")));
    lines.push(match (arn.is_empty(), id.is_empty()) {
        (false, false) => format!("Principal: {arn} ({id})"),
        (false, true) => format!("Principal: {arn}"),
        _ => format!("Principal: {id}"),
    });
    lines.push(format!(
        "Action: {}",
        text(context.and_then(|c| c.get("action")))
    ));
    lines.push(format!(
        "Resource: {}",
        text(context.and_then(|c| c.get("resource")))
    ));
    let matched = items(doc.get("matchedStatements"));
    if matched.is_empty() {
        lines.push("Matched statements: none".into());
    } else {
        lines.push("Matched statements:".into());
        for statement in matched {
            let sid = text(statement.get("statementId"));
            let effect = text(statement.get("effect"));
            let mut line = format!(
                "  - {} {}",
                if sid.is_empty() {
                    "(no Sid)".to_string()
                } else {
                    sid
                },
                effect.to_uppercase()
            );
            let actions = values(statement.get("actions"));
            let resources = values(statement.get("resources"));
            if !actions.is_empty() {
                line.push_str(&format!(" actions: {actions}"));
            }
            if !resources.is_empty() {
                line.push_str(&format!(" resources: {resources}"));
            }
            lines.push(line);
        }
    }
    let conditions = items(context.and_then(|c| c.get("conditions")));
    if conditions.is_empty() {
        lines.push("Request conditions: none".into());
    } else {
        lines.push("Request conditions:".into());
        for condition in conditions {
            lines.push(format!(
                "  {} = {}",
                text(condition.get("key")),
                values(condition.get("values"))
            ));
        }
    }
    for failure in items(doc.get("failures")) {
        lines.push(format!("Failure: {}", text(Some(failure))));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(allowed: bool, explicit: bool, statements: Value) -> Value {
        json!({
            "allowed": allowed, "explicitDeny": explicit,
            "matchedStatements": {"items": statements},
            "failures": {"items": []},
            "context": {
                "principal": {"id": "AROA123456789EXAMPLE:Ana", "arn": "arn:aws:sts::111122223333:assumed-role/Developer/Ana"},
                "action": "ec2:RunInstances",
                "resource": "arn:aws:ec2:us-east-1:111122223333:instance/*",
                "conditions": {"items": [{"key": "ec2:InstanceType", "values": {"items": [{"value": "t2.micro"}]}}]}
            }
        })
    }

    #[test]
    fn explicit_deny_names_the_statement() {
        let statements = json!([{"statementId": "NoBigInstances", "effect": "DENY", "actions": {"items": [{"value": "ec2:RunInstances"}]}, "resources": {"items": [{"value": "*"}]}}]);
        let lines = summary(&doc(false, true, statements));
        assert_eq!(
            lines[0],
            "Decision: DENIED by an explicit Deny statement (no Allow can override it)"
        );
        assert_eq!(
            lines[1],
            "Principal: arn:aws:sts::111122223333:assumed-role/Developer/Ana (AROA123456789EXAMPLE:Ana)"
        );
        assert_eq!(lines[2], "Action: ec2:RunInstances");
        assert!(lines.contains(
            &"  - NoBigInstances DENY actions: ec2:RunInstances resources: *".to_string()
        ));
        assert!(lines.contains(&"  ec2:InstanceType = t2.micro".to_string()));
    }

    #[test]
    fn implicit_deny_and_allow() {
        let lines = summary(&doc(false, false, json!([])));
        assert_eq!(
            lines[0],
            "Decision: DENIED implicitly: no statement allows this request"
        );
        assert!(lines.contains(&"Matched statements: none".to_string()));
        let lines = summary(&doc(
            true,
            false,
            json!([{"statementId": "", "effect": "ALLOW"}]),
        ));
        assert_eq!(lines[0], "Decision: ALLOWED");
        assert!(lines.contains(&"  - (no Sid) ALLOW".to_string()));
    }
}
