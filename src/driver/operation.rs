//! One model-driven command from its words to a call ready to send: the operation's argument
//! table, its parser, the parameters, and what is answered without sending anything
//! (`help`, `--generate-cli-skeleton`).

use serde_json::Value;

use super::arguments::{self, ArgumentTable};
use super::call::{self, Call};
use super::names::{cli_service_name, xform_name};
use super::service::{self, Chosen, ServiceParse};
use super::skeleton::{Enums, Generator};
use super::{argparse, help, waiter};
use crate::error::Error;
use crate::model::{Operation, ServiceModel, embedded};

/// A call the command line asked for, not yet prepared for the wire.
pub struct Request {
    pub model: &'static ServiceModel,
    pub service_cli: &'static str,
    pub operation: &'static Operation,
    pub table: ArgumentTable,
    pub call: Call,
    /// `--cli-binary-format`, when given.
    pub binary_format: Option<String>,
}

/// What a command line comes to before any settings are read.
pub enum Planned {
    /// Text for stdout, and nothing else to do (input skeletons).
    Print(String),
    /// A help page (paged as help is).
    Help(String),
    /// `--generate-cli-skeleton output`: a sample response, printed as responses are.
    SampleOutput {
        operation: &'static Operation,
        value: Value,
    },
    Send(Box<Request>),
    /// `<service> wait <waiter> ...`.
    Wait(Box<super::waiter::WaitRequest>),
}

/// What an operation's own parser made of its arguments.
pub enum ParsedCall {
    /// `help` among them.
    Help,
    /// Answered without a call (input and output skeletons).
    Answered(Planned),
    Call(Box<Call>),
}

pub fn model(service: &'static str) -> Result<&'static ServiceModel, Error> {
    let model = embedded::service(service).expect("routed to an embedded service")?;
    Ok(model)
}

/// Parses `<operation> [arguments]` of `service`.
pub fn plan(service: &'static str, args: &[String]) -> Result<Planned, Error> {
    let model = model(service)?;
    let service_cli = cli_service_name(service);
    let Chosen {
        operation,
        command,
        rest,
    } = match service::parse(model, service_cli, args)? {
        ServiceParse::Operation(chosen) => chosen,
        ServiceParse::Help { .. } => return Ok(Planned::Help(help::service(model, service_cli)?)),
        ServiceParse::Wait { rest } => return waiter::plan(model, service_cli, &rest),
    };
    let table = arguments::build_for(model, service_cli, &command, operation, &rest)?;
    let help_page = || help::operation(model, service_cli, operation, &table);
    // A lone `help` is help before anything is parsed (required arguments included).
    if rest.len() == 1 && rest[0] == "help" {
        return Ok(Planned::Help(help_page()?));
    }
    let call = match parse_call(model, operation, &table, &rest)? {
        ParsedCall::Help => return Ok(Planned::Help(help_page()?)),
        ParsedCall::Answered(planned) => return Ok(planned),
        ParsedCall::Call(call) => *call,
    };
    Ok(Planned::Send(Box::new(Request {
        model,
        service_cli,
        operation,
        table,
        call,
        binary_format: None,
    })))
}

/// Parses an operation's arguments (`rest`) by its argument table: the call, or what is
/// answered without one (help, skeletons). Waiters parse their operation's arguments this way.
pub fn parse_call(
    model: &'static ServiceModel,
    operation: &'static Operation,
    table: &ArgumentTable,
    rest: &[String],
) -> Result<ParsedCall, Error> {
    let parsed = argparse::parse_known(&table.specs(), rest).map_err(|e| Error::ArgParse(e.0))?;
    let call = call::build(model, operation, table, parsed)?;
    if call.help {
        return Ok(ParsedCall::Help);
    }
    if let Some(kind) = &call.skeleton {
        let enums = Enums::load(model);
        let skeletons = Generator {
            model,
            enums: &enums,
            use_member_names: kind == "output",
        };
        return Ok(ParsedCall::Answered(match kind.as_str() {
            "output" => Planned::SampleOutput {
                operation,
                value: match &operation.output {
                    Some(r) => skeletons.json(&r.shape)?,
                    None => Value::Object(Default::default()),
                },
            },
            "yaml-input" => Planned::Print(match &operation.input {
                Some(r) => skeletons.yaml(&r.shape)?,
                None => "{}\n".into(),
            }),
            _ => {
                let value = match &operation.input {
                    Some(r) => skeletons.json(&r.shape)?,
                    None => Value::Object(Default::default()),
                };
                Planned::Print(crate::output::json::to_document(&value))
            }
        }));
    }
    Ok(ParsedCall::Call(Box::new(call)))
}

/// `awsctl <service> <operation>` as the CLI names it, for messages.
pub fn command_name(request: &Request) -> String {
    format!(
        "{} {}",
        request.service_cli,
        xform_name(&request.operation.name)
    )
}
