//! botocore's endpoint test vectors (tests/data/endpoint-rules.tar.gz, see tests/data/NOTICE):
//! every case of every service's `endpoint-tests-1.json` must give the expected URL, headers
//! and properties, or the expected error text, when evaluated with the rule set awsctl
//! ships (models/). The rule sets and partitions in the archive must be the ones awsctl
//! ships, so the vectors test what runs.

use std::collections::BTreeMap;
use std::io::Read;

use awsctl::endpoints::{
    self, AddressingStyle, EndpointError, EndpointSettings, Params, StsEndpoints, Val,
};
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
    let shipped: Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/partitions.json"
    )))
    .unwrap();
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

/// The settings a case's `builtInParams` and `clientParams` stand for.
fn settings_of(inputs: &Value) -> EndpointSettings {
    let mut s = EndpointSettings::default();
    let empty = Map::new();
    for (name, value) in inputs["builtInParams"].as_object().unwrap_or(&empty) {
        let text = value.as_str().map(str::to_string);
        let flag = value.as_bool().unwrap_or(false);
        match name.as_str() {
            "AWS::Region" => s.region = text,
            "AWS::UseFIPS" => s.use_fips = flag,
            "AWS::UseDualStack" => s.use_dualstack = flag,
            "SDK::Endpoint" => s.endpoint_url = text,
            "AWS::Auth::AccountId" => s.account_id = text,
            "AWS::Auth::AccountIdEndpointMode" => s.account_id_endpoint_mode = text,
            "AWS::S3::ForcePathStyle" if flag => s.s3.addressing_style = AddressingStyle::Path,
            "AWS::S3::ForcePathStyle" => {}
            "AWS::S3::Accelerate" => s.s3.use_accelerate = flag,
            "AWS::S3::UseArnRegion" | "AWS::S3Control::UseArnRegion" => {
                s.s3.use_arn_region = value.as_bool()
            }
            "AWS::S3::UseGlobalEndpoint" => s.s3.us_east_1_regional = !flag,
            "AWS::S3::DisableMultiRegionAccessPoints" => {
                s.s3.disable_multiregion_access_points = flag
            }
            "AWS::STS::UseGlobalEndpoint" if flag => {
                s.sts_regional_endpoints = StsEndpoints::Legacy
            }
            "AWS::STS::UseGlobalEndpoint" => {}
            other => panic!("built-in {other} has no setting"),
        }
    }
    // With a custom endpoint the CLI goes path style unless `virtual` is set: what a case
    // without ForcePathStyle means there.
    if s.endpoint_url.is_some() && s.s3.addressing_style == AddressingStyle::Auto {
        s.s3.addressing_style = AddressingStyle::Virtual;
    }
    for (name, value) in inputs["clientParams"].as_object().unwrap_or(&empty) {
        s.client_context
            .push((name.clone(), Val::from_json(value).unwrap()));
    }
    s
}

/// Built-in combinations no setting produces, because the CLI derives the built-ins from its
/// settings: with a custom endpoint it turns FIPS and dual-stack off (and STS's global
/// endpoint); it asks for STS's global endpoint only in the regions that had one, S3's only in
/// us-east-1; accelerate is never path style; S3 Control without `use_arn_region` is told
/// `false`, so an ARN of another region is refused. Such cases test the rules, which the
/// `params` test above covers; here they are skipped, named and counted.
fn not_from_settings(service: &str, inputs: &Value) -> Option<&'static str> {
    let b = &inputs["builtInParams"];
    let on = |k: &str| b[k].as_bool() == Some(true);
    let custom = b.get("SDK::Endpoint").is_some();
    let region = b["AWS::Region"].as_str().unwrap_or_default();
    if custom && (on("AWS::UseFIPS") || on("AWS::UseDualStack")) {
        return Some("FIPS or dual-stack with a custom endpoint");
    }
    if on("AWS::STS::UseGlobalEndpoint") && (custom || !LEGACY_STS.contains(&region)) {
        return Some("STS's global endpoint outside its old regions or with a custom endpoint");
    }
    if on("AWS::S3::UseGlobalEndpoint") && region != "us-east-1" {
        return Some("S3's global endpoint outside us-east-1");
    }
    if on("AWS::S3::Accelerate") && on("AWS::S3::ForcePathStyle") {
        return Some("accelerate with path style");
    }
    let arn_elsewhere = inputs["operationParams"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(_, v)| v.as_str())
        .any(|v| v.starts_with("arn:") && v.split(':').nth(3) != Some(region));
    if service == "s3control" && b.get("AWS::S3Control::UseArnRegion").is_none() && arn_elsewhere {
        return Some("S3 Control with another region's ARN and use_arn_region unset");
    }
    None
}

const LEGACY_STS: &[&str] = &[
    "ap-northeast-1",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "aws-global",
    "ca-central-1",
    "eu-central-1",
    "eu-north-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];

#[test]
fn operation_inputs_give_the_same_endpoints_through_the_model() {
    let archive = archive();
    let (mut passed, mut failures, mut skipped) = (0, Vec::new(), Vec::new());
    for (service, tests) in &archive.tests {
        let model = model::service(service).unwrap().unwrap();
        let rules = endpoints::rule_set(model).unwrap();
        for case in tests["testCases"].as_array().unwrap() {
            let doc = case["documentation"].as_str().unwrap_or_default();
            for inputs in case["operationInputs"].as_array().into_iter().flatten() {
                let name = inputs["operationName"].as_str().unwrap();
                if let Some(reason) = not_from_settings(service, inputs) {
                    skipped.push(format!("{service} {name}: {doc}: {reason}"));
                    continue;
                }
                let op = model
                    .operation(name)
                    .unwrap()
                    .expect("the operation exists");
                let input = inputs["operationParams"]
                    .as_object()
                    .cloned()
                    .unwrap_or_default();
                let settings = settings_of(inputs);
                let result = endpoints::endpoint_params(model, op, &input, &settings)
                    .and_then(|params| rules.evaluate(&params));
                match check(case, result) {
                    Ok(()) => passed += 1,
                    Err(e) => failures.push(format!("{service} {name}: {doc}\n {e}")),
                }
            }
        }
    }
    eprintln!(
        "endpoint vectors through operations: {passed} passed, {} failed, {} skipped (built-ins no setting gives):",
        failures.len(),
        skipped.len()
    );
    for s in &skipped {
        eprintln!("  skipped {s}");
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
    assert!(passed > 500, "{passed}");
}

/// The cases the issue names, through the shipped models: STS without a region goes to the
/// global endpoint, `legacy` keeps the old global regions global, FIPS and dual-stack, S3
/// virtual-hosted and path-style, an access point ARN.
#[test]
fn settings_choose_the_endpoints_the_cli_uses() {
    let url = |service: &str, op: &str, input: Value, settings: &EndpointSettings| {
        let model = model::service(service).unwrap().unwrap();
        let op = model.operation(op).unwrap().unwrap();
        endpoints::resolve(model, op, input.as_object().unwrap(), settings).map(|r| r.url)
    };
    let region = |r: &str| EndpointSettings {
        region: Some(r.into()),
        ..Default::default()
    };
    let none = serde_json::json!({});
    let sts = |s: &EndpointSettings| url("sts", "GetCallerIdentity", none.clone(), s);
    assert_eq!(
        sts(&EndpointSettings::default()).unwrap(),
        "https://sts.amazonaws.com"
    );
    assert_eq!(
        sts(&region("eu-west-1")).unwrap(),
        "https://sts.eu-west-1.amazonaws.com"
    );
    let legacy = |r: &str| EndpointSettings {
        sts_regional_endpoints: StsEndpoints::Legacy,
        ..region(r)
    };
    assert_eq!(
        sts(&legacy("eu-west-1")).unwrap(),
        "https://sts.amazonaws.com"
    );
    assert_eq!(
        sts(&legacy("af-south-1")).unwrap(),
        "https://sts.af-south-1.amazonaws.com"
    );
    let fips = EndpointSettings {
        use_fips: true,
        ..region("us-east-2")
    };
    assert_eq!(
        sts(&fips).unwrap(),
        "https://sts-fips.us-east-2.amazonaws.com"
    );
    let dual = EndpointSettings {
        use_dualstack: true,
        ..region("eu-west-1")
    };
    assert_eq!(
        url("ec2", "DescribeVpcs", none.clone(), &dual).unwrap(),
        "https://ec2.eu-west-1.api.aws"
    );
    let custom = EndpointSettings {
        endpoint_url: Some("http://127.0.0.1:5000".into()),
        ..region("eu-west-1")
    };
    assert_eq!(sts(&custom).unwrap(), "http://127.0.0.1:5000");
    assert_eq!(
        url(
            "ec2",
            "DescribeVpcs",
            none.clone(),
            &EndpointSettings::default()
        ),
        Err(EndpointError::NoRegion)
    );

    let object = serde_json::json!({"Bucket": "my-bucket", "Key": "a/b.txt"});
    let get = |s: &EndpointSettings| url("s3", "GetObject", object.clone(), s);
    assert_eq!(
        get(&region("eu-west-1")).unwrap(),
        "https://my-bucket.s3.eu-west-1.amazonaws.com"
    );
    let mut path = region("eu-west-1");
    path.s3.addressing_style = AddressingStyle::Path;
    assert_eq!(
        get(&path).unwrap(),
        "https://s3.eu-west-1.amazonaws.com/my-bucket"
    );
    // Without a region S3 works in us-east-1, regionally unless `legacy` is asked for.
    assert_eq!(
        get(&EndpointSettings::default()).unwrap(),
        "https://my-bucket.s3.us-east-1.amazonaws.com"
    );
    let mut legacy_s3 = EndpointSettings::default();
    legacy_s3.s3.us_east_1_regional = false;
    assert_eq!(
        get(&legacy_s3).unwrap(),
        "https://my-bucket.s3.amazonaws.com"
    );
    // A custom endpoint: path style unless virtual is asked for, FIPS ignored.
    let mut local = EndpointSettings {
        endpoint_url: Some("http://localhost:9000".into()),
        use_fips: true,
        ..region("eu-west-1")
    };
    assert_eq!(get(&local).unwrap(), "http://localhost:9000/my-bucket");
    local.s3.addressing_style = AddressingStyle::Virtual;
    assert_eq!(get(&local).unwrap(), "http://my-bucket.localhost:9000");
    let ap = serde_json::json!({
        "Bucket": "arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap", "Key": "k"});
    let resolved = {
        let model = model::service("s3").unwrap().unwrap();
        let op = model.operation("GetObject").unwrap().unwrap();
        endpoints::resolve(model, op, ap.as_object().unwrap(), &region("us-west-2")).unwrap()
    };
    assert_eq!(
        resolved.url,
        "https://my-ap-123456789012.s3-accesspoint.us-west-2.amazonaws.com"
    );
    assert!(matches!(
        resolved.auth,
        Some(endpoints::AuthScheme::SigV4 { signing_region: Some(ref r), .. }) if r == "us-west-2"
    ));
    // A multi-region access point needs SigV4a: refused clearly, not signed wrongly.
    let mrap = serde_json::json!({"Bucket": "arn:aws:s3::123456789012:accesspoint:mfzwi23gnjvgw.mrap", "Key": "k"});
    assert_eq!(
        url("s3", "GetObject", mrap, &region("us-east-1")),
        Err(EndpointError::UnsupportedAuth {
            scheme: "sigv4a".into()
        })
    );
    // So does a directory bucket (S3 Express sessions).
    let express = serde_json::json!({"Bucket": "mybucket--use1-az4--x-s3", "Key": "k"});
    assert_eq!(
        url("s3", "GetObject", express, &region("us-east-1")),
        Err(EndpointError::UnsupportedAuth {
            scheme: "sigv4-s3express".into()
        })
    );
}
