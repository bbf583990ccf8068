//! Synopsis-level help for `wait` and for each waiter, with the description the CLI builds
//! from a waiter's configuration when the model gives none. The full help pages (the
//! operation's documentation) come from the help renderer; a waiter's page is the polled
//! operation's page under the waiter's name, with this description and no output section.

use super::config::{Matcher, State, WaiterConfig, Waiters, python_str};
use crate::driver::arguments::{ArgumentTable, Role};
use crate::driver::names::xform_name;
use crate::model::{Operation, ServiceModel};

const WAIT_DESCRIPTION: &str = "Wait until a particular condition is satisfied. Each subcommand polls an API until the listed requirement is met.";

/// `awsctl <service> wait help`.
pub fn wait_command(_service_cli: &str, waiters: &Waiters) -> String {
    let mut out = format!(
        "NAME\n       wait -\n\nDESCRIPTION\n       {WAIT_DESCRIPTION}\n\nAVAILABLE COMMANDS\n"
    );
    let mut names: Vec<String> = waiters.cli_names().collect();
    names.sort();
    for name in names {
        out.push_str(&format!("       o {name}\n\n"));
    }
    out
}

/// `awsctl <service> wait <waiter> help`. The full page is the help renderer's operation
/// page under the waiter's name, with [`description`] and no output section; until that
/// renderer is merged, the synopsis.
pub fn waiter(
    _model: &'static ServiceModel,
    service_cli: &str,
    cli_name: &str,
    _name: &str,
    config: &WaiterConfig,
    operation: &'static Operation,
    table: &ArgumentTable,
) -> String {
    let _ = (service_cli, operation);
    let mut synopsis = format!("SYNOPSIS\n            {cli_name}\n");
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
        match spec.required {
            true => synopsis.push_str(&format!("          {shown}\n")),
            false => synopsis.push_str(&format!("          [{shown}]\n")),
        }
    }
    format!(
        "NAME\n       {cli_name} -\n\nDESCRIPTION\n       {}\n\n{synopsis}",
        description(config)
    )
}

/// The CLI's description of a waiter: the model's, else one made from its success acceptor
/// and operation; then how often and how long it polls.
pub fn description(config: &WaiterConfig) -> String {
    let mut text = match config.description.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => d.to_string(),
        None => {
            let mut text = String::from("Wait until ");
            if let Some(a) = config.acceptors.iter().find(|a| a.state == State::Success) {
                let expected = python_str(&a.expected);
                let argument = a.argument.as_deref().unwrap_or_default();
                text.push_str(&match a.matcher {
                    Matcher::Error => format!("{expected} is thrown "),
                    Matcher::Status => format!("{expected} response is received "),
                    Matcher::Path => format!("JMESPath query {argument} returns {expected} "),
                    Matcher::PathAll => {
                        format!("JMESPath query {argument} returns {expected} for all elements ")
                    }
                    Matcher::PathAny => {
                        format!("JMESPath query {argument} returns {expected} for any element ")
                    }
                });
            }
            text.push_str(&format!(
                "when polling with ``{}``.",
                xform_name(&config.operation)
            ));
            text
        }
    };
    text.push_str(&format!(
        " It will poll every {} seconds until a successful state has been reached. This will exit with a return code of 255 after {} failed checks.",
        config.delay, config.max_attempts
    ));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::embedded;

    #[test]
    fn a_waiter_without_a_description_is_described_from_its_success_acceptor() {
        let model = embedded::service("ec2").unwrap().unwrap();
        let waiters = Waiters::of(model).unwrap();
        let (_, config) = waiters.find("instance-running").unwrap();
        assert_eq!(
            description(config),
            "Wait until JMESPath query Reservations[].Instances[].State.Name returns running for all elements when polling with ``describe-instances``. It will poll every 15 seconds until a successful state has been reached. This will exit with a return code of 255 after 40 failed checks."
        );
    }
}
