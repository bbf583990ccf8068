//! `awsctl <service> wait <waiter> <the operation's arguments>`: the CLI's `wait` command for
//! every service botocore has waiters for. A waiter's arguments are those of the operation it
//! polls (one call each time, its own paging options ignored); success prints nothing, a
//! waiter's failure is `Waiter NAME failed: ...` with exit 255.

pub mod config;
pub mod engine;
mod help;

use serde_json::{Map, Value};

use super::argparse::{self, Nargs, Spec};
use super::arguments;
use super::invoke;
use super::operation::{self, Planned, Request};
use super::suggest;
use crate::error::{ERROR_PREFIX, Error};
use crate::model::{ServiceModel, embedded};
use crate::services::Session;
pub use config::{WaiterConfig, Waiters};
pub use engine::{Answer, Pace, WaitError, WaiterError};

/// A waiter ready to run: its model name, configuration and the call it polls with.
pub struct WaitRequest {
    pub name: String,
    pub config: WaiterConfig,
    pub request: Request,
}

/// The arguments renamed or added per command are keyed by the command's parent, which is
/// `wait` for a waiter: none of the service's own (`ec2 ...`) customizations apply.
const PARENT: &str = "wait";

/// Parses `wait [<waiter> [arguments]]` of a service (`args` follow the word `wait`).
pub fn plan(
    model: &'static ServiceModel,
    service_cli: &'static str,
    args: &[String],
) -> Result<Planned, Error> {
    let waiters = Waiters::of(model)?;
    let specs = [Spec::positional("subcommand", Nargs::Optional)];
    // `wait help` is the wait command's own help, as argparse is never asked about it.
    if args.len() == 1 && args[0] == "help" {
        return Ok(Planned::Help(help::wait_command(service_cli, &waiters)));
    }
    let parsed = argparse::parse_known(&specs, args).map_err(|e| Error::ArgParse(e.0))?;
    let Some(word) = parsed.given[0].as_ref().and_then(|v| v.first()).cloned() else {
        if !parsed.extras.is_empty() {
            return Err(Error::ParamValidation {
                message: format!("Unknown options: {}", parsed.extras.join(",")),
                usage: false,
            });
        }
        return Err(Error::ParamValidation {
            message: format!(
                "usage: awsctl [options] {service_cli} wait <subcommand> [parameters]\n{}too few arguments",
                ERROR_PREFIX
            ),
            usage: false,
        });
    };
    let Some((name, config)) = waiters.find(&word) else {
        let names: Vec<String> = waiters.cli_names().collect();
        return Err(Error::ArgParse(suggest::invalid_choice(
            "subcommand",
            &word,
            names.iter().map(String::as_str),
        )));
    };
    // The subcommand's own word leaves the arguments; everything else stays, in order.
    let mut rest = args.to_vec();
    if let Some(i) = rest.iter().position(|a| *a == word) {
        rest.remove(i);
    }
    let op = model.operation(&config.operation)?.ok_or_else(|| {
        Error::General(format!(
            "The waiter {name} polls {}, which {service_cli} does not have",
            config.operation
        ))
    })?;
    let table = arguments::build(model, PARENT, op, &rest)?;
    let help_page = || help::waiter(model, &word, config, op, &table);
    if rest.len() == 1 && rest[0] == "help" {
        return Ok(Planned::Help(help_page()?));
    }
    let call = match operation::parse_call(model, op, &table, &rest)? {
        operation::ParsedCall::Help => return Ok(Planned::Help(help_page()?)),
        operation::ParsedCall::Answered(planned) => return Ok(planned),
        operation::ParsedCall::Call(call) => call,
    };
    Ok(Planned::Wait(Box::new(WaitRequest {
        name: name.to_string(),
        config: config.clone(),
        request: Request {
            model,
            service_cli,
            operation: op,
            table,
            call: *call,
            binary_format: None,
        },
    })))
}

/// Runs a planned waiter: polls until a success state (nothing printed) or a failure.
pub async fn run(wait: &WaitRequest, session: &Session<'_>) -> Result<(), Error> {
    let status = success_status(&wait.request);
    engine::wait(
        &wait.name,
        &wait.config,
        Pace::of(&wait.config),
        || async {
            invoke::call_request(&wait.request, session)
                .await
                .map(|value| Answer::Response { value, status })
        },
        tokio::time::sleep,
    )
    .await
    .map_err(Error::from)
}

/// Waits with a service's waiter from code (`cloudformation deploy`): `waiter` is the model
/// name (`StackCreateComplete`), `params` the operation's parameters; `pace` replaces the
/// model's delay and attempts when given, as botocore's `WaiterConfig` does.
pub async fn wait_named(
    session: &Session<'_>,
    service: &str,
    waiter: &str,
    params: Map<String, Value>,
    pace: Option<Pace>,
) -> Result<(), WaitError> {
    let model = embedded::service(service)
        .ok_or_else(|| Error::General(format!("no model for the service {service}")))
        .and_then(|m| m.map_err(Error::from))
        .map_err(WaitError::Call)?;
    let waiters = Waiters::of(model).map_err(WaitError::Call)?;
    let config = waiters
        .by_name
        .get(waiter)
        .ok_or_else(|| Error::General(format!("{service} has no waiter {waiter}")))
        .map_err(WaitError::Call)?;
    let op = model
        .operation(&config.operation)
        .map_err(|e| WaitError::Call(e.into()))?
        .ok_or_else(|| {
            WaitError::Call(Error::General(format!("no operation {}", config.operation)))
        })?;
    let status = op.http.response_code.unwrap_or(200);
    engine::wait(
        waiter,
        config,
        pace.unwrap_or_else(|| Pace::of(config)),
        || {
            let params = params.clone();
            async move {
                invoke::call(session, model, op, params)
                    .await
                    .map(|value| Answer::Response { value, status })
            }
        },
        tokio::time::sleep,
    )
    .await
}

/// The status of a successful answer: the operation's own `responseCode`, else 200 (the
/// codecs do not hand the status of a success on; every waiter that looks at a status looks
/// for 200 or for an error's).
fn success_status(request: &Request) -> u16 {
    request.operation.http.response_code.unwrap_or(200)
}

/// Whether `service` offers `wait` (botocore has waiters for it).
pub fn has_waiters(model: &ServiceModel) -> bool {
    model.waiters.is_some_and(|w| w.trim() != "{}")
}
