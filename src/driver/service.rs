//! A service's own parser: the operation positional, its choices from the model, less what the
//! CLI removes (deprecated commands, and the event-stream operations awsctl cannot speak yet).

use super::argparse::{self, Nargs, Spec};
use super::names::xform_name;
use super::suggest;
use crate::error::Error;
use crate::model::{ModelError, Operation, ServiceModel, ShapeRef};

/// Commands the AWS CLI takes out of a service's table (its `removals` customization).
const REMOVED: &[(&str, &[&str])] = &[
    (
        "ses",
        &[
            "delete-verified-email-address",
            "list-verified-email-addresses",
            "verify-email-address",
        ],
    ),
    ("ec2", &["import-instance", "import-volume"]),
    (
        "emr",
        &[
            "run-job-flow",
            "describe-job-flows",
            "add-job-flow-steps",
            "terminate-job-flows",
            "list-bootstrap-actions",
            "list-instance-groups",
            "set-termination-protection",
            "set-visible-to-all-users",
        ],
    ),
    ("kinesis", &["subscribe-to-shard"]),
    // Replaced by the two commands in ALIASES.
    ("rds", &["modify-option-group"]),
];

/// Commands the CLI adds for a model operation under another name: `(service, command,
/// operation)`. Their arguments differ (`customizations/rds_option_group.rs`).
const ALIASES: &[(&str, &str, &str)] = &[
    ("rds", "add-option-to-option-group", "ModifyOptionGroup"),
    (
        "rds",
        "remove-option-from-option-group",
        "ModifyOptionGroup",
    ),
];

fn removed(service_cli: &str, operation_cli: &str) -> bool {
    REMOVED
        .iter()
        .any(|(s, ops)| *s == service_cli && ops.contains(&operation_cli))
}

/// The chosen operation and the arguments left for its own parser.
pub struct Chosen {
    pub operation: &'static Operation,
    /// The command as typed (an alias's name, not its operation's).
    pub command: String,
    pub rest: Vec<String>,
}

/// What the service parser made of the command line.
pub enum ServiceParse {
    Operation(Chosen),
    /// `awsctl <service> help`.
    Help {
        rest: Vec<String>,
    },
    /// `awsctl <service> wait ...`, for a service with waiters: the words after `wait`.
    Wait {
        rest: Vec<String>,
    },
}

/// The operation names of the model by their command names, in model order.
fn operation_table(model: &ServiceModel, service_cli: &str) -> Vec<(String, &'static str)> {
    let mut table: Vec<(String, &'static str)> = model
        .operation_names()
        .map(|name| (xform_name(name), name))
        .filter(|(cli, _)| !removed(service_cli, cli))
        .collect();
    for (service, command, operation) in ALIASES {
        if *service == service_cli
            && let Some(name) = model.operation_names().find(|n| n == operation)
        {
            table.push((command.to_string(), name));
        }
    }
    table
}

/// Parses `<operation> ...` for a service, as the CLI's service parser does (options before
/// the operation are kept for the operation's parser).
pub fn parse(
    model: &'static ServiceModel,
    service_cli: &str,
    args: &[String],
) -> Result<ServiceParse, Error> {
    let table = operation_table(model, service_cli);
    let specs = [Spec::positional("operation", Nargs::One)];
    let parsed = argparse::parse_known(&specs, args).map_err(|e| Error::ArgParse(e.0))?;
    let Some(word) = parsed.given[0].as_ref().and_then(|v| v.first()).cloned() else {
        return Err(Error::ParamValidation {
            message: "the following arguments are required: operation".into(),
            usage: true,
        });
    };
    if word == "help" {
        return Ok(ServiceParse::Help {
            rest: parsed.extras,
        });
    }
    if word == "wait" && super::waiter::has_waiters(model) {
        return Ok(ServiceParse::Wait {
            rest: parsed.extras,
        });
    }
    let found = table.iter().find(|(cli, _)| *cli == word);
    let operation = match found {
        Some((_, name)) => model
            .operation(name)?
            .filter(|op| !uses_event_stream(model, op)),
        None => None,
    };
    let Some(operation) = operation else {
        let choices = offered(model, &table)?;
        return Err(Error::ArgParse(suggest::invalid_choice(
            "operation",
            &word,
            choices.iter().map(String::as_str),
        )));
    };
    Ok(ServiceParse::Operation(Chosen {
        operation,
        command: word,
        rest: parsed.extras,
    }))
}

/// The operations a user may pick, and `wait` where the service has waiters (read only on
/// the error path: it touches every operation).
pub fn offered(
    model: &'static ServiceModel,
    table: &[(String, &'static str)],
) -> Result<Vec<String>, ModelError> {
    let mut out = Vec::with_capacity(table.len() + 1);
    for (cli, name) in table {
        if let Some(op) = model.operation(name)?
            && !uses_event_stream(model, op)
        {
            out.push(cli.clone());
        }
    }
    if super::waiter::has_waiters(model) {
        out.push("wait".to_string());
    }
    Ok(out)
}

/// The command names of a service's operations as the model's index has them, without
/// parsing any operation (completion: event-stream operations are not filtered out).
pub fn operation_table_names(model: &ServiceModel, service_cli: &str) -> Vec<String> {
    operation_table(model, service_cli)
        .into_iter()
        .map(|(cli, _)| cli)
        .collect()
}

/// The command names of a service's operations, for help.
pub fn operation_names(
    model: &'static ServiceModel,
    service_cli: &str,
) -> Result<Vec<String>, ModelError> {
    let table = operation_table(model, service_cli);
    let mut names = offered(model, &table)?;
    names.sort();
    Ok(names)
}

/// An operation whose input or output carries an event stream (not supported yet; the
/// operation is left out of the table rather than offered and failing).
pub fn uses_event_stream(model: &ServiceModel, operation: &Operation) -> bool {
    let streams = |r: &Option<ShapeRef>| -> bool {
        let Some(r) = r else { return false };
        let Ok(shape) = model.shape(&r.shape) else {
            return false;
        };
        shape
            .members
            .values()
            .any(|m| model.shape(&m.shape).is_ok_and(|s| s.eventstream))
    };
    streams(&operation.input) || streams(&operation.output)
}
