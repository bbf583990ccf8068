//! The waiter's state machine against scripted answers: no network, no real sleeping.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

use serde_json::{Value, json};

use super::*;
use crate::driver::waiter::config::WaiterConfig;

fn config(acceptors: Value) -> WaiterConfig {
    serde_json::from_value(json!({
        "operation": "DescribeThings",
        "delay": 7,
        "maxAttempts": 3,
        "acceptors": acceptors,
    }))
    .unwrap()
}

fn ok(value: Value) -> Result<Answer, Error> {
    Ok(Answer::Response { value, status: 200 })
}

fn service_error(code: &str, status: u16) -> Result<Answer, Error> {
    Err(Error::Service(ServiceError {
        code: code.into(),
        message: Some(format!("{code} happened")),
        operation: "DescribeThings",
        status,
        request_id: None,
        retries_exhausted: None,
        fields: Default::default(),
    }))
}

/// Runs the waiter over `answers`; returns its result, the polls made and the sleeps taken.
fn run(
    config: &WaiterConfig,
    answers: Vec<Result<Answer, Error>>,
) -> (Result<(), WaitError>, usize, Vec<Duration>) {
    let answers = RefCell::new(VecDeque::from(answers));
    let polls = RefCell::new(0);
    let sleeps = RefCell::new(Vec::new());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let result = runtime.block_on(wait(
        "ThingReady",
        config,
        Pace::of(config),
        || {
            *polls.borrow_mut() += 1;
            let next = answers.borrow_mut().pop_front().expect("no more answers");
            async move { next }
        },
        |d| {
            sleeps.borrow_mut().push(d);
            async {}
        },
    ));
    (result, polls.into_inner(), sleeps.into_inner())
}

fn message(result: Result<(), WaitError>) -> String {
    match result {
        Err(WaitError::Failed(e)) => e.to_string(),
        Err(WaitError::Call(e)) => panic!("not a waiter failure: {e}"),
        Ok(()) => panic!("the waiter succeeded"),
    }
}

fn things() -> Value {
    json!([
        {"state": "success", "matcher": "pathAll", "argument": "Things[].State", "expected": "ready"},
        {"state": "failure", "matcher": "pathAny", "argument": "Things[].State", "expected": "broken"},
        {"state": "retry", "matcher": "error", "expected": "ThingNotFound"},
    ])
}

#[test]
fn success_on_the_first_poll_sleeps_never() {
    let (result, polls, sleeps) = run(
        &config(things()),
        vec![ok(
            json!({"Things": [{"State": "ready"}, {"State": "ready"}]}),
        )],
    );
    assert!(result.is_ok());
    assert_eq!((polls, sleeps.len()), (1, 0));
}

#[test]
fn retries_sleep_the_delay_between_polls_until_success() {
    let (result, polls, sleeps) = run(
        &config(things()),
        vec![
            service_error("ThingNotFound", 400),
            ok(json!({"Things": [{"State": "ready"}, {"State": "pending"}]})),
            ok(json!({"Things": [{"State": "ready"}]})),
        ],
    );
    assert!(result.is_ok());
    assert_eq!(polls, 3);
    assert_eq!(sleeps, vec![Duration::from_secs(7); 2]);
}

#[test]
fn a_failure_state_ends_at_once_with_its_explanation() {
    let (result, polls, _) = run(
        &config(things()),
        vec![ok(
            json!({"Things": [{"State": "ready"}, {"State": "broken"}]}),
        )],
    );
    assert_eq!(polls, 1);
    assert_eq!(
        message(result),
        "Waiter ThingReady failed: Waiter encountered a terminal failure state: For expression \"Things[].State\" we matched expected path: \"broken\" at least once"
    );
}

#[test]
fn an_error_no_acceptor_expects_fails_with_its_code_and_message() {
    let (result, polls, _) = run(&config(things()), vec![service_error("AccessDenied", 403)]);
    assert_eq!(polls, 1);
    assert_eq!(
        message(result),
        "Waiter ThingReady failed: An error occurred (AccessDenied): AccessDenied happened"
    );
}

#[test]
fn max_attempts_without_any_match() {
    let pending = || ok(json!({"Things": [{"State": "pending"}]}));
    let (result, polls, sleeps) = run(&config(things()), vec![pending(), pending(), pending()]);
    assert_eq!((polls, sleeps.len()), (3, 2));
    assert_eq!(
        message(result),
        "Waiter ThingReady failed: Max attempts exceeded"
    );
}

#[test]
fn max_attempts_after_a_match_names_the_acceptor_botocore_names() {
    // A retry matched earlier; botocore then names the acceptor its last loop stopped at:
    // the last acceptor when the final answer matched none.
    let (result, _, _) = run(
        &config(things()),
        vec![
            service_error("ThingNotFound", 400),
            service_error("ThingNotFound", 400),
            ok(json!({"Things": []})),
        ],
    );
    assert_eq!(
        message(result),
        "Waiter ThingReady failed: Max attempts exceeded. Previously accepted state: Matched expected service error code: ThingNotFound"
    );
}

#[test]
fn path_all_and_path_any_need_a_non_empty_list() {
    let (result, _, _) = run(
        &config(json!([
            {"state": "success", "matcher": "pathAll", "argument": "Things[].State", "expected": "ready"},
        ])),
        vec![
            ok(json!({"Things": []})),
            ok(json!({})),
            ok(json!({"Things": [{"State": "ready"}]})),
        ],
    );
    assert!(result.is_ok());
}

#[test]
fn status_and_boolean_error_matchers() {
    let cfg = config(json!([
        {"state": "success", "matcher": "status", "expected": 404},
        {"state": "retry", "matcher": "error", "expected": false},
    ]));
    let (result, polls, _) = run(&cfg, vec![ok(json!({})), service_error("NotFound", 404)]);
    assert!(result.is_ok());
    assert_eq!(polls, 2);
    let any_error = config(json!([{"state": "success", "matcher": "error", "expected": true}]));
    let (result, _, _) = run(&any_error, vec![service_error("Whatever", 400)]);
    assert!(result.is_ok());
}

#[test]
fn paths_compare_as_python_compares() {
    let cfg = config(json!([
        {"state": "success", "matcher": "path", "argument": "length(Things[]) > `0`", "expected": true},
    ]));
    let (result, polls, _) = run(
        &cfg,
        vec![ok(json!({"Things": []})), ok(json!({"Things": [1]}))],
    );
    assert!(result.is_ok());
    assert_eq!(polls, 2);
    assert!(python_eq(&json!(1), &json!(true)));
    assert!(python_eq(&json!(2.0), &json!(2)));
    assert!(!python_eq(&json!("1"), &json!(1)));
}

#[test]
fn a_call_that_fails_before_any_service_answers_is_not_the_waiters_failure() {
    let (result, polls, _) = run(&config(things()), vec![Err(Error::NoRegion)]);
    assert_eq!(polls, 1);
    assert!(matches!(result, Err(WaitError::Call(Error::NoRegion))));
}
