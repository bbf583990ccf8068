//! Every paginator of every embedded model: its entry parses, names an operation of the
//! service, and its tokens, limit key, result keys and flags name members of the operation's
//! input and output shapes (or, for expressions, start at one).

use crate::driver::names::xform_name;
use crate::model::{self, ServiceModel, Shape, ShapeType};

/// The shape at a dotted path of structure members, from `shape`.
fn at_path(model: &ServiceModel, mut shape: &'static Shape, path: &str) -> Option<&'static Shape> {
    for step in path.split('.') {
        if shape.kind != ShapeType::Structure {
            return None;
        }
        shape = model.shape(&shape.members.get(step)?.shape).ok()?;
    }
    Some(shape)
}

/// An expression key (`NextMarker || Contents[-1].Key`): each alternative's leading member
/// chain, up to the first bracket, must resolve; a bracket must follow a list.
fn expression_resolves(model: &ServiceModel, output: &'static Shape, expr: &str) -> bool {
    expr.split("||").all(|alternative| {
        let alternative = alternative.trim();
        let (head, rest) = match alternative.find('[') {
            Some(i) => (&alternative[..i], &alternative[i..]),
            None => (alternative, ""),
        };
        match at_path(model, output, head) {
            Some(shape) => rest.is_empty() || shape.kind == ShapeType::List,
            None => false,
        }
    })
}

#[test]
fn every_paginator_of_every_service_parses_and_names_real_members() {
    let mut services = 0;
    let mut paginators = 0;
    let mut expressions = Vec::new();
    let mut string_limits = Vec::new();
    let mut shadowing = Vec::new();
    let mut problems = Vec::new();
    for name in model::service_names() {
        let service = model::service(name).unwrap().unwrap();
        let Some(text) = service.paginators else {
            continue;
        };
        services += 1;
        let all: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text).unwrap();
        for op_name in all.keys() {
            paginators += 1;
            let at = format!("{name} {op_name}");
            let Some(op) = service.operation(op_name).unwrap() else {
                problems.push(format!("{at}: no such operation"));
                continue;
            };
            let config = super::PaginatorConfig::for_operation(service, op_name)
                .unwrap_or_else(|e| panic!("{at}: {e}"))
                .expect("listed");
            // Parsing one entry alone gives the same configuration.
            let alone =
                super::PaginatorConfig::from_entry(op_name, &all[op_name].to_string()).unwrap();
            assert_eq!(alone.input_token, config.input_token, "{at}");
            assert_eq!(alone.result_key, config.result_key, "{at}");

            let input = op.input.as_ref().map(|r| service.shape(&r.shape).unwrap());
            let output = op.output.as_ref().map(|r| service.shape(&r.shape).unwrap());
            let (Some(input), Some(output)) = (input, output) else {
                problems.push(format!("{at}: no input or output shape"));
                continue;
            };
            for token in &config.input_token {
                if !input.members.contains_key(token) {
                    problems.push(format!("{at}: input token {token} is not an input member"));
                }
            }
            if config.output_token.len() != config.input_token.len() {
                problems.push(format!("{at}: input and output tokens differ in number"));
            }
            if let Some(limit) = &config.limit_key {
                match input.members.get(limit) {
                    None => {
                        problems.push(format!("{at}: limit key {limit} is not an input member"))
                    }
                    Some(r) => match service.shape(&r.shape).unwrap().kind {
                        ShapeType::Integer | ShapeType::Long => {}
                        // The CLI takes --page-size and --max-items as text then.
                        ShapeType::String => string_limits.push(at.clone()),
                        other => problems.push(format!("{at}: limit key of type {other:?}")),
                    },
                }
            }
            let output_keys = config
                .output_token
                .iter()
                .chain(&config.result_key)
                .chain(&config.non_aggregate_keys)
                .chain(config.more_results.iter());
            for key in output_keys {
                let text = key.text();
                if key.is_settable() {
                    if at_path(service, output, text).is_none() {
                        problems.push(format!("{at}: {text} is not an output member"));
                    }
                } else {
                    expressions.push(format!("{at}: {text}"));
                    if !expression_resolves(service, output, text) {
                        problems.push(format!("{at}: expression {text} names no output member"));
                    }
                }
            }
            // Result keys are set back into the merged result: botocore needs plain paths.
            for key in config.result_key.iter().chain(&config.non_aggregate_keys) {
                if !key.is_settable() {
                    problems.push(format!("{at}: {} cannot be set", key.text()));
                }
            }
            for member in input.members.keys() {
                let cli = xform_name(member);
                if super::options::PAGING_ARGUMENTS.contains(&cli.as_str()) {
                    shadowing.push(format!("{at}: {member}"));
                }
            }
        }
    }
    eprintln!(
        "{services} services with paginators, {paginators} paginators; expressions: {expressions:?}; \
         string limit keys: {}; members shadowed by paging arguments: {}",
        string_limits.len(),
        shadowing.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(services, 426, "services with paginators");
    assert!(paginators > 3_000, "{paginators}");
    // The three expression tokens of botocore 1.43's models.
    assert_eq!(expressions.len(), 3, "{expressions:?}");
    assert!(
        expressions
            .iter()
            .any(|e| e.ends_with("NextMarker || Contents[-1].Key"))
    );
}

#[test]
fn a_service_without_the_operation_has_no_paginator() {
    let s3 = model::service("s3").unwrap().unwrap();
    assert!(
        super::PaginatorConfig::for_operation(s3, "PutObject")
            .unwrap()
            .is_none()
    );
    let c = super::PaginatorConfig::for_operation(s3, "ListObjects")
        .unwrap()
        .unwrap();
    assert_eq!(c.input_token, ["Marker"]);
    assert_eq!(c.output_token[0].text(), "NextMarker || Contents[-1].Key");
    assert_eq!(
        c.more_results.as_ref().map(|e| e.text()),
        Some("IsTruncated")
    );
    assert_eq!(c.limit_key.as_deref(), Some("MaxKeys"));
    assert!(!c.limit_key_is_string);
    // The checks above can fail.
    let output = s3
        .shape(
            &s3.operation("ListObjects")
                .unwrap()
                .unwrap()
                .output
                .as_ref()
                .unwrap()
                .shape,
        )
        .unwrap();
    assert!(at_path(s3, output, "Contents").is_some());
    assert!(at_path(s3, output, "Nope").is_none());
    assert!(at_path(s3, output, "Contents.Key").is_none());
    assert!(expression_resolves(
        s3,
        output,
        "NextMarker || Contents[-1].Key"
    ));
    assert!(!expression_resolves(
        s3,
        output,
        "NextMarker || Nope[-1].Key"
    ));
    assert!(!expression_resolves(s3, output, "Name[0]"));
    let route53 = model::service("route53").unwrap().unwrap();
    let c = super::PaginatorConfig::for_operation(route53, "ListResourceRecordSets")
        .unwrap()
        .unwrap();
    assert_eq!(
        c.input_token,
        [
            "StartRecordName",
            "StartRecordType",
            "StartRecordIdentifier"
        ]
    );
    assert!(c.limit_key_is_string);
}
