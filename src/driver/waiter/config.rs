//! A service's waiters as botocore's `waiters-2.json` describes them: per waiter the operation
//! it polls, the delay between polls, the most polls, and the acceptors that decide each
//! answer's state.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::driver::names::xform_name;
use crate::error::Error;
use crate::model::ServiceModel;

/// One waiter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WaiterConfig {
    /// The operation polled (model name: `DescribeInstances`).
    pub operation: String,
    /// Seconds between polls.
    pub delay: u64,
    pub max_attempts: u32,
    #[serde(default)]
    pub description: Option<String>,
    pub acceptors: Vec<Acceptor>,
}

/// What an acceptor leads to when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum State {
    Success,
    Failure,
    Retry,
}

/// How an acceptor looks at an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Matcher {
    /// The expression's result equals `expected`.
    #[serde(rename = "path")]
    Path,
    /// The result is a non-empty list whose every element equals `expected`.
    #[serde(rename = "pathAll")]
    PathAll,
    /// The result is a non-empty list with at least one element equal to `expected`.
    #[serde(rename = "pathAny")]
    PathAny,
    /// The HTTP status code equals `expected`.
    #[serde(rename = "status")]
    Status,
    /// The service error's code equals `expected`; `true` is any error, `false` no error.
    #[serde(rename = "error")]
    Error,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Acceptor {
    pub state: State,
    pub matcher: Matcher,
    pub expected: Value,
    /// The JMESPath expression of the path matchers.
    #[serde(default)]
    pub argument: Option<String>,
}

impl Acceptor {
    /// botocore's wording of why this acceptor matched, for the waiter's messages.
    pub fn explanation(&self) -> String {
        let argument = self.argument.as_deref().unwrap_or_default();
        let expected = python_str(&self.expected);
        match self.matcher {
            Matcher::Path => {
                format!("For expression \"{argument}\" we matched expected path: \"{expected}\"")
            }
            Matcher::PathAll => format!(
                "For expression \"{argument}\" all members matched expected path: \"{expected}\""
            ),
            Matcher::PathAny => format!(
                "For expression \"{argument}\" we matched expected path: \"{expected}\" at least once"
            ),
            Matcher::Status => format!("Matched expected HTTP status code: {expected}"),
            Matcher::Error => format!("Matched expected service error code: {expected}"),
        }
    }
}

/// A JSON scalar as Python's `str()` prints it (`True`, not `true`).
pub fn python_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        other => other.to_string(),
    }
}

/// The waiters of one service, by their model names (`InstanceRunning`), sorted.
#[derive(Debug, Default)]
pub struct Waiters {
    pub by_name: BTreeMap<String, WaiterConfig>,
}

impl Waiters {
    /// The waiters of `model`; empty when botocore has none for the service.
    pub fn of(model: &ServiceModel) -> Result<Waiters, Error> {
        let Some(text) = model.waiters else {
            return Ok(Waiters::default());
        };
        let by_name = serde_json::from_str(text).map_err(|e| {
            Error::Model(crate::model::ModelError::Malformed {
                service: model.name.clone(),
                detail: format!("waiters: {e}"),
            })
        })?;
        Ok(Waiters { by_name })
    }

    /// The command names (`instance-running`), in the order of the model names.
    pub fn cli_names(&self) -> impl Iterator<Item = String> + '_ {
        self.by_name.keys().map(|name| xform_name(name))
    }

    /// The waiter a command name stands for: its model name and configuration.
    pub fn find(&self, cli_name: &str) -> Option<(&str, &WaiterConfig)> {
        self.by_name
            .iter()
            .find(|(name, _)| xform_name(name) == cli_name)
            .map(|(name, config)| (name.as_str(), config))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::embedded;

    #[test]
    fn every_embedded_waiter_reads_and_polls_an_operation_of_its_service() {
        let mut count = 0;
        for name in embedded::service_names() {
            let model = embedded::service(name).unwrap().unwrap();
            let waiters = Waiters::of(model).unwrap();
            for (waiter, config) in &waiters.by_name {
                assert!(
                    model.has_operation(&config.operation),
                    "{name} {waiter}: no operation {}",
                    config.operation
                );
                assert!(config.max_attempts > 0 && !config.acceptors.is_empty());
                for a in &config.acceptors {
                    let is_path = matches!(
                        a.matcher,
                        Matcher::Path | Matcher::PathAll | Matcher::PathAny
                    );
                    assert_eq!(is_path, a.argument.is_some(), "{name} {waiter}");
                }
                count += 1;
            }
        }
        // botocore 1.43.67: 378 waiters over the newest API version of 170 services.
        assert_eq!(count, 378);
    }

    #[test]
    fn ec2_instance_running_is_found_by_its_command_name() {
        let model = embedded::service("ec2").unwrap().unwrap();
        let waiters = Waiters::of(model).unwrap();
        let (name, config) = waiters.find("instance-running").unwrap();
        assert_eq!(name, "InstanceRunning");
        assert_eq!(config.operation, "DescribeInstances");
        assert_eq!((config.delay, config.max_attempts), (15, 40));
        assert!(
            waiters
                .cli_names()
                .any(|n| n == "vpc-peering-connection-deleted")
        );
    }

    #[test]
    fn explanations_read_as_botocore_writes_them() {
        let acceptor = |matcher, expected: Value, argument: Option<&str>| Acceptor {
            state: State::Failure,
            matcher,
            expected,
            argument: argument.map(str::to_string),
        };
        assert_eq!(
            acceptor(
                Matcher::PathAny,
                "terminated".into(),
                Some("Reservations[].Instances[].State.Name")
            )
            .explanation(),
            "For expression \"Reservations[].Instances[].State.Name\" we matched expected path: \"terminated\" at least once"
        );
        assert_eq!(
            acceptor(Matcher::Path, true.into(), Some("a")).explanation(),
            "For expression \"a\" we matched expected path: \"True\""
        );
        assert_eq!(
            acceptor(Matcher::Status, 404.into(), None).explanation(),
            "Matched expected HTTP status code: 404"
        );
        assert_eq!(
            acceptor(Matcher::Error, "ValidationError".into(), None).explanation(),
            "Matched expected service error code: ValidationError"
        );
    }
}
