//! The page loop against scripted page sequences (cases.json): each case's requests, yielded
//! pages, merged result, text-format documents or error are what botocore's paginator gave
//! for the same pages (scripts/gen-paging-cases.py records them).

use std::cell::RefCell;

use serde_json::{Map, Value, json};

use super::run::max_items_value;
use super::*;

fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

fn object(value: &Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

/// Compares as text too, so key order counts (the CLI prints keys in insertion order).
fn same(name: &str, what: &str, ours: &Value, theirs: &Value) {
    assert_eq!(ours, theirs, "{name}: {what}");
    assert_eq!(
        ours.to_string(),
        theirs.to_string(),
        "{name}: {what} (key order)"
    );
}

#[test]
fn every_scripted_case_pages_as_botocore() {
    let file: Value = serde_json::from_str(include_str!("cases.json")).unwrap();
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() >= 30, "{}", cases.len());
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let mut config = PaginatorConfig::from_entry(name, &case["config"].to_string()).unwrap();
        config.limit_key_is_string = case["limit_key_is_string"].as_bool().unwrap();
        let options = &case["options"];
        let paging = PagingOptions {
            starting_token: options["StartingToken"].as_str().map(str::to_string),
            page_size: options.get("PageSize").cloned(),
            max_items: options.get("MaxItems").map(|v| max_items_value(v).unwrap()),
            paginate: true,
        };
        let scripted = RefCell::new(case["pages"].as_array().unwrap().clone());
        let requests = RefCell::new(Vec::new());
        let send = |params: Map<String, Value>| {
            requests.borrow_mut().push(Value::Object(params));
            let mut left = scripted.borrow_mut();
            assert!(
                !left.is_empty(),
                "{name}: asked for more pages than scripted"
            );
            let page = left.remove(0);
            async move { Ok(page) }
        };
        let result = block_on(run_pages(&config, &paging, object(&case["params"]), send));
        same(
            name,
            "requests",
            &Value::Array(requests.take()),
            &case["requests"],
        );
        match (result, case.get("error")) {
            (Err(e), Some(expected)) => assert_eq!(e.to_string(), expected.as_str().unwrap()),
            (Err(e), None) => panic!("{name}: {e}"),
            (Ok(_), Some(expected)) => panic!("{name}: expected the error {expected}"),
            (Ok(pages), None) => {
                same(name, "pages", &json!(pages.pages), &case["yielded"]);
                same(
                    name,
                    "per page",
                    &json!(pages.per_page()),
                    &case["per_page"],
                );
                same(
                    name,
                    "full result",
                    &pages.full_result(),
                    &case["full_result"],
                );
            }
        }
    }
}

/// A service that answers every request with the next of `pages`, for the engine's
/// `run_paged` entry point.
fn serve(
    pages: Vec<Value>,
) -> impl FnMut(Map<String, Value>) -> std::future::Ready<Result<Value, Error>> {
    let mut pages = pages.into_iter();
    move |_params| std::future::ready(Ok(pages.next().expect("scripted")))
}

#[test]
fn no_paginate_sends_once_and_returns_the_raw_response() {
    let config = PaginatorConfig::from_entry(
        "List",
        r#"{"input_token":"NextToken","output_token":"NextToken","result_key":"Items"}"#,
    )
    .unwrap();
    let raw = json!({"Items": [1], "NextToken": "t1", "ResponseMetadata": {"RequestId": "r"}});
    let options = PagingOptions {
        paginate: false,
        ..PagingOptions::default()
    };
    let out = block_on(run_paged(
        &config,
        &options,
        Map::new(),
        serve(vec![raw.clone()]),
    ));
    match out.unwrap() {
        Paginated::Response(value) => assert_eq!(value, raw),
        Paginated::Pages(_) => panic!("paged with --no-paginate"),
    }
    let options = PagingOptions {
        paginate: true,
        ..PagingOptions::default()
    };
    let out = block_on(run_paged(
        &config,
        &options,
        Map::new(),
        serve(vec![raw, json!({"Items": [2]})]),
    ))
    .unwrap();
    // The merged result keeps only the result keys: tokens and metadata are gone.
    assert_eq!(out.into_value(), json!({"Items": [1, 2]}));
}

#[test]
fn a_send_error_stops_paging_and_is_returned() {
    let config = PaginatorConfig::from_entry(
        "List",
        r#"{"input_token":"NextToken","output_token":"NextToken","result_key":"Items"}"#,
    )
    .unwrap();
    let mut calls = 0;
    let send = |_params: Map<String, Value>| {
        calls += 1;
        let answer = if calls == 1 {
            Ok(json!({"Items": [1], "NextToken": "t1"}))
        } else {
            Err(Error::Pagination("boom".into()))
        };
        std::future::ready(answer)
    };
    let options = PagingOptions {
        paginate: true,
        ..PagingOptions::default()
    };
    let e = block_on(run_pages(&config, &options, Map::new(), send)).unwrap_err();
    assert_eq!(e.to_string(), "Error during pagination: boom");
    assert_eq!(calls, 2);
}

#[test]
fn bad_max_items_and_page_size_fail_as_python_int() {
    assert_eq!(max_items_value(&json!("12")).unwrap(), 12);
    assert_eq!(
        max_items_value(&json!("ten")).unwrap_err().to_string(),
        "invalid literal for int() with base 10: 'ten'"
    );
    let mut config = PaginatorConfig::from_entry(
        "List",
        r#"{"input_token":"NextToken","output_token":"NextToken","result_key":"Items","limit_key":"MaxResults"}"#,
    )
    .unwrap();
    assert_eq!(config.page_size_value(&json!(5)).unwrap(), json!(5));
    assert_eq!(config.page_size_value(&json!("5")).unwrap(), json!(5));
    assert!(config.page_size_value(&json!("five")).is_err());
    config.limit_key_is_string = true;
    assert_eq!(config.page_size_value(&json!(5)).unwrap(), json!("5"));
}
