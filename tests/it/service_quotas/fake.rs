//! `awsctl service-quotas` for the calls moto lacks (ListServiceQuotas,
//! GetAWSDefaultServiceQuota, RequestServiceQuotaIncrease,
//! ListRequestedServiceQuotaChangeHistory) and for paging across several pages, against
//! `common::fake_server` playing Service Quotas on the JSON 1.1 wire format. Outputs without
//! timestamps, and with `cli_timestamp_format = wire`, are compared with the AWS CLI.

use crate::common;

use common::TestContext;
use common::fake_server::{FakeServer as FakeHttp, Reply, Request};
use serde_json::{Value, json};

/// Five EC2 quotas, sent with their members in an order unlike the model's.
fn ec2_quotas() -> Vec<Value> {
    (1..=5)
        .map(|i| {
            json!({
                "Adjustable": i % 2 == 1,
                "QuotaName": format!("Quota number {i}"),
                "QuotaCode": format!("L-0000000{i}"),
                "ServiceCode": "ec2",
                "ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)",
                "Value": 5.0 * i as f64,
                "Unit": "None",
                "GlobalQuota": false,
                "UsageMetric": {
                    "MetricName": "ResourceCount",
                    "MetricNamespace": "AWS/Usage",
                    "MetricDimensions": {"Type": "Resource", "Service": "EC2", "Class": "Standard/OnDemand"},
                    "MetricStatisticRecommendation": "Maximum"
                },
                "QuotaAppliedAtLevel": "ACCOUNT"
            })
        })
        .collect()
}

/// Increase requests: epoch-second timestamps, as the service sends them.
fn history() -> Vec<Value> {
    let request = |id: &str, service: &str, status: &str, created: f64| {
        json!({
            "Status": status,
            "Id": id,
            "ServiceCode": service,
            "QuotaCode": "L-00000001",
            "QuotaName": "Quota number 1",
            "DesiredValue": 10.0,
            "Created": created,
            "LastUpdated": 1795453260,
            "Requester": "{\"accountId\":\"123456789012\",\"callerArn\":\"arn:aws:iam::123456789012:user/alice\"}",
            "QuotaArn": "arn:aws:servicequotas:us-east-1:123456789012:ec2/L-00000001",
            "GlobalQuota": false,
            "Unit": "None",
            "RequestType": "AutomaticManagement",
            "QuotaRequestedAtLevel": "ACCOUNT"
        })
    };
    vec![
        request("r-1", "ec2", "PENDING", 1795453200.5),
        request("r-2", "vpc", "APPROVED", 1795453100.0),
        request("r-3", "ec2", "APPROVED", 1795453000.25),
    ]
}

fn error(code: &str, message: &str) -> Reply {
    Reply::json(400, json!({ "__type": code, "message": message }))
}

/// One page of `items` by the request's NextToken (`p<index>`) and MaxResults (default 2).
fn page(request: &Value, items: &[Value], key: &str) -> Reply {
    let start = request["NextToken"]
        .as_str()
        .map_or(0, |t| t[1..].parse::<usize>().unwrap());
    let size = request["MaxResults"].as_u64().unwrap_or(2) as usize;
    let end = (start + size).min(items.len());
    let mut body = json!({ key: items[start..end] });
    if end < items.len() {
        body["NextToken"] = json!(format!("p{end}"));
    }
    Reply::json(200, body)
}

/// Service Quotas as far as these tests need it. Service codes `broken`, `prefixed`,
/// `throttled`, `stuck` and `garbage` answer the failures the tests are about.
fn service_quotas(request: &Request) -> Reply {
    let input = request.json();
    let target = request.header("x-amz-target").unwrap_or_default();
    let Some(operation) = target.strip_prefix("ServiceQuotasV20190624.") else {
        return error("UnknownOperationException", "");
    };
    match input["ServiceCode"].as_str() {
        Some("broken") => {
            return Reply::Typed {
                status: 400,
                content_type: "text/html",
                body: "<html>not json".into(),
            };
        }
        Some("prefixed") => {
            return Reply::json(
                400,
                json!({"__type": "com.amazonaws.servicequotas.model#IllegalArgumentException:http://internal/", "Message": "Bad quota code"}),
            );
        }
        Some("throttled") => return error("TooManyRequestsException", "Rate exceeded"),
        Some("stuck") => return Reply::json(200, json!({"NextToken": "same", "Quotas": []})),
        Some("garbage") => {
            return Reply::Typed {
                status: 200,
                content_type: "application/x-amz-json-1.1",
                body: "{\"Quotas\": [".into(),
            };
        }
        _ => {}
    }
    let quotas = ec2_quotas();
    let not_found = || {
        error(
            "NoSuchResourceException",
            "The request failed because the specified service does not exist.",
        )
    };
    match operation {
        "ListServiceQuotas" if input["ServiceCode"] == "ec2" => {
            let chosen: Vec<Value> = quotas
                .into_iter()
                .filter(|q| input["QuotaCode"].is_null() || q["QuotaCode"] == input["QuotaCode"])
                .collect();
            page(&input, &chosen, "Quotas")
        }
        "GetAWSDefaultServiceQuota" => {
            match quotas.iter().find(|q| q["QuotaCode"] == input["QuotaCode"]) {
                Some(q) if input["ServiceCode"] == "ec2" => Reply::json(200, json!({ "Quota": q })),
                _ => not_found(),
            }
        }
        "RequestServiceQuotaIncrease" => {
            let mut change = history()[0].clone();
            change["DesiredValue"] = input["DesiredValue"].clone();
            change["QuotaCode"] = input["QuotaCode"].clone();
            Reply::json(200, json!({ "RequestedQuota": change }))
        }
        "ListRequestedServiceQuotaChangeHistory" => {
            let chosen: Vec<Value> = history()
                .into_iter()
                .filter(|r| {
                    input["ServiceCode"].is_null() || r["ServiceCode"] == input["ServiceCode"]
                })
                .filter(|r| input["Status"].is_null() || r["Status"] == input["Status"])
                .collect();
            page(&input, &chosen, "RequestedQuotas")
        }
        _ => not_found(),
    }
}

struct Fixture {
    fake: FakeHttp,
    ctx: TestContext,
}

fn fixture(config_extra: &str) -> Fixture {
    let ctx = TestContext::builder()
        .credentials("[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n")
        .region("us-east-1")
        .config(config_extra)
        .build();
    Fixture {
        fake: FakeHttp::start(service_quotas),
        ctx,
    }
}

impl Fixture {
    fn args(&self, command: &str, extra: &[&str]) -> Vec<String> {
        let mut args = vec![
            "service-quotas".to_string(),
            command.to_string(),
            "--endpoint-url".into(),
            self.fake.endpoint(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    }

    /// Both tools, same arguments: same stdout, same success.
    fn side_by_side(&self, command: &str, extra: &[&str]) -> String {
        let args = self.args(command, extra);
        let ours = self.ctx.cmd(&args).run();
        let theirs = self.ctx.aws_cli(&args).run();
        theirs.assert_success();
        ours.assert_success();
        assert_eq!(
            ours.stdout, theirs.stdout,
            "{args:?}\nawsctl: {ours}\naws: {theirs}"
        );
        ours.stdout
    }

    /// The JSON bodies of the requests awsctl sent for one command.
    fn bodies_of(&self, command: &str, extra: &[&str]) -> (common::Output, Vec<Value>) {
        let before = self.fake.requests().len();
        let out = self.ctx.cmd(self.args(command, extra)).run();
        let bodies = self.fake.requests()[before..]
            .iter()
            .map(Request::json)
            .collect();
        (out, bodies)
    }
}

#[test]
fn requests_are_signed_json_1_1_posts_with_the_target() {
    let f = fixture("");
    let (out, _) = f.bodies_of(
        "get-aws-default-service-quota",
        &["--service-code", "ec2", "--quota-code", "L-00000002"],
    );
    out.assert_success();
    let request = &f.fake.requests()[0];
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/")
    );
    assert_eq!(
        request.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    assert_eq!(
        request.header("x-amz-target"),
        Some("ServiceQuotasV20190624.GetAWSDefaultServiceQuota")
    );
    let authorization = request.header("authorization").unwrap();
    assert!(
        authorization.contains("/us-east-1/servicequotas/aws4_request"),
        "{authorization}"
    );
    assert!(
        authorization.contains("x-amz-target"),
        "the target is signed: {authorization}"
    );
    assert_eq!(
        request.json(),
        json!({"ServiceCode": "ec2", "QuotaCode": "L-00000002"})
    );
}

#[test]
fn default_quota_matches_the_aws_cli() {
    let f = fixture("");
    for format in ["json", "text", "table"] {
        f.side_by_side(
            "get-aws-default-service-quota",
            &[
                "--service-code",
                "ec2",
                "--quota-code",
                "L-00000003",
                "--output",
                format,
            ],
        );
    }
    let json = f.side_by_side(
        "get-aws-default-service-quota",
        &["--service-code", "ec2", "--quota-code", "L-00000001"],
    );
    // Model order, whatever order the service used; the dimensions map keeps the wire order.
    assert!(
        json.starts_with(
            "{\n    \"Quota\": {\n        \"ServiceCode\": \"ec2\",\n        \"ServiceName\""
        ),
        "{json}"
    );
    assert!(json.contains("\"MetricDimensions\": {\n                \"Type\": \"Resource\",\n                \"Service\": \"EC2\","), "{json}");
}

#[test]
fn list_service_quotas_follows_every_page() {
    let f = fixture("");
    let (out, bodies) = f.bodies_of(
        "list-service-quotas",
        &[
            "--service-code",
            "ec2",
            "--query",
            "Quotas[].QuotaCode",
            "--output",
            "text",
        ],
    );
    // Text output is per page, so the query's list comes out one line per page.
    out.assert_success()
        .assert_stdout("L-00000001\tL-00000002\nL-00000003\tL-00000004\nL-00000005\n");
    assert_eq!(
        bodies,
        vec![
            json!({"ServiceCode": "ec2"}),
            json!({"ServiceCode": "ec2", "NextToken": "p2"}),
            json!({"ServiceCode": "ec2", "NextToken": "p4"}),
        ]
    );
    for format in ["json", "text", "table"] {
        f.side_by_side(
            "list-service-quotas",
            &["--service-code", "ec2", "--output", format],
        );
        f.side_by_side(
            "list-service-quotas",
            &[
                "--service-code",
                "ec2",
                "--output",
                format,
                "--query",
                "Quotas[].QuotaCode",
            ],
        );
        f.side_by_side(
            "list-service-quotas",
            &[
                "--service-code",
                "ec2",
                "--output",
                format,
                "--query",
                "Quotas[].[QuotaCode, Value]",
            ],
        );
    }
}

#[test]
fn max_items_page_size_and_starting_token_match_the_aws_cli() {
    let f = fixture("");
    let (out, bodies) = f.bodies_of(
        "list-service-quotas",
        &[
            "--service-code",
            "ec2",
            "--page-size",
            "1",
            "--max-items",
            "3",
        ],
    );
    out.assert_success();
    assert_eq!(bodies.len(), 3, "{bodies:?}");
    assert!(
        bodies.iter().all(|b| b["MaxResults"] == json!(1)),
        "{bodies:?}"
    );
    let mut token = None::<String>;
    let mut seen = Vec::new();
    for _ in 0..3 {
        let mut extra = vec!["--service-code", "ec2", "--max-items", "3"];
        if let Some(t) = &token {
            extra.extend(["--starting-token", t.as_str()]);
        }
        for format in ["text", "table"] {
            let mut with_format = extra.clone();
            with_format.extend(["--output", format]);
            f.side_by_side("list-service-quotas", &with_format);
        }
        let json: Value =
            serde_json::from_str(&f.side_by_side("list-service-quotas", &extra)).unwrap();
        seen.extend(
            json["Quotas"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q["QuotaCode"].clone()),
        );
        token = json["NextToken"].as_str().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    let all: Vec<Value> = ec2_quotas()
        .iter()
        .map(|q| q["QuotaCode"].clone())
        .collect();
    assert_eq!(seen, all);
}

#[test]
fn no_paginate_and_a_hand_written_token_print_one_raw_page() {
    let f = fixture("");
    let stdout = f.side_by_side(
        "list-service-quotas",
        &[
            "--service-code",
            "ec2",
            "--no-paginate",
            "--query",
            "{T: NextToken, N: length(Quotas)}",
        ],
    );
    assert_eq!(stdout, "{\n    \"T\": \"p2\",\n    \"N\": 2\n}\n");
    let (out, bodies) = f.bodies_of(
        "list-service-quotas",
        &[
            "--service-code",
            "ec2",
            "--next-token",
            "p3",
            "--max-results",
            "1",
            "--output",
            "text",
        ],
    );
    out.assert_success();
    assert_eq!(
        bodies,
        vec![json!({"ServiceCode": "ec2", "NextToken": "p3", "MaxResults": 1})]
    );
    f.side_by_side(
        "list-service-quotas",
        &[
            "--service-code",
            "ec2",
            "--next-token",
            "p3",
            "--max-results",
            "1",
            "--output",
            "text",
        ],
    );
}

#[test]
fn increase_requests_print_iso_timestamps() {
    let f = fixture("");
    let (out, bodies) = f.bodies_of(
        "request-service-quota-increase",
        &["--service-code", "ec2", "--quota-code", "L-00000001", "--desired-value", "10", "--no-support-case-allowed", "--query", "RequestedQuota.{Id: Id, Status: Status, DesiredValue: DesiredValue, Created: Created, LastUpdated: LastUpdated}"],
    );
    assert_eq!(
        bodies,
        vec![
            json!({"ServiceCode": "ec2", "QuotaCode": "L-00000001", "DesiredValue": 10.0, "SupportCaseAllowed": false})
        ]
    );
    out.assert_success().assert_stdout(
        "{\n    \"Id\": \"r-1\",\n    \"Status\": \"PENDING\",\n    \"DesiredValue\": 10.0,\n    \"Created\": \"2026-11-23T17:00:00.500000+00:00\",\n    \"LastUpdated\": \"2026-11-23T17:01:00+00:00\"\n}\n",
    );
    let text = f
        .ctx
        .cmd(f.args(
            "request-service-quota-increase",
            &[
                "--service-code",
                "ec2",
                "--quota-code",
                "L-00000001",
                "--desired-value",
                "12.5",
                "--output",
                "text",
                "--query",
                "RequestedQuota.[DesiredValue, Created]",
            ],
        ))
        .run();
    text.assert_success()
        .assert_stdout("12.5\t2026-11-23T17:00:00.500000+00:00\n");
}

#[test]
fn wire_timestamps_match_the_aws_cli() {
    let f = fixture("cli_timestamp_format = wire\n");
    for format in ["json", "text", "table"] {
        f.side_by_side(
            "request-service-quota-increase",
            &[
                "--service-code",
                "ec2",
                "--quota-code",
                "L-00000002",
                "--desired-value",
                "20",
                "--output",
                format,
            ],
        );
        f.side_by_side(
            "list-requested-service-quota-change-history",
            &["--output", format],
        );
    }
}

#[test]
fn history_filters_are_sent_and_pages_joined() {
    let f = fixture("");
    let (out, bodies) = f.bodies_of(
        "list-requested-service-quota-change-history",
        &[
            "--service-code",
            "ec2",
            "--status",
            "APPROVED",
            "--quota-requested-at-level",
            "ACCOUNT",
            "--query",
            "RequestedQuotas[].[Id, Created]",
            "--output",
            "text",
        ],
    );
    out.assert_success()
        .assert_stdout("r-3\t2026-11-23T16:56:40.250000+00:00\n");
    assert_eq!(
        bodies,
        vec![
            json!({"ServiceCode": "ec2", "Status": "APPROVED", "QuotaRequestedAtLevel": "ACCOUNT"})
        ]
    );
    let (all, bodies) = f.bodies_of(
        "list-requested-service-quota-change-history",
        &["--query", "RequestedQuotas[].Id", "--output", "text"],
    );
    all.assert_success().assert_stdout("r-1\tr-2\nr-3\n");
    assert_eq!(bodies.len(), 2, "three requests in pages of two");
}

#[test]
fn service_errors_are_254_even_with_a_malformed_body() {
    let f = fixture("");
    let run = |code: &str| {
        f.ctx
            .cmd(f.args("list-service-quotas", &["--service-code", code]))
            .run()
    };
    let broken = run("broken");
    broken.assert_code(254);
    assert_output_snapshot!(&f.ctx, broken.stderr);
    let prefixed = run("prefixed");
    prefixed.assert_code(254);
    assert_output_snapshot!(&f.ctx, prefixed.stderr);
    let missing = f
        .ctx
        .cmd(f.args(
            "get-aws-default-service-quota",
            &["--service-code", "ec2", "--quota-code", "L-nope"],
        ))
        .run();
    missing.assert_code(254);
    assert_eq!(missing.stdout, "");
    assert_output_snapshot!(&f.ctx, missing.stderr);
}

#[test]
fn throttling_is_retried_then_reported() {
    let f = fixture("max_attempts = 2\n");
    let (out, bodies) = f.bodies_of("list-service-quotas", &["--service-code", "throttled"]);
    out.assert_code(254);
    assert_eq!(bodies.len(), 2, "two attempts");
    assert_output_snapshot!(&f.ctx, out.stderr);
}

#[test]
fn broken_responses_and_looping_tokens_are_255() {
    let f = fixture("");
    let garbage = f
        .ctx
        .cmd(f.args("list-service-quotas", &["--service-code", "garbage"]))
        .run();
    garbage.assert_code(255);
    assert!(
        garbage
            .stderr
            .starts_with("\naws: [ERROR]: Unable to parse response (")
            && garbage.stderr.ends_with("), invalid JSON received\n"),
        "{garbage}"
    );
    let stuck = f
        .ctx
        .cmd(f.args("list-service-quotas", &["--service-code", "stuck"]))
        .run();
    stuck.assert_code(255);
    assert_output_snapshot!(&f.ctx, stuck.stderr);
}

#[test]
fn yaml_stream_prints_each_page_as_it_came() {
    let f = fixture("");
    let out = f
        .ctx
        .cmd(f.args(
            "list-service-quotas",
            &[
                "--service-code",
                "ec2",
                "--max-items",
                "3",
                "--output",
                "yaml-stream",
                "--query",
                "{Codes: Quotas[].QuotaCode, Next: NextToken}",
            ],
        ))
        .run();
    out.assert_success().assert_stdout(
        "- Codes:\n  - L-00000001\n  - L-00000002\n  Next: p2\n- Codes:\n  - L-00000003\n  Next: p4\n",
    );
}

#[test]
fn botocores_minimums_are_checked_before_sending() {
    let f = fixture("");
    for (command, extra) in [
        (
            "list-service-quotas",
            vec!["--service-code", "ec2", "--page-size", "0"],
        ),
        (
            "request-service-quota-increase",
            vec![
                "--service-code",
                "ec2",
                "--quota-code",
                "L-00000001",
                "--desired-value",
                "-1",
            ],
        ),
        (
            "get-aws-default-service-quota",
            vec!["--service-code", "", "--quota-code", "L-00000001"],
        ),
    ] {
        let args = f.args(command, &extra);
        let ours = f.ctx.cmd(&args).run();
        let theirs = f.ctx.aws_cli(&args).run();
        ours.assert_code(252);
        assert!(
            theirs.stderr.contains("Parameter validation failed:\n"),
            "{theirs}"
        );
        // v1 prints the bare message; v2 adds its prefix and the synthetic code.
        assert_eq!(
            ours.stderr,
            format!(
                "\naws: [ERROR]: An error occurred (ParamValidation): {}\n",
                theirs.stderr.trim()
            ),
            "{args:?}"
        );
    }
    assert!(f.fake.requests().is_empty(), "nothing was sent");
}
