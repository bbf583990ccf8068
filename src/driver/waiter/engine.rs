//! The waiting itself, as botocore's `Waiter.wait` runs it: poll, give the answer to each
//! acceptor in turn (the first match sets the state), stop on success or failure, fail on a
//! service error no acceptor expected, otherwise sleep `delay` seconds and poll again until
//! `maxAttempts` polls have been made. Polling and sleeping are passed in, so the state
//! machine is tested in process.

use std::future::Future;
use std::time::Duration;

use serde_json::Value;

use super::config::{Acceptor, Matcher, State, WaiterConfig};
use crate::error::{Error, ServiceError};
use crate::output::Query;

/// What one poll got back.
#[derive(Debug, Clone)]
pub enum Answer {
    /// The parsed response and its HTTP status.
    Response { value: Value, status: u16 },
    /// The service said no.
    Error(ServiceError),
}

/// The waiter gave up: `Waiter NAME failed: REASON`, with the last answer for callers that
/// look into it (`cloudformation deploy` reads the change set's status reason).
#[derive(Debug, Clone)]
pub struct WaiterError {
    pub name: String,
    pub reason: String,
    pub last: Answer,
}

impl std::fmt::Display for WaiterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Waiter {} failed: {}", self.name, self.reason)
    }
}

/// Why waiting ended without success.
#[derive(Debug)]
pub enum WaitError {
    /// The waiter's own failure (a failure state, an unexpected error, too many polls).
    Failed(WaiterError),
    /// A poll failed before any service answered (credentials, transport, parameters).
    Call(Error),
}

impl From<WaitError> for Error {
    /// The CLI reports a waiter's failure plainly (exit 255), and anything else as itself.
    fn from(e: WaitError) -> Error {
        match e {
            WaitError::Failed(failed) => Error::General(failed.to_string()),
            WaitError::Call(error) => error,
        }
    }
}

/// The model's delay and attempts, or a caller's own (`cloudformation deploy` polls a change
/// set every 5 seconds, as botocore's `WaiterConfig` lets the CLI ask).
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    pub delay: Duration,
    pub max_attempts: u32,
}

impl Pace {
    pub fn of(config: &WaiterConfig) -> Pace {
        Pace {
            delay: Duration::from_secs(config.delay),
            max_attempts: config.max_attempts,
        }
    }
}

/// An acceptor with its expression compiled once.
struct Compiled<'a> {
    acceptor: &'a Acceptor,
    query: Option<Query>,
}

pub async fn wait<P, PF, S, SF>(
    name: &str,
    config: &WaiterConfig,
    pace: Pace,
    mut poll: P,
    mut sleep: S,
) -> Result<(), WaitError>
where
    P: FnMut() -> PF,
    PF: Future<Output = Result<Answer, Error>>,
    S: FnMut(Duration) -> SF,
    SF: Future<Output = ()>,
{
    let acceptors = compile(name, config).map_err(WaitError::Call)?;
    let failed = |reason: String, last: Answer| {
        WaitError::Failed(WaiterError {
            name: name.to_string(),
            reason,
            last,
        })
    };
    let mut matched_before = false;
    let mut attempts = 0;
    loop {
        let answer = match poll().await {
            Ok(answer) => answer,
            Err(Error::Service(e)) => Answer::Error(e),
            Err(other) => return Err(WaitError::Call(other)),
        };
        attempts += 1;
        let mut state = None;
        // botocore names the acceptor its loop stopped at: the match, else the last one.
        let mut last_seen = acceptors.len().saturating_sub(1);
        for (i, compiled) in acceptors.iter().enumerate() {
            if matches(compiled, &answer).map_err(WaitError::Call)? {
                state = Some(compiled.acceptor.state);
                last_seen = i;
                matched_before = true;
                break;
            }
        }
        let explanation = || {
            acceptors
                .get(last_seen)
                .map(|c| c.acceptor.explanation())
                .unwrap_or_default()
        };
        match (state, &answer) {
            (Some(State::Success), _) => return Ok(()),
            (Some(State::Failure), _) => {
                let reason = format!(
                    "Waiter encountered a terminal failure state: {}",
                    explanation()
                );
                return Err(failed(reason, answer));
            }
            (None, Answer::Error(e)) => {
                let reason = format!(
                    "An error occurred ({}): {}",
                    e.code,
                    e.message.as_deref().unwrap_or("Unknown")
                );
                return Err(failed(reason, answer));
            }
            _ => {}
        }
        if attempts >= pace.max_attempts {
            let reason = match matched_before {
                false => "Max attempts exceeded".to_string(),
                true => format!(
                    "Max attempts exceeded. Previously accepted state: {}",
                    explanation()
                ),
            };
            return Err(failed(reason, answer));
        }
        sleep(pace.delay).await;
    }
}

fn compile<'a>(name: &str, config: &'a WaiterConfig) -> Result<Vec<Compiled<'a>>, Error> {
    config
        .acceptors
        .iter()
        .map(|acceptor| {
            let query = match &acceptor.argument {
                Some(expression) => Some(Query::compile(expression).map_err(|e| {
                    Error::General(format!("The waiter {name} has a bad expression: {e}"))
                })?),
                None => None,
            };
            Ok(Compiled { acceptor, query })
        })
        .collect()
}

fn matches(compiled: &Compiled<'_>, answer: &Answer) -> Result<bool, Error> {
    let acceptor = compiled.acceptor;
    let expected = &acceptor.expected;
    let search = |value: &Value| -> Result<Value, Error> {
        let query = compiled
            .query
            .as_ref()
            .expect("path matchers have an expression");
        query
            .apply(value)
            .map_err(|e| Error::General(e.to_string()))
    };
    Ok(match (acceptor.matcher, answer) {
        // Path matchers never match an error answer.
        (Matcher::Path | Matcher::PathAll | Matcher::PathAny, Answer::Error(_)) => false,
        (Matcher::Path, Answer::Response { value, .. }) => python_eq(&search(value)?, expected),
        (Matcher::PathAll, Answer::Response { value, .. }) => match search(value)? {
            Value::Array(items) if !items.is_empty() => {
                items.iter().all(|item| python_eq(item, expected))
            }
            _ => false,
        },
        (Matcher::PathAny, Answer::Response { value, .. }) => match search(value)? {
            Value::Array(items) => items.iter().any(|item| python_eq(item, expected)),
            _ => false,
        },
        (Matcher::Status, Answer::Response { status, .. }) => {
            expected.as_u64() == Some(u64::from(*status))
        }
        (Matcher::Status, Answer::Error(e)) => expected.as_u64() == Some(u64::from(e.status)),
        (Matcher::Error, Answer::Error(e)) => match expected {
            Value::Bool(any) => *any,
            Value::String(code) => e.code == *code,
            _ => false,
        },
        (Matcher::Error, Answer::Response { .. }) => *expected == Value::Bool(false),
    })
}

/// Python's `==` between JSON values as botocore compares them: numbers by value, and a
/// boolean equal to the number it counts as (`True == 1`).
fn python_eq(a: &Value, b: &Value) -> bool {
    let number = |v: &Value| match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    };
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(_) | Value::Bool(_), Value::Number(_) | Value::Bool(_)) => {
            number(a) == number(b)
        }
        _ => a == b,
    }
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
