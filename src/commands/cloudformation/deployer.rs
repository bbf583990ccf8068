//! The CLI's Deployer: whether the stack exists, the change set created (CREATE or UPDATE)
//! and waited for, executed, and the stack waited for, each with the CLI's messages.

use std::time::Duration;

use serde_json::{Map, Value, json};

use super::uploader::Uploader;
use crate::driver::invoke::call_named;
use crate::driver::waiter::{self, Answer, Pace, WaitError};
use crate::error::Error;
use crate::services::Session;

const CHANGESET_PREFIX: &str = "awscli-cloudformation-package-deploy-";

/// What `create_change_set` made.
pub struct ChangeSet {
    pub id: String,
    /// `CREATE` or `UPDATE`.
    pub kind: &'static str,
}

/// The stack's change set failed because it changes nothing.
pub struct Empty;

pub struct ChangeSetInput<'a> {
    pub stack_name: &'a str,
    pub template_body: &'a str,
    pub parameters: Vec<Value>,
    pub capabilities: &'a [String],
    pub role_arn: Option<&'a str>,
    pub notification_arns: Option<&'a [String]>,
    pub tags: Value,
    pub uploader: Option<&'a Uploader>,
}

/// A stack that can take an update: it exists and is not only a change set's placeholder
/// (`REVIEW_IN_PROGRESS`, made by a CREATE change set never executed).
async fn has_stack(session: &Session<'_>, stack_name: &str) -> Result<bool, Error> {
    let mut params = Map::new();
    params.insert("StackName".into(), stack_name.into());
    match call_named(session, "cloudformation", "DescribeStacks", params).await {
        Ok(response) => {
            let stacks = response["Stacks"].as_array().cloned().unwrap_or_default();
            Ok(stacks.len() == 1 && stacks[0]["StackStatus"] != "REVIEW_IN_PROGRESS")
        }
        // The only way to tell "no such stack" is the message, as the CLI does.
        Err(Error::Service(e))
            if e.to_string()
                .contains(&format!("Stack with id {stack_name} does not exist")) =>
        {
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

pub async fn create_change_set(
    session: &Session<'_>,
    input: ChangeSetInput<'_>,
) -> Result<ChangeSet, Error> {
    let now = time::OffsetDateTime::now_utc();
    let description = format!("Created by AWS CLI at {} UTC", python_isoformat(now));
    let name = format!("{CHANGESET_PREFIX}{}", now.unix_timestamp());
    let stack_name = input.stack_name;
    let mut parameters = input.parameters;
    let uses_previous = |p: &Value| p["UsePreviousValue"] == Value::Bool(true);
    let kind = if has_stack(session, stack_name).await? {
        // A previous value only exists for a parameter the stack already has.
        let mut params = Map::new();
        params.insert("StackName".into(), stack_name.into());
        let summary = call_named(session, "cloudformation", "GetTemplateSummary", params).await?;
        let existing: Vec<Value> = summary["Parameters"]
            .as_array()
            .map(|ps| ps.iter().map(|p| p["ParameterKey"].clone()).collect())
            .unwrap_or_default();
        parameters.retain(|p| !uses_previous(p) || existing.contains(&p["ParameterKey"]));
        "UPDATE"
    } else {
        // A new stack has no previous values.
        parameters.retain(|p| !uses_previous(p));
        "CREATE"
    };
    let mut params = Map::new();
    params.insert("ChangeSetName".into(), name.into());
    params.insert("StackName".into(), stack_name.into());
    params.insert("TemplateBody".into(), input.template_body.into());
    params.insert("ChangeSetType".into(), kind.into());
    params.insert("Parameters".into(), Value::Array(parameters));
    params.insert("Capabilities".into(), json!(input.capabilities));
    params.insert("Description".into(), description.into());
    params.insert("Tags".into(), input.tags);
    // A template in S3 instead of the body: required past 51,200 bytes.
    if let Some(uploader) = input.uploader {
        params.shift_remove("TemplateBody");
        let url = uploader
            .upload_with_dedup(input.template_body.as_bytes().to_vec(), Some("template"))
            .await?;
        let key = url
            .strip_prefix(&format!("s3://{}/", uploader.bucket))
            .unwrap_or_default();
        params.insert("TemplateURL".into(), uploader.path_style_url(key).into());
    }
    if let Some(role) = input.role_arn {
        params.insert("RoleARN".into(), role.into());
    }
    if let Some(arns) = input.notification_arns {
        params.insert("NotificationARNs".into(), json!(arns));
    }
    let response = call_named(session, "cloudformation", "CreateChangeSet", params).await?;
    Ok(ChangeSet {
        id: response["Id"].as_str().unwrap_or_default().to_string(),
        kind,
    })
}

/// Waits for the change set, polling every 5 seconds as the CLI does. A change set that
/// failed for changing nothing is [`Empty`]; any other failure is the CLI's error.
pub async fn wait_for_change_set(
    session: &Session<'_>,
    change_set_id: &str,
    stack_name: &str,
    print: &mut dyn FnMut(&str) -> Result<(), Error>,
) -> Result<Result<(), Empty>, Error> {
    print("\nWaiting for changeset to be created..\n")?;
    let mut params = Map::new();
    params.insert("ChangeSetName".into(), change_set_id.into());
    params.insert("StackName".into(), stack_name.into());
    let pace = waiter_pace("ChangeSetCreateComplete", Some(5), None)?;
    let failed = match waiter::wait_named(
        session,
        "cloudformation",
        "ChangeSetCreateComplete",
        params,
        Some(pace),
    )
    .await
    {
        Ok(()) => return Ok(Ok(())),
        Err(WaitError::Call(e)) => return Err(e),
        Err(WaitError::Failed(failed)) => failed,
    };
    // The CLI reads Status and StatusReason from the last response; when that was an error
    // it has neither, and Python's KeyError is what the CLI prints.
    let Answer::Response { value, .. } = &failed.last else {
        return Err(Error::General("'Status'".into()));
    };
    let status = value["Status"].as_str().unwrap_or_default();
    let reason = value["StatusReason"].as_str().unwrap_or_default();
    if changes_nothing(status, reason) {
        return Ok(Err(Empty));
    }
    Err(Error::General(format!(
        "Failed to create the changeset: {failed} Status: {status}. Reason: {reason}"
    )))
}

/// A failed change set that only failed for having nothing to change (the CLI's test, whose
/// second half holds whatever the status).
fn changes_nothing(status: &str, reason: &str) -> bool {
    (status == "FAILED" && reason.contains("The submitted information didn't contain changes."))
        || reason.contains("No updates are to be performed")
}

pub async fn execute_change_set(
    session: &Session<'_>,
    change_set_id: &str,
    stack_name: &str,
    disable_rollback: bool,
) -> Result<(), Error> {
    let mut params = Map::new();
    params.insert("ChangeSetName".into(), change_set_id.into());
    params.insert("StackName".into(), stack_name.into());
    params.insert("DisableRollback".into(), disable_rollback.into());
    call_named(session, "cloudformation", "ExecuteChangeSet", params).await?;
    Ok(())
}

/// Waits for the stack to be created or updated, polling every 30 seconds up to 120 times.
pub async fn wait_for_execute(
    session: &Session<'_>,
    stack_name: &str,
    kind: &str,
    print: &mut dyn FnMut(&str) -> Result<(), Error>,
) -> Result<(), Error> {
    print("Waiting for stack create/update to complete\n")?;
    let name = match kind {
        "CREATE" => "StackCreateComplete",
        _ => "StackUpdateComplete",
    };
    let mut params = Map::new();
    params.insert("StackName".into(), stack_name.into());
    let pace = waiter_pace(name, Some(30), Some(120))?;
    match waiter::wait_named(session, "cloudformation", name, params, Some(pace)).await {
        Ok(()) => Ok(()),
        Err(WaitError::Call(e)) => Err(e),
        Err(WaitError::Failed(_)) => Err(Error::General(format!(
            "Failed to create/update the stack. Run the following command\nto fetch the list of events leading up to the failure\naws cloudformation describe-stack-events --stack-name {stack_name}"
        ))),
    }
}

/// The CLI's own delay and attempts over the model's (`WaiterConfig`).
fn waiter_pace(
    waiter_name: &str,
    delay: Option<u64>,
    max_attempts: Option<u32>,
) -> Result<Pace, Error> {
    let model = crate::driver::operation::model("cloudformation")?;
    let waiters = waiter::Waiters::of(model)?;
    let config = waiters
        .by_name
        .get(waiter_name)
        .ok_or_else(|| Error::General(format!("cloudformation has no waiter {waiter_name}")))?;
    Ok(Pace {
        delay: Duration::from_secs(delay.unwrap_or(config.delay)),
        max_attempts: max_attempts.unwrap_or(config.max_attempts),
    })
}

/// Python's `datetime.isoformat()`: microseconds only when not zero.
fn python_isoformat(t: time::OffsetDateTime) -> String {
    let base = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    match t.microsecond() {
        0 => base,
        us => format!("{base}.{us:06}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_change_set_is_told_from_a_failed_one() {
        let empty = "The submitted information didn't contain changes. Submit different information to create a change set.";
        assert!(changes_nothing("FAILED", empty));
        assert!(!changes_nothing("CREATE_PENDING", empty));
        assert!(changes_nothing("FAILED", "No updates are to be performed."));
        assert!(!changes_nothing(
            "FAILED",
            "Template format error: unsupported structure."
        ));
    }

    #[test]
    fn isoformat_as_python_writes_it() {
        let t = time::macros::datetime!(2026-12-03 09:05:07.000123 UTC);
        assert_eq!(python_isoformat(t), "2026-12-03T09:05:07.000123");
        let t = time::macros::datetime!(2026-12-03 09:05:07 UTC);
        assert_eq!(python_isoformat(t), "2026-12-03T09:05:07");
    }
}
