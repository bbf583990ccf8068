//! botocore's endpoint test vectors (tests/data/endpoint-rules.tar.gz, see tests/data/NOTICE):
//! every case of every service's `endpoint-tests-1.json` must give the expected URL, headers
//! and properties, or the expected error text, when evaluated with the rule set awsctl
//! ships (models/). The rule sets and partitions in the archive must be the ones awsctl
//! ships, so the vectors test what runs.

use std::collections::BTreeMap;
use std::io::Read;

use awsctl::endpoints::{self, EndpointError, Params};
use awsctl::model;
use serde_json::{Map, Value};

/// Cases that need something not built yet, by service and documentation, with the reason.
const NOT_YET: &[(&str, &str, &str)] = &[];

struct Archive {
    tests: BTreeMap<String, Value>,
    rule_sets: BTreeMap<String, Value>,
    partitions: Value,
}

fn archive() -> Archive {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/endpoint-rules.tar.gz"
    );
    let file = std::fs::File::open(path).expect("the vectors are in tests/data");
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut archive = Archive {
        tests: BTreeMap::new(),
        rule_sets: BTreeMap::new(),
        partitions: Value::Null,
    };
    for entry in tar.entries().unwrap() {
        let mut entry = entry.unwrap();
        let path = entry.path().unwrap().to_string_lossy().into_owned();
        let path = path.trim_start_matches("./").to_string();
        if !path.ends_with(".json") {
            continue;
        }
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            ["tests", service, "endpoint-tests-1.json"] => {
                archive.tests.insert(service.to_string(), value);
            }
            ["rulesets", service, "endpoint-rule-set-1.json"] => {
                archive.rule_sets.insert(service.to_string(), value);
            }
            ["partitions.json"] => archive.partitions = value,
            _ => panic!("unexpected file {path} in the vectors"),
        }
    }
    archive
}

#[test]
fn every_shipped_rule_set_reads_whole() {
    let mut rules = 0;
    for name in model::service_names() {
        let model = model::service(name).unwrap().unwrap();
        rules += endpoints::rule_set(model)
            .and_then(|r| Ok(r.parse_all()?))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    eprintln!("{rules} rules read");
    assert!(rules > 9_000, "{rules}");
}

#[test]
fn the_vectors_rule_sets_and_partitions_are_the_ones_awsctl_ships() {
    let archive = archive();
    assert_eq!(archive.rule_sets.len(), 429);
    let mut differ = Vec::new();
    for (service, expected) in &archive.rule_sets {
        let model = model::service(service)
            .unwrap_or_else(|| panic!("{service} is not embedded"))
            .unwrap();
        let shipped: Value = serde_json::from_str(model.endpoint_rule_set.unwrap()).unwrap();
        if shipped != *expected {
            differ.push(service.clone());
        }
    }
    assert!(differ.is_empty(), "rule sets differ: {differ:?}");
    let shipped: Value = serde_json::from_str(include_str!("../models/partitions.json")).unwrap();
    assert_eq!(shipped, archive.partitions);
}

/// What the test expects of one case, checked against the result; `Err` says how it differs.
fn check(case: &Value, result: Result<endpoints::Endpoint, EndpointError>) -> Result<(), String> {
    let expect = &case["expect"];
    match (expect.get("endpoint"), expect.get("error"), result) {
        (Some(want), _, Ok(got)) => {
            let headers: Map<String, Value> = got
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), Value::from(v.clone())))
                .collect();
            let empty = Value::Object(Map::new());
            let want_headers = want.get("headers").unwrap_or(&empty);
            let want_properties = want.get("properties").unwrap_or(&empty);
            if want["url"] != got.url.as_str()
                || *want_headers != Value::Object(headers.clone())
                || *want_properties != Value::Object(got.properties.clone())
            {
                return Err(format!(
                    "want {want}\n got url {} headers {headers:?} properties {:?}",
                    got.url, got.properties
                ));
            }
            Ok(())
        }
        (_, Some(want), Err(EndpointError::Rule(got))) if want == got.as_str() => Ok(()),
        (_, Some(want), Err(got)) => Err(format!("want error {want}\n got error {got:?}")),
        (_, _, got) => Err(format!("want {expect}\n got {got:?}")),
    }
}

#[test]
fn every_endpoint_test_vector_passes() {
    let archive = archive();
    assert_eq!(archive.tests.len(), 429);
    let (mut passed, mut skipped, mut failures) = (0, 0, Vec::new());
    for (service, tests) in &archive.tests {
        let model = model::service(service).unwrap().unwrap();
        let rules = endpoints::rule_set(model).unwrap();
        for case in tests["testCases"].as_array().unwrap() {
            let doc = case["documentation"].as_str().unwrap_or_default();
            if NOT_YET.iter().any(|(s, d, _)| s == service && *d == doc) {
                skipped += 1;
                continue;
            }
            let params = case["params"].as_object().cloned().unwrap_or_default();
            let params = Params::from_json(&params);
            match check(case, rules.evaluate(&params)) {
                Ok(()) => passed += 1,
                Err(e) => failures.push(format!("{service}: {doc}\n {e}")),
            }
        }
    }
    eprintln!(
        "endpoint vectors: {passed} passed, {} failed, {skipped} skipped as not built yet ({} listed)",
        failures.len(),
        NOT_YET.len()
    );
    for (service, doc, reason) in NOT_YET {
        eprintln!("  skipped {service}: {doc}: {reason}");
    }
    assert!(
        failures.is_empty(),
        "{} cases fail:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(passed > 14_000, "{passed}");
}
