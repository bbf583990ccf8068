//! The simulate commands' parameters as the API's input: `file://` documents, context entries
//! in shorthand or JSON, and botocore's minimum checks.

use crate::cli::iam::SimulateCommon;
use crate::error::Error;
use crate::params::{self, Validator};
use crate::services::iam::simulate::{ContextEntry, Input};

pub fn build(
    policy_source_arn: Option<&String>,
    policy_input_list: &[String],
    common: &SimulateCommon,
) -> Result<Input, Error> {
    let documents = |option: &str, values: &[String]| -> Result<Vec<String>, Error> {
        values
            .iter()
            .map(|v| params::read_text(option, v))
            .collect()
    };
    let context_entries = params::structure_list("--context-entries", &common.context_entries)?
        .iter()
        .map(|e| ContextEntry {
            name: e
                .get("ContextKeyName")
                .map(params::scalar_text)
                .unwrap_or_default(),
            values: params::as_list(e.get("ContextKeyValues")),
            kind: e
                .get("ContextKeyType")
                .map(params::scalar_text)
                .unwrap_or_default(),
        })
        .collect();
    let input = Input {
        policy_source_arn: policy_source_arn.cloned(),
        policy_input_list: documents("--policy-input-list", policy_input_list)?,
        permissions_boundary_policy_input_list: documents(
            "--permissions-boundary-policy-input-list",
            &common.permissions_boundary_policy_input_list,
        )?,
        action_names: common.action_names.clone(),
        resource_arns: common.resource_arns.clone(),
        caller_arn: common.caller_arn.clone(),
        context_entries,
    };
    let mut check = Validator::default();
    check
        .min_length("PolicySourceArn", input.policy_source_arn.as_deref(), 20)
        .min_length("CallerArn", input.caller_arn.as_deref(), 1);
    for (i, action) in input.action_names.iter().enumerate() {
        check.min_length(&format!("ActionNames[{i}]"), Some(action), 3);
    }
    for (i, arn) in input.resource_arns.iter().enumerate() {
        check.min_length(&format!("ResourceArns[{i}]"), Some(arn), 1);
    }
    for (i, doc) in input.policy_input_list.iter().enumerate() {
        check.min_length(&format!("PolicyInputList[{i}]"), Some(doc), 1);
    }
    for (i, entry) in input.context_entries.iter().enumerate() {
        check.min_length(
            &format!("ContextEntries[{i}].ContextKeyName"),
            Some(&entry.name),
            5,
        );
    }
    check.finish()?;
    Ok(input)
}
