//! botocore's protocol compliance suites (tests/data/botocore-protocols, see its NOTICE),
//! run against the model-driven codecs for the query, ec2, json, rest-json and rest-xml
//! protocols, input (params to an HTTP request) and output (an HTTP response to a result or
//! an error). Each case brings its own model. The cases not run are those of botocore's own
//! ignore list (`protocol-tests-ignore-list.json`) and of [`SKIPPED`], each printed with its
//! reason and counted.
//!
//! What the harness does in the caller's place, as the driver does: blobs in `params` are
//! raw text in the suites and base64 for the codecs; idempotency tokens are filled with
//! botocore's test UUID; a streaming payload is put in the body after serialize (input) or
//! read from the body (output); an endpoint's own path goes before the request's path; the
//! transport adds `Content-Length`.
//! Outputs are compared with timestamps read back to epoch seconds and blobs decoded.

use std::fmt::Write as _;
use std::path::Path;

use awsctl::model::{Location, Metadata, Operation, ServiceModel, Shape, ShapeRef, ShapeType};
use awsctl::protocol::codec::{Codec, HttpRequest, HttpResponse, codec_for};
use awsctl::protocol::xml;
use awsctl::settings::TimestampFormat;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value};

/// Cases we do not run beyond botocore's own ignore list: (file, case, reason).
const SKIPPED: &[(&str, &str, &str)] = &[
    (
        "legacy/input/rest-json.json",
        "Content-Type and JSON body #7",
        "forbids Content-Length on a body, which the transport sends with every body (the newer suites require it)",
    ),
    (
        "legacy/input/rest-json.json",
        "List in header #1",
        LIST_HEADERS,
    ),
    (
        "legacy/input/rest-xml.json",
        "List in header #1",
        LIST_HEADERS,
    ),
    (
        "legacy/output/json.json",
        "RPC JSON Event Stream #1",
        EVENT_STREAMS,
    ),
    (
        "legacy/output/rest-xml.json",
        "REST XML Event Stream #1",
        EVENT_STREAMS,
    ),
    (
        "legacy/output/rest-xml.json",
        "REST XML Event Stream #2",
        EVENT_STREAMS,
    ),
    (
        "legacy/output/rest-xml.json",
        "REST XML Event Stream #3",
        EVENT_STREAMS,
    ),
];

const LIST_HEADERS: &str = "joins list headers with \",\" where the newer suites (RestJsonInputAndOutputWithHeaders) join them with \", \"";
const EVENT_STREAMS: &str = "event streams are not supported yet (docs/development.md)";

const TOKEN: &str = "00000000-0000-4000-8000-000000000000";

fn data() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/botocore-protocols"
    ))
}

struct IgnoreList {
    suites: Vec<String>,
    /// (protocol key, direction, case id)
    cases: Vec<(String, String, String)>,
}

fn ignore_list() -> IgnoreList {
    let text = std::fs::read_to_string(data().join("protocol-tests-ignore-list.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let suites = v["general"]["input"]["suites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    let mut cases = Vec::new();
    for (protocol, dirs) in v["protocols"].as_object().unwrap() {
        for (dir, body) in dirs.as_object().unwrap() {
            for id in body["cases"].as_array().into_iter().flatten() {
                cases.push((
                    protocol.clone(),
                    dir.clone(),
                    id.as_str().unwrap().to_string(),
                ));
            }
        }
    }
    IgnoreList { suites, cases }
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: Vec<String>,
    skipped: Vec<String>,
}

fn model_of(suite: &Value, given: &Value) -> (ServiceModel, Operation) {
    let metadata: Metadata = serde_json::from_value(suite["metadata"].clone()).unwrap();
    let name = given["name"].as_str().unwrap().to_string();
    let mut ops = Map::new();
    ops.insert(name.clone(), given.clone());
    let shapes = suite["shapes"].as_object().cloned().unwrap_or_default();
    let model = ServiceModel::from_parts("suite", metadata, &ops, &shapes);
    let op = model.operation(&name).unwrap().unwrap().clone();
    (model, op)
}

fn codec(model: &ServiceModel) -> &'static dyn Codec {
    codec_for(model.metadata.effective_protocol().unwrap()).unwrap()
}

/// The suites' params as the driver hands them over: blobs as base64, idempotency
/// tokens filled in.
fn driver_params(model: &ServiceModel, r: &ShapeRef, v: &Value, top: bool) -> Value {
    let shape = model.shape(&r.shape).unwrap();
    if shape.document {
        return v.clone();
    }
    match (shape.kind, v) {
        (ShapeType::Structure, Value::Object(map)) => {
            let mut out = Map::new();
            for (k, item) in map {
                let member = &shape.members[k];
                out.insert(k.clone(), driver_params(model, member, item, false));
            }
            if top {
                for (k, member) in &shape.members {
                    if member.idempotency_token && !out.contains_key(k) {
                        out.insert(k.clone(), Value::String(TOKEN.into()));
                    }
                }
            }
            Value::Object(out)
        }
        (ShapeType::List, Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|i| driver_params(model, shape.member.as_ref().unwrap(), i, false))
                .collect(),
        ),
        (ShapeType::Map, Value::Object(map)) => Value::Object(
            map.iter()
                .map(|(k, i)| {
                    (
                        k.clone(),
                        driver_params(model, shape.value.as_ref().unwrap(), i, false),
                    )
                })
                .collect(),
        ),
        (ShapeType::Blob, Value::String(s)) => Value::String(STANDARD.encode(s)),
        _ => v.clone(),
    }
}

fn streaming_payload<'a>(model: &ServiceModel, shape: &'a Shape) -> Option<&'a str> {
    let payload = shape.payload.as_deref()?;
    let r = &shape.members[payload];
    let member = model.shape(&r.shape).unwrap();
    ((r.streaming || member.streaming) && member.kind == ShapeType::Blob).then_some(payload)
}

fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = std::str::from_utf8(body)
        .unwrap()
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let d = |s: &str| percent_decode(&s.replace('+', " "));
            (d(k), d(v))
        })
        .collect();
    pairs.sort();
    pairs
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// An XML tree with whitespace-only text dropped, for comparing documents.
fn xml_tree(body: &[u8]) -> Result<Value, String> {
    fn walk(e: &xml::Element) -> Value {
        let mut attrs: Vec<(String, String)> = e.attributes.clone();
        attrs.sort();
        serde_json::json!({
            "name": e.name,
            "attrs": attrs,
            "text": if e.children.is_empty() { e.text.clone() } else { e.text.trim().to_string() },
            "children": e.children.iter().map(walk).collect::<Vec<_>>(),
        })
    }
    xml::parse(body).map(|root| walk(&root))
}

fn compare_body(protocol: &str, actual: &[u8], expected: &str) -> Result<(), String> {
    let shown = || {
        format!(
            "body\n  actual:   {}\n  expected: {expected}",
            String::from_utf8_lossy(actual)
        )
    };
    match protocol {
        "query" | "ec2" => {
            if form_pairs(actual) != form_pairs(expected.as_bytes()) {
                return Err(shown());
            }
        }
        _ if expected.trim_start().starts_with('{') || expected.trim_start().starts_with('[') => {
            let a: Value = serde_json::from_slice(actual).map_err(|_| shown())?;
            let e: Value = serde_json::from_str(expected).unwrap();
            if a != e {
                return Err(shown());
            }
        }
        _ if expected.trim_start().starts_with('<') => {
            let a = xml_tree(actual).map_err(|_| shown())?;
            let e = xml_tree(expected.as_bytes()).unwrap();
            if a != e {
                return Err(shown());
            }
        }
        _ => {
            if actual != expected.as_bytes() {
                return Err(shown());
            }
        }
    }
    Ok(())
}

fn check_input(suite: &Value, case: &Value, protocol: &str) -> Result<(), String> {
    let (model, op) = model_of(suite, &case["given"]);
    let mut params = case["params"].clone();
    if let Some(input) = &op.input {
        params = driver_params(&model, input, &params, true);
    }
    let params = params.as_object().cloned().unwrap_or_default();
    let mut req: HttpRequest = codec(&model)
        .serialize(&model, &op, &params)
        .map_err(|e| format!("serialize failed: {e}"))?;
    // The caller's part: a streaming payload's bytes, the endpoint's path and host.
    if let Some(input) = &op.input {
        let shape = model.shape(&input.shape).unwrap();
        if let Some(p) = streaming_payload(&model, shape)
            && let Some(v) = case["params"].get(p).and_then(Value::as_str)
        {
            req.body = v.as_bytes().to_vec();
        }
    }
    // The transport's part: the body's length.
    if !req.body.is_empty() {
        req.headers
            .push(("Content-Length".into(), req.body.len().to_string()));
    }
    let endpoint = suite["clientEndpoint"]
        .as_str()
        .unwrap_or("https://example.com");
    let rest = endpoint.split_once("://").unwrap().1;
    let (host, endpoint_path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
        None => (rest, ""),
    };
    let expected = &case["serialized"];
    let mut errors = String::new();
    if let Some(method) = expected["method"].as_str()
        && method != req.method
    {
        writeln!(errors, "method {} != {method}", req.method).unwrap();
    }
    let uri = format!("{endpoint_path}{}", req.uri());
    if let Some(e) = expected["uri"].as_str()
        && uri != e
    {
        writeln!(errors, "uri\n  actual:   {uri}\n  expected: {e}").unwrap();
    }
    for (name, value) in expected["headers"].as_object().into_iter().flatten() {
        let value = value.as_str().unwrap();
        match req.header(name) {
            Some(a) if a == value => {}
            // Form bodies go with botocore's charset parameter, which the newer suites
            // leave out (the legacy ones have it).
            Some(a)
                if name.eq_ignore_ascii_case("content-type")
                    && matches!(protocol, "query" | "ec2")
                    && !value.contains(';')
                    && a.split(';').next() == Some(value) => {}
            a => writeln!(errors, "header {name}: {a:?} != {value:?}").unwrap(),
        }
    }
    for name in expected["forbidHeaders"].as_array().into_iter().flatten() {
        let name = name.as_str().unwrap();
        if req.header(name).is_some() {
            writeln!(errors, "forbidden header {name} sent").unwrap();
        }
    }
    for name in expected["requireHeaders"].as_array().into_iter().flatten() {
        let name = name.as_str().unwrap();
        if req.header(name).is_none() {
            writeln!(errors, "required header {name} missing").unwrap();
        }
    }
    // A case without a body says nothing about it.
    if let Some(body) = expected["body"].as_str()
        && let Err(e) = compare_body(protocol, &req.body, body)
    {
        writeln!(errors, "{e}").unwrap();
    }
    if let Some(e) = expected["host"].as_str() {
        let actual = format!(
            "{}{host}{endpoint_path}",
            req.host_prefix.as_deref().unwrap_or("")
        );
        if actual != e {
            writeln!(errors, "host {actual} != {e}").unwrap();
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// An output as the suites write results: timestamps as epoch seconds, blobs as text.
fn comparable(model: &ServiceModel, r: &ShapeRef, v: &Value) -> Value {
    let shape = model.shape(&r.shape).unwrap();
    if shape.document {
        return v.clone();
    }
    match (shape.kind, v) {
        (ShapeType::Structure, Value::Object(map)) => Value::Object(
            map.iter()
                .map(|(k, i)| match shape.members.get(k) {
                    Some(member) => (k.clone(), comparable(model, member, i)),
                    None => (k.clone(), i.clone()),
                })
                .collect(),
        ),
        (ShapeType::List, Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|i| comparable(model, shape.member.as_ref().unwrap(), i))
                .collect(),
        ),
        (ShapeType::Map, Value::Object(map)) => Value::Object(
            map.iter()
                .map(|(k, i)| {
                    (
                        k.clone(),
                        comparable(model, shape.value.as_ref().unwrap(), i),
                    )
                })
                .collect(),
        ),
        (ShapeType::Timestamp, Value::String(s)) => {
            match time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
                Ok(t) => {
                    let secs = t.unix_timestamp_nanos() as f64 / 1e9;
                    serde_json::Number::from_f64(secs).map_or(v.clone(), Value::Number)
                }
                Err(_) => v.clone(),
            }
        }
        (ShapeType::Blob, Value::String(s)) => match STANDARD.decode(s) {
            Ok(bytes) => Value::String(String::from_utf8_lossy(&bytes).into_owned()),
            Err(_) => v.clone(),
        },
        _ => v.clone(),
    }
}

/// JSON equality with numbers compared as numbers (1 == 1.0).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || (x - y).abs() < 1e-6 * y.abs().max(1.0)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn check_output(suite: &Value, case: &Value) -> Result<(), String> {
    let (model, op) = model_of(suite, &case["given"]);
    let response = &case["response"];
    let headers: Vec<(String, String)> = response["headers"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    let body = response["body"].as_str().unwrap_or("").as_bytes();
    let resp = HttpResponse {
        status: response["status_code"].as_u64().unwrap() as u16,
        headers: &headers,
        body,
    };
    let codec = codec(&model);
    if case.get("errorCode").is_some() || case.get("error").is_some() {
        if !codec.is_error(&op, &resp) {
            return Err("not recognised as an error".into());
        }
        let e = codec.parse_error(&model, &op, &resp);
        let mut errors = String::new();
        if let Some(code) = case["errorCode"].as_str()
            && e.code != code
        {
            writeln!(errors, "code {} != {code}", e.code).unwrap();
        }
        if let Some(message) = case["errorMessage"].as_str()
            && e.message.as_deref() != Some(message)
        {
            writeln!(errors, "message {:?} != {message:?}", e.message).unwrap();
        }
        if let Some(expected) = case.get("error") {
            let code = case["errorCode"].as_str();
            let error_ref = op
                .errors
                .iter()
                .find(|r| {
                    let s = model.shape(&r.shape).unwrap();
                    Some(r.shape.as_str()) == code
                        || s.error.as_ref().and_then(|e| e.code.as_deref()) == code
                })
                .cloned();
            let actual = match &error_ref {
                Some(r) => comparable(&model, r, &Value::Object((*e.fields).clone())),
                None => Value::Object((*e.fields).clone()),
            };
            if !same(&actual, expected) {
                writeln!(
                    errors,
                    "fields\n  actual:   {actual}\n  expected: {expected}"
                )
                .unwrap();
            }
        }
        return if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        };
    }
    let mut actual = codec
        .parse(&model, &op, &resp, TimestampFormat::Iso8601)
        .map_err(|e| format!("parse failed: {e}"))?;
    let expected = &case["result"];
    if let Some(output) = &op.output {
        let shape = model.shape(&output.shape).unwrap();
        // The caller's part: a streaming payload is the body itself.
        if let Some(p) = streaming_payload(&model, shape)
            && let Value::Object(map) = &mut actual
        {
            map.insert(p.to_string(), Value::String(STANDARD.encode(body)));
        }
        actual = comparable(&model, output, &actual);
    }
    if !same(&actual, expected) {
        return Err(format!(
            "result\n  actual:   {actual}\n  expected: {expected}"
        ));
    }
    // The model's member order is kept; REST protocols put the members read from the
    // status line and headers first, as botocore's REST parsers do.
    if let (Some(output), Value::Object(map)) = (&op.output, &actual) {
        let shape = model.shape(&output.shape).unwrap();
        let rest = matches!(model.metadata.protocol.as_str(), "rest-json" | "rest-xml");
        let in_head = |r: &ShapeRef| {
            let location = r.location.or(model.shape(&r.shape).unwrap().location);
            rest && matches!(
                location,
                Some(Location::Header | Location::Headers | Location::StatusCode)
            )
        };
        let order: Vec<&String> = [true, false]
            .into_iter()
            .flat_map(|head| {
                shape
                    .members
                    .iter()
                    .filter(move |(_, r)| in_head(r) == head)
                    .map(|(k, _)| k)
            })
            .filter(|k| map.contains_key(*k))
            .collect();
        let keys: Vec<&String> = map.keys().collect();
        if order != keys {
            return Err(format!("member order {keys:?} != {order:?}"));
        }
    }
    Ok(())
}

fn run_file(relative: &str, direction: &str, ignore: &IgnoreList, tally: &mut Tally) {
    let text = std::fs::read_to_string(data().join(relative)).unwrap();
    let suites: Vec<Value> = serde_json::from_str(&text).unwrap();
    let key = Path::new(relative)
        .file_stem()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    for suite in &suites {
        let description = suite["description"].as_str().unwrap_or_default();
        let protocol = suite["metadata"]["protocol"].as_str().unwrap().to_string();
        for (n, case) in suite["cases"].as_array().unwrap().iter().enumerate() {
            let id = case["id"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| format!("{description} #{}", n + 1));
            let name = format!("{relative}: {id}");
            if direction == "input" && ignore.suites.iter().any(|s| s == description) {
                tally.skipped.push(format!(
                    "{name} (botocore's ignore list: suite {description:?})"
                ));
                continue;
            }
            if ignore
                .cases
                .iter()
                .any(|(p, d, c)| *p == key && d == direction && *c == id)
            {
                tally
                    .skipped
                    .push(format!("{name} (botocore's ignore list)"));
                continue;
            }
            if let Some((_, _, reason)) =
                SKIPPED.iter().find(|(f, c, _)| *f == relative && *c == id)
            {
                tally.skipped.push(format!("{name} ({reason})"));
                continue;
            }
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                if direction == "input" {
                    check_input(suite, case, &protocol)
                } else {
                    check_output(suite, case)
                }
            }))
            .unwrap_or_else(|_| Err("panicked".into()));
            match result {
                Ok(()) => tally.passed += 1,
                Err(e) => tally.failed.push(format!("{name}\n{e}")),
            }
        }
    }
}

const FILES: [&str; 7] = [
    "query",
    "ec2",
    "json",
    "json_1_0",
    "json_1_0-query-compatible",
    "rest-json",
    "rest-xml",
];
const LEGACY: [&str; 5] = ["query", "ec2", "json", "rest-json", "rest-xml"];

fn run(direction: &str) {
    let ignore = ignore_list();
    let mut report = String::new();
    let mut total = Tally::default();
    let files = FILES.iter().map(|f| format!("{direction}/{f}.json")).chain(
        LEGACY
            .iter()
            .map(|f| format!("legacy/{direction}/{f}.json")),
    );
    for file in files {
        let mut tally = Tally::default();
        run_file(&file, direction, &ignore, &mut tally);
        writeln!(
            report,
            "{file}: {} passed, {} failed, {} skipped",
            tally.passed,
            tally.failed.len(),
            tally.skipped.len()
        )
        .unwrap();
        total.passed += tally.passed;
        total.failed.extend(tally.failed);
        total.skipped.extend(tally.skipped);
    }
    writeln!(
        report,
        "{direction} total: {} passed, {} failed, {} skipped",
        total.passed,
        total.failed.len(),
        total.skipped.len()
    )
    .unwrap();
    for s in &total.skipped {
        writeln!(report, "skipped: {s}").unwrap();
    }
    for f in &total.failed {
        writeln!(report, "FAILED: {f}").unwrap();
    }
    println!("{report}");
    assert!(
        total.failed.is_empty(),
        "{} cases failed",
        total.failed.len()
    );
    assert!(total.passed > 0);
}

#[test]
fn input_suites() {
    run("input");
}

#[test]
fn output_suites() {
    run("output");
}
