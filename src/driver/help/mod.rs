//! Help for the model-driven commands, in the shape of the CLI's: a service's available
//! commands, and an operation's synopsis (its arguments, required ones without brackets).
//! Descriptions from the documentation blobs come with the help issue.

use super::arguments::{ArgumentTable, Role};
use super::names::xform_name;
use super::service;
use crate::error::Error;
use crate::model::{Operation, ServiceModel};

pub fn service(model: &'static ServiceModel, service_cli: &str) -> Result<String, Error> {
    let mut out = format!("NAME\n       {service_cli} -\n\nAVAILABLE COMMANDS\n");
    for name in service::operation_names(model, service_cli)? {
        out.push_str(&format!("       o {name}\n\n"));
    }
    Ok(out)
}

pub fn operation(
    _model: &ServiceModel,
    _service_cli: &str,
    operation: &Operation,
    table: &ArgumentTable,
) -> Result<String, Error> {
    let name = xform_name(&operation.name);
    let mut out = format!("NAME\n       {name} -\n\nSYNOPSIS\n            {name}\n");
    for argument in &table.arguments {
        if argument.hidden || argument.role == Role::Help {
            continue;
        }
        let spec = &argument.spec;
        let shown = match &argument.role {
            _ if spec.positional => format!("<{}>", spec.name),
            Role::Boolean(false) | Role::ValueBoolean(false) => continue,
            Role::Boolean(true) | Role::ValueBoolean(true) => {
                format!("{} | --no-{}", spec.name, argument.name)
            }
            _ => format!("{} <value>", spec.name),
        };
        let line = if spec.required {
            shown
        } else {
            format!("[{shown}]")
        };
        out.push_str(&format!("          {line}\n"));
    }
    Ok(out)
}
