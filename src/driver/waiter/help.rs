//! Help for `wait` and for each waiter, with the description the CLI builds from a waiter's
//! configuration when the model gives none. A waiter's page is the help renderer's page of
//! the polled operation under the waiter's name, with this description and no output section.

use super::config::{Matcher, State, WaiterConfig, Waiters, python_str};
use crate::driver::arguments::ArgumentTable;
use crate::driver::help;
use crate::driver::names::xform_name;
use crate::error::Error;
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

/// `awsctl <service> wait <waiter> help`: the polled operation's page under the waiter's
/// name, with [`description`] and no output section (a waiter prints nothing).
pub fn waiter(
    model: &'static ServiceModel,
    cli_name: &str,
    config: &WaiterConfig,
    operation: &'static Operation,
    table: &ArgumentTable,
) -> Result<String, Error> {
    let description = description(config);
    help::operation_page(
        model,
        operation,
        table,
        &help::Page {
            name: cli_name,
            description: Some(&description),
            output: false,
        },
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
