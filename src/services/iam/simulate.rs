//! IAM SimulateCustomPolicy and SimulatePrincipalPolicy: one request shape (the principal form
//! adds PolicySourceArn), all pages of EvaluationResults. No test peer implements them.

use serde_json::Value;

use super::{paginate, push_list, push_optional, shapes};
use crate::error::Error;
use crate::services::Session;

pub const CUSTOM: &str = "SimulateCustomPolicy";
pub const PRINCIPAL: &str = "SimulatePrincipalPolicy";

/// A `--context-entries` entry; `kind` is the API's ContextKeyType name.
#[derive(Debug, Clone, Default)]
pub struct ContextEntry {
    pub name: String,
    pub values: Vec<String>,
    pub kind: String,
}

#[derive(Debug, Clone, Default)]
pub struct Input {
    /// Set for SimulatePrincipalPolicy.
    pub policy_source_arn: Option<String>,
    pub policy_input_list: Vec<String>,
    pub permissions_boundary_policy_input_list: Vec<String>,
    pub action_names: Vec<String>,
    pub resource_arns: Vec<String>,
    pub caller_arn: Option<String>,
    pub context_entries: Vec<ContextEntry>,
}

impl Input {
    /// The request's members in the model's order.
    pub fn params(&self) -> Vec<(String, String)> {
        let mut p = Vec::new();
        push_optional(
            &mut p,
            &[("PolicySourceArn", self.policy_source_arn.as_ref())],
        );
        push_list(&mut p, "PolicyInputList", &self.policy_input_list);
        push_list(
            &mut p,
            "PermissionsBoundaryPolicyInputList",
            &self.permissions_boundary_policy_input_list,
        );
        push_list(&mut p, "ActionNames", &self.action_names);
        push_list(&mut p, "ResourceArns", &self.resource_arns);
        push_optional(&mut p, &[("CallerArn", self.caller_arn.as_ref())]);
        for (i, entry) in self.context_entries.iter().enumerate() {
            let prefix = format!("ContextEntries.member.{}", i + 1);
            p.push((format!("{prefix}.ContextKeyName"), entry.name.clone()));
            push_list(&mut p, &format!("{prefix}.ContextKeyValues"), &entry.values);
            p.push((format!("{prefix}.ContextKeyType"), entry.kind.clone()));
        }
        p
    }

    pub fn operation(&self) -> &'static str {
        match self.policy_source_arn {
            Some(_) => PRINCIPAL,
            None => CUSTOM,
        }
    }
}

pub async fn run(session: &Session<'_>, input: &Input) -> Result<Value, Error> {
    paginate(
        session,
        input.operation(),
        &input.params(),
        &shapes::SIMULATE_POLICY_RESPONSE,
        "EvaluationResults",
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_context_entries_are_numbered_members() {
        let input = Input {
            policy_source_arn: Some("arn:aws:iam::1:user/u".into()),
            policy_input_list: vec!["{}".into()],
            action_names: vec!["s3:GetObject".into(), "s3:PutObject".into()],
            context_entries: vec![ContextEntry {
                name: "aws:SourceIp".into(),
                values: vec!["10.0.0.1".into()],
                kind: "ip".into(),
            }],
            ..Input::default()
        };
        let names: Vec<String> = input.params().into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            names,
            [
                "PolicySourceArn",
                "PolicyInputList.member.1",
                "ActionNames.member.1",
                "ActionNames.member.2",
                "ContextEntries.member.1.ContextKeyName",
                "ContextEntries.member.1.ContextKeyValues.member.1",
                "ContextEntries.member.1.ContextKeyType",
            ]
        );
        assert_eq!(input.operation(), PRINCIPAL);
    }
}
