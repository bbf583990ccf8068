//! The paginator against a scripted service: pages of items behind tokens `t1`, `t2`, ...

use std::cell::RefCell;

use serde_json::{Value, json};

use super::*;

const LIST: Paginator = Paginator {
    input_token: "NextToken",
    output_token: "NextToken",
    limit_key: "MaxResults",
    result_key: "Items",
};

/// Serves `items` `per_page` at a time (MaxResults overrides), and records every request.
struct Service {
    items: Vec<i64>,
    per_page: usize,
    requests: RefCell<Vec<Value>>,
}

impl Service {
    fn new(count: i64, per_page: usize) -> Service {
        Service {
            items: (1..=count).collect(),
            per_page,
            requests: RefCell::new(Vec::new()),
        }
    }

    async fn call(&self, input: Value) -> Result<Value, Error> {
        self.requests.borrow_mut().push(input.clone());
        let start: usize = match input.get("NextToken").and_then(Value::as_str) {
            Some(t) => t.trim_start_matches('t').parse().unwrap(),
            None => 0,
        };
        let size = input
            .get("MaxResults")
            .and_then(Value::as_u64)
            .map_or(self.per_page, |n| n as usize);
        let end = (start + size).min(self.items.len());
        let mut page = json!({ "Items": self.items[start..end] });
        if end < self.items.len() {
            page["NextToken"] = json!(format!("t{end}"));
        }
        Ok(page)
    }

    fn run(&self, options: &PagingOptions) -> Result<Value, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime
            .block_on(paginate(&LIST, Map::new(), options, |i| self.call(i)))
            .map(Paginated::into_value)
    }
}

fn options(max_items: Option<i64>, starting_token: Option<&str>) -> PagingOptions {
    PagingOptions {
        starting_token: starting_token.map(str::to_string),
        page_size: None,
        max_items,
        paginate: true,
    }
}

#[test]
fn follows_tokens_and_joins_the_pages() {
    let service = Service::new(7, 3);
    let out = service.run(&options(None, None)).unwrap();
    assert_eq!(out, json!({ "Items": [1, 2, 3, 4, 5, 6, 7] }));
    assert_eq!(
        *service.requests.borrow(),
        vec![
            json!({}),
            json!({"NextToken": "t3"}),
            json!({"NextToken": "t6"})
        ]
    );
}

#[test]
fn page_size_is_the_limit_of_every_request() {
    let service = Service::new(5, 100);
    let mut paging = options(None, None);
    paging.page_size = Some(json!(2));
    let out = service.run(&paging).unwrap();
    assert_eq!(out, json!({ "Items": [1, 2, 3, 4, 5] }));
    assert_eq!(service.requests.borrow().len(), 3);
    assert!(
        service
            .requests
            .borrow()
            .iter()
            .all(|r| r["MaxResults"] == json!(2))
    );
}

#[test]
fn max_items_inside_a_page_resumes_where_it_stopped() {
    let service = Service::new(7, 3);
    let out = service.run(&options(Some(4), None)).unwrap();
    // {"NextToken": "t3", "boto_truncate_amount": 1}: page t3 again, skipping one item.
    let expected_token = encode_one(Some(&json!("t3")), Some(1));
    assert_eq!(
        out,
        json!({ "Items": [1, 2, 3, 4], "NextToken": expected_token })
    );
    let rest = service
        .run(&options(Some(2), Some(&expected_token)))
        .unwrap();
    // The rest of that page ends exactly at max items: the service's next token, as is.
    let second_token = encode_one(Some(&json!("t6")), None);
    assert_eq!(rest, json!({ "Items": [5, 6], "NextToken": second_token }));
    let last = service.run(&options(None, Some(&second_token))).unwrap();
    assert_eq!(last, json!({ "Items": [7] }));
    // Cut short again on the resumed page: the skip counts the items shown before too.
    let one = service
        .run(&options(Some(1), Some(&expected_token)))
        .unwrap();
    let third_token = encode_one(Some(&json!("t3")), Some(2));
    assert_eq!(one, json!({ "Items": [5], "NextToken": third_token }));
}

#[test]
fn max_items_on_a_page_boundary_hands_on_the_service_token() {
    let service = Service::new(7, 3);
    let out = service.run(&options(Some(3), None)).unwrap();
    assert_eq!(
        out,
        json!({ "Items": [1, 2, 3], "NextToken": encode_one(Some(&json!("t3")), None) })
    );
    assert_eq!(service.requests.borrow().len(), 1);
    let within_first = service.run(&options(Some(1), None)).unwrap();
    assert_eq!(within_first["NextToken"], json!(encode_one(None, Some(1))));
}

#[test]
fn no_paginate_fetches_one_raw_page_and_refuses_paging_options() {
    let service = Service::new(7, 3);
    let mut paging = options(None, None);
    paging.paginate = false;
    let out = service.run(&paging).unwrap();
    assert_eq!(out, json!({ "Items": [1, 2, 3], "NextToken": "t3" }));
    paging.max_items = Some(2);
    paging.starting_token = Some("x".into());
    let e = service.run(&paging).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Error during pagination: Cannot specify --no-paginate along with pagination arguments: --starting-token, --max-items"
    );
}

#[test]
fn a_hand_written_token_turns_paging_off() {
    let service = Service::new(7, 3);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut input = Map::new();
    input.insert("NextToken".into(), json!("t3"));
    let out = runtime
        .block_on(paginate(&LIST, input, &options(None, None), |i| {
            service.call(i)
        }))
        .unwrap()
        .into_value();
    assert_eq!(out, json!({ "Items": [4, 5, 6], "NextToken": "t6" }));
}

#[test]
fn a_repeated_token_is_an_error_not_a_loop() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let stuck = |_input: Value| async { Ok(json!({ "Items": [1], "NextToken": "same" })) };
    let e = runtime
        .block_on(paginate(&LIST, Map::new(), &options(None, None), stuck))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Error during pagination: The same next token was received twice: {'NextToken': 'same'}"
    );
}

#[test]
fn integers_parse_as_python_int() {
    assert_eq!(parse_int(" 12 ").unwrap(), 12);
    assert_eq!(
        parse_int("abc").unwrap_err().to_string(),
        "invalid literal for int() with base 10: 'abc'"
    );
}

#[test]
fn pages_are_kept_as_yielded_for_per_page_output() {
    let service = Service::new(7, 3);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let Paginated::Pages(pages) = runtime
        .block_on(paginate(&LIST, Map::new(), &options(Some(4), None), |i| {
            service.call(i)
        }))
        .unwrap()
    else {
        panic!("paging was on");
    };
    // The page cut short keeps the service's token: botocore yields it as received.
    assert_eq!(
        pages.pages,
        vec![
            json!({"Items": [1, 2, 3], "NextToken": "t3"}),
            json!({"Items": [4], "NextToken": "t6"}),
        ]
    );
    let token = encode_one(Some(&json!("t3")), Some(1));
    assert_eq!(
        pages.per_page(),
        vec![
            json!({"Items": [1, 2, 3]}),
            json!({"Items": [4]}),
            json!({"NextToken": {"NextToken": token}}),
        ]
    );
}

/// A resume token for a paginator with the one input token `NextToken`.
fn encode_one(token: Option<&Value>, truncate_amount: Option<i64>) -> String {
    let tokens = Map::from_iter([(
        "NextToken".to_string(),
        token.cloned().unwrap_or(Value::Null),
    )]);
    token::encode(&tokens, truncate_amount)
}
