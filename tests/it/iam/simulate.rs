//! `iam simulate-custom-policy` and `simulate-principal-policy`: `--offline` end to end (the
//! CLI's documented examples byte for byte, context entries, boundaries, resource-specific
//! results, service-style errors), the principal's policies collected from moto, and the
//! online calls against a fake IAM: no peer implements SimulateCustomPolicy or
//! SimulatePrincipalPolicy (moto answers 500), so the fake answers them from canned XML and
//! records what was sent.

use crate::common;

use common::fake_server::{FakeServer, Reply};
use common::{Moto, Output, TestContext, unique_name};

fn offline(ctx: &TestContext, args: &[&str]) -> Output {
    // No credentials and no endpoint: the custom simulation never calls out.
    ctx.cmd(["iam", "simulate-custom-policy", "--offline"])
        .args(args)
        .run()
}

const DYNAMO_POLICY: &str = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}"#;

#[test]
fn custom_offline_reproduces_the_clis_documented_examples() {
    let ctx = TestContext::new();
    let allowed = offline(
        &ctx,
        &[
            "--policy-input-list",
            DYNAMO_POLICY,
            "--action-names",
            "dynamodb:CreateBackup",
            "--context-entries",
            "ContextKeyName='aws:CurrentTime',ContextKeyValues='2019-04-25T11:00:00Z',ContextKeyType=date",
        ],
    );
    allowed.assert_success().assert_stdout(
        r#"{
    "EvaluationResults": [
        {
            "EvalActionName": "dynamodb:CreateBackup",
            "EvalResourceName": "*",
            "EvalDecision": "allowed",
            "MatchedStatements": [
                {
                    "SourcePolicyId": "PolicyInputList.1",
                    "StartPosition": {
                        "Line": 1,
                        "Column": 38
                    },
                    "EndPosition": {
                        "Line": 1,
                        "Column": 167
                    }
                }
            ],
            "MissingContextValues": []
        }
    ]
}
"#,
    );
    let denied = offline(
        &ctx,
        &[
            "--policy-input-list",
            DYNAMO_POLICY,
            "--action-names",
            "dynamodb:CreateBackup",
            "--context-entries",
            "ContextKeyName='aws:CurrentTime',ContextKeyValues='2014-04-25T11:00:00Z',ContextKeyType=date",
        ],
    );
    denied.assert_success().assert_stdout(
        r#"{
    "EvaluationResults": [
        {
            "EvalActionName": "dynamodb:CreateBackup",
            "EvalResourceName": "*",
            "EvalDecision": "implicitDeny",
            "MatchedStatements": [],
            "MissingContextValues": []
        }
    ]
}
"#,
    );
}

const IP_POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}"#;

#[test]
fn context_entries_in_json_and_shorthand_and_missing_values() {
    let ctx = TestContext::new();
    let base = [
        "--policy-input-list",
        IP_POLICY,
        "--action-names",
        "ec2:RunInstances",
    ];
    let query = [
        "--query",
        "EvaluationResults[0].[EvalDecision, join(',', MissingContextValues)]",
        "--output",
        "text",
    ];
    offline(&ctx, &[&base[..], &query[..]].concat())
        .assert_success()
        .assert_stdout("implicitDeny\taws:SourceIp\n");
    let json = r#"[{"ContextKeyName":"aws:SourceIp","ContextKeyValues":["203.0.113.7"],"ContextKeyType":"ip"}]"#;
    offline(
        &ctx,
        &[&base[..], &["--context-entries", json], &query[..]].concat(),
    )
    .assert_success()
    .assert_stdout("allowed\t\n");
    let outside = "ContextKeyName=aws:SourceIp,ContextKeyValues=198.51.100.1,ContextKeyType=ip";
    offline(
        &ctx,
        &[&base[..], &["--context-entries", outside], &query[..]].concat(),
    )
    .assert_success()
    .assert_stdout("implicitDeny\t\n");
}

#[test]
fn all_resources_given_as_a_star_are_the_default() {
    let ctx = TestContext::new();
    let args = [
        "--policy-input-list",
        IP_POLICY,
        "--action-names",
        "ec2:RunInstances",
    ];
    let default = offline(&ctx, &args);
    let star = offline(&ctx, &[&args[..], &["--resource-arns", "*"]].concat());
    star.assert_success().assert_stdout(&default.stdout);
    assert!(!star.stdout.contains("ResourceSpecificResults"), "{star}");
}

#[test]
fn boundaries_and_resource_specific_results() {
    let ctx = TestContext::new();
    let file = ctx.home().join("identity.json");
    std::fs::write(
        &file,
        r#"{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"s3:*","Resource":"*"},
  {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::prod/*"}
]}"#,
    )
    .unwrap();
    let identity = format!("file://{}", file.display());
    let boundary = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:Get*","s3:Delete*"],"Resource":"*"}}"#;
    let out = offline(
        &ctx,
        &[
            "--policy-input-list",
            &identity,
            "--permissions-boundary-policy-input-list",
            boundary,
            "--action-names",
            "s3:GetObject",
            "s3:PutObject",
            "s3:DeleteObject",
            "--resource-arns",
            "arn:aws:s3:::dev/k",
            "arn:aws:s3:::prod/k",
        ],
    );
    out.assert_success();
    let results = out.json()["EvaluationResults"].clone();
    let summary: Vec<String> = results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let per: Vec<String> = r["ResourceSpecificResults"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    format!(
                        "{}={}",
                        s["EvalResourceName"].as_str().unwrap(),
                        s["EvalResourceDecision"].as_str().unwrap()
                    )
                })
                .collect();
            format!(
                "{} {} boundary:{} [{}]",
                r["EvalActionName"].as_str().unwrap(),
                r["EvalDecision"].as_str().unwrap(),
                r["PermissionsBoundaryDecisionDetail"]["AllowedByPermissionsBoundary"],
                per.join(" ")
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            "s3:GetObject allowed boundary:true [arn:aws:s3:::dev/k=allowed arn:aws:s3:::prod/k=allowed]",
            "s3:PutObject implicitDeny boundary:false [arn:aws:s3:::dev/k=implicitDeny arn:aws:s3:::prod/k=implicitDeny]",
            "s3:DeleteObject explicitDeny boundary:true [arn:aws:s3:::dev/k=allowed arn:aws:s3:::prod/k=explicitDeny]",
        ]
    );
    // The deny statement is the one reported, with its place in the multi-line file.
    let deny = &results[2]["MatchedStatements"];
    assert_eq!(deny.as_array().unwrap().len(), 1, "{deny}");
    assert_eq!(
        deny[0]["StartPosition"],
        serde_json::json!({"Line": 3, "Column": 4})
    );
    assert_eq!(
        deny[0]["EndPosition"],
        serde_json::json!({"Line": 3, "Column": 80})
    );
    assert_eq!(results[0]["EvalDecisionDetails"], serde_json::json!({}));
}

#[test]
fn caller_arn_supplies_the_username_variable() {
    let ctx = TestContext::new();
    let policy = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}}"#;
    let decide = |extra: &[&str]| {
        let out = offline(
            &ctx,
            &[
                &[
                    "--policy-input-list",
                    policy,
                    "--action-names",
                    "s3:GetObject",
                    "--resource-arns",
                    "arn:aws:s3:::home/ana/notes",
                ][..],
                extra,
                &[
                    "--query",
                    "EvaluationResults[0].[EvalDecision, join(',', MissingContextValues)]",
                    "--output",
                    "text",
                ][..],
            ]
            .concat(),
        );
        out.assert_success();
        out.stdout
    };
    assert_eq!(decide(&[]), "implicitDeny\taws:username\n");
    assert_eq!(
        decide(&["--caller-arn", "arn:aws:iam::123456789012:user/ana"]),
        "allowed\t\n"
    );
    assert_eq!(
        decide(&["--caller-arn", "arn:aws:iam::123456789012:user/bob"]),
        "implicitDeny\t\n"
    );
}

#[test]
fn malformed_input_fails_as_the_service_would() {
    let ctx = TestContext::new();
    offline(&ctx, &["--policy-input-list", r#"{"Statement":{"Effect":"Maybe","Action":"*","Resource":"*"}}"#, "--action-names", "s3:GetObject"])
        .assert_code(254)
        .assert_stderr_contains("An error occurred (MalformedPolicyDocument) when calling the SimulateCustomPolicy operation: PolicyInputList.1: Invalid effect");
    offline(
        &ctx,
        &["--policy-input-list", IP_POLICY, "--action-names", "ec2:RunInstances", "--context-entries", "ContextKeyName=aws:SourceIp,ContextKeyValues=1.2.3.4,ContextKeyType=address"],
    )
    .assert_code(254)
    .assert_stderr_contains("(InvalidInput) when calling the SimulateCustomPolicy operation: Invalid ContextKeyType 'address'");
    offline(
        &ctx,
        &["--policy-input-list", IP_POLICY, "--action-names", "ec"],
    )
    .assert_code(252)
    .assert_stderr_contains(
        "Invalid length for parameter ActionNames[0], value: 2, valid min length: 3",
    );
}

fn moto_iam(moto: &Moto, params: &[(&str, &str)]) {
    let mut all = params.to_vec();
    all.push(("Version", "2010-05-08"));
    let response = moto.query("iam", &all);
    assert_eq!(response.status, 200, "{params:?}: {}", response.text());
}

/// A summary line per result: action, decision, matched policy ids, boundary verdict.
fn summary(out: &Output) -> Vec<String> {
    out.json()["EvaluationResults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let ids: Vec<&str> = r["MatchedStatements"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["SourcePolicyId"].as_str().unwrap())
                .collect();
            format!(
                "{} {} [{}] boundary:{}",
                r["EvalActionName"].as_str().unwrap(),
                r["EvalDecision"].as_str().unwrap(),
                ids.join(","),
                r["PermissionsBoundaryDecisionDetail"]["AllowedByPermissionsBoundary"]
            )
        })
        .collect()
}

fn simulate_principal(ctx: &TestContext, moto: &Moto, args: &[&str]) -> Output {
    ctx.cmd(["iam", "simulate-principal-policy", "--offline"])
        .args(args)
        .args(["--endpoint-url", &moto.endpoint()])
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-checked-with-auth-off")
        .run()
}

fn document(effect: &str, action: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":{{"Effect":"{effect}","Action":{action},"Resource":"*"}}}}"#
    )
}

fn policy_arn(name: &str) -> String {
    format!("arn:aws:iam::123456789012:policy/{name}")
}

#[test]
fn principal_offline_collects_inline_attached_and_group_policies() {
    let moto = Moto::shared();
    let (user, group, managed) = (
        unique_name("sim"),
        unique_name("g"),
        unique_name("describe"),
    );
    moto_iam(
        moto,
        &[
            ("Action", "CreatePolicy"),
            ("PolicyName", &managed),
            ("PolicyDocument", &document("Allow", r#""ec2:Describe*""#)),
        ],
    );
    moto_iam(moto, &[("Action", "CreateUser"), ("UserName", &user)]);
    let home = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"},
        {"Effect":"Allow","Action":"iam:*","Resource":"*"}]}"#;
    moto_iam(
        moto,
        &[
            ("Action", "PutUserPolicy"),
            ("UserName", &user),
            ("PolicyName", "home"),
            ("PolicyDocument", home),
        ],
    );
    moto_iam(
        moto,
        &[
            ("Action", "AttachUserPolicy"),
            ("UserName", &user),
            ("PolicyArn", &policy_arn(&managed)),
        ],
    );
    moto_iam(moto, &[("Action", "CreateGroup"), ("GroupName", &group)]);
    moto_iam(
        moto,
        &[
            ("Action", "PutGroupPolicy"),
            ("GroupName", &group),
            ("PolicyName", "no-delete"),
            ("PolicyDocument", &document("Deny", r#""s3:Delete*""#)),
        ],
    );
    moto_iam(
        moto,
        &[
            ("Action", "AddUserToGroup"),
            ("GroupName", &group),
            ("UserName", &user),
        ],
    );

    let ctx = TestContext::new();
    let source = format!("arn:aws:iam::123456789012:user/{user}");
    let actions = [
        "--action-names",
        "s3:GetObject",
        "s3:DeleteObject",
        "ec2:DescribeInstances",
        "iam:ListUsers",
        "ec2:RunInstances",
    ];
    let out = simulate_principal(
        &ctx,
        moto,
        &[&["--policy-source-arn", &source][..], &actions[..]].concat(),
    );
    out.assert_success();
    assert_eq!(
        summary(&out),
        [
            "s3:GetObject implicitDeny [] boundary:null".to_string(),
            "s3:DeleteObject explicitDeny [no-delete] boundary:null".to_string(),
            format!("ec2:DescribeInstances allowed [{managed}] boundary:null"),
            "iam:ListUsers allowed [home] boundary:null".to_string(),
            "ec2:RunInstances implicitDeny [] boundary:null".to_string(),
        ]
    );
    // A boundary given on the command line caps them; an input policy adds to them.
    let boundary = document("Allow", r#"["s3:*","ec2:*"]"#);
    let extra = document("Allow", r#""ec2:RunInstances""#);
    let out = simulate_principal(
        &ctx,
        moto,
        &[
            &[
                "--policy-source-arn",
                &source,
                "--permissions-boundary-policy-input-list",
                &boundary,
                "--policy-input-list",
                &extra,
            ][..],
            &actions[..],
        ]
        .concat(),
    );
    out.assert_success();
    assert_eq!(
        summary(&out),
        [
            "s3:GetObject implicitDeny [] boundary:true".to_string(),
            "s3:DeleteObject explicitDeny [no-delete] boundary:true".to_string(),
            format!("ec2:DescribeInstances allowed [{managed}] boundary:true"),
            "iam:ListUsers implicitDeny [] boundary:false".to_string(),
            "ec2:RunInstances allowed [PolicyInputList.1] boundary:true".to_string(),
        ]
    );
    // The user's name fills ${aws:username} in the home policy's resource.
    let own = format!("arn:aws:s3:::home/{user}/notes");
    let out = simulate_principal(
        &ctx,
        moto,
        &[
            "--policy-source-arn",
            &source,
            "--action-names",
            "s3:PutObject",
            "--resource-arns",
            &own,
            "arn:aws:s3:::home/other/notes",
        ],
    );
    let results = &out.json()["EvaluationResults"][0]["ResourceSpecificResults"];
    assert_eq!(results[0]["EvalResourceDecision"], "allowed", "{out}");
    assert_eq!(results[1]["EvalResourceDecision"], "implicitDeny", "{out}");
    assert_eq!(
        out.json()["EvaluationResults"][0]["EvalDecision"],
        "implicitDeny"
    );
}

#[test]
fn principal_offline_reads_a_roles_policies_and_boundary() {
    let moto = Moto::shared();
    let (role, boundary) = (unique_name("role"), unique_name("role-boundary"));
    moto_iam(
        moto,
        &[
            ("Action", "CreatePolicy"),
            ("PolicyName", &boundary),
            ("PolicyDocument", &document("Allow", r#""sqs:*""#)),
        ],
    );
    let trust = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}"#;
    moto_iam(
        moto,
        &[
            ("Action", "CreateRole"),
            ("RoleName", &role),
            ("AssumeRolePolicyDocument", trust),
            ("PermissionsBoundary", &policy_arn(&boundary)),
        ],
    );
    moto_iam(
        moto,
        &[
            ("Action", "PutRolePolicy"),
            ("RoleName", &role),
            ("PolicyName", "queues-and-logs"),
            (
                "PolicyDocument",
                &document("Allow", r#"["sqs:SendMessage","logs:*"]"#),
            ),
        ],
    );
    let ctx = TestContext::new();
    let source = format!("arn:aws:iam::123456789012:role/{role}");
    let out = simulate_principal(
        &ctx,
        moto,
        &[
            "--policy-source-arn",
            &source,
            "--action-names",
            "sqs:SendMessage",
            "logs:PutLogEvents",
        ],
    );
    out.assert_success();
    assert_eq!(
        summary(&out),
        [
            "sqs:SendMessage allowed [queues-and-logs] boundary:true",
            "logs:PutLogEvents implicitDeny [] boundary:false",
        ]
    );
    let out = simulate_principal(
        &ctx,
        moto,
        &[
            "--policy-source-arn",
            "arn:aws:iam::123456789012:policy/not-a-principal",
            "--action-names",
            "sqs:SendMessage",
        ],
    );
    out.assert_code(254).assert_stderr_contains(
        "(InvalidInput) when calling the SimulatePrincipalPolicy operation: Invalid ARN",
    );
}

fn page(results: &str, marker: Option<&str>) -> String {
    let more = match marker {
        Some(m) => format!("<IsTruncated>true</IsTruncated><Marker>{m}</Marker>"),
        None => "<IsTruncated>false</IsTruncated>".to_string(),
    };
    format!(
        r#"<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult><EvaluationResults>{results}</EvaluationResults>{more}</SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>"#
    )
}

const ALLOWED: &str = "<member><MissingContextValues/><EvalDecision>allowed</EvalDecision><EvalActionName>s3:GetObject</EvalActionName><EvalResourceName>*</EvalResourceName><MatchedStatements><member><SourcePolicyId>home</SourcePolicyId><SourcePolicyType>user</SourcePolicyType><StartPosition><Line>1</Line><Column>38</Column></StartPosition><EndPosition><Line>1</Line><Column>90</Column></EndPosition></member></MatchedStatements></member>";
const DENIED: &str = "<member><EvalActionName>s3:PutObject</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>implicitDeny</EvalDecision><MatchedStatements/><MissingContextValues><member>aws:SourceIp</member></MissingContextValues></member>";

#[test]
fn online_simulation_sends_the_clis_parameters_and_pages_through_results() {
    let fake = FakeServer::start(|request| {
        let body = String::from_utf8_lossy(&request.body);
        match body.contains("Marker=m1") {
            false => Reply::Status(200, page(ALLOWED, Some("m1"))),
            true => Reply::Status(200, page(DENIED, None)),
        }
    });
    let ctx = TestContext::new();
    let out = ctx
        .cmd([
            "iam",
            "simulate-principal-policy",
            "--policy-source-arn",
            "arn:aws:iam::123456789012:user/ana",
            "--action-names",
            "s3:GetObject",
            "s3:PutObject",
            "--context-entries",
            "ContextKeyName=aws:SourceIp,ContextKeyValues=10.0.0.1,10.0.0.2,ContextKeyType=ipList",
            "--caller-arn",
            "arn:aws:iam::123456789012:user/ana",
        ])
        .env("AWS_ENDPOINT_URL_IAM", fake.endpoint())
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .run();
    out.assert_success().assert_stdout(
        r#"{
    "EvaluationResults": [
        {
            "EvalActionName": "s3:GetObject",
            "EvalResourceName": "*",
            "EvalDecision": "allowed",
            "MatchedStatements": [
                {
                    "SourcePolicyId": "home",
                    "SourcePolicyType": "user",
                    "StartPosition": {
                        "Line": 1,
                        "Column": 38
                    },
                    "EndPosition": {
                        "Line": 1,
                        "Column": 90
                    }
                }
            ],
            "MissingContextValues": []
        },
        {
            "EvalActionName": "s3:PutObject",
            "EvalResourceName": "*",
            "EvalDecision": "implicitDeny",
            "MatchedStatements": [],
            "MissingContextValues": [
                "aws:SourceIp"
            ]
        }
    ]
}
"#,
    );
    let bodies: Vec<String> = fake
        .requests()
        .iter()
        .map(|r| String::from_utf8(r.body.clone()).unwrap())
        .collect();
    assert_eq!(bodies.len(), 2);
    assert_eq!(
        bodies[0],
        "Action=SimulatePrincipalPolicy&Version=2010-05-08\
         &PolicySourceArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Auser%2Fana\
         &ActionNames.member.1=s3%3AGetObject&ActionNames.member.2=s3%3APutObject\
         &CallerArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Auser%2Fana\
         &ContextEntries.member.1.ContextKeyName=aws%3ASourceIp\
         &ContextEntries.member.1.ContextKeyValues.member.1=10.0.0.1\
         &ContextEntries.member.1.ContextKeyValues.member.2=10.0.0.2\
         &ContextEntries.member.1.ContextKeyType=ipList"
    );
    assert!(bodies[1].ends_with("&Marker=m1"), "{}", bodies[1]);
}

#[test]
fn online_custom_simulation_sends_documents_from_files() {
    let fake = FakeServer::start(|_| {
        Reply::Status(
            200,
            page(ALLOWED, None).replace("SimulatePrincipalPolicy", "SimulateCustomPolicy"),
        )
    });
    let ctx = TestContext::new();
    let file = ctx.home().join("p.json");
    std::fs::write(&file, IP_POLICY).unwrap();
    ctx.cmd([
        "iam",
        "simulate-custom-policy",
        "--policy-input-list",
        &format!("file://{}", file.display()),
        "--action-names",
        "s3:GetObject",
        "--resource-arns",
        "arn:aws:s3:::b/k",
        "--query",
        "EvaluationResults[0].EvalDecision",
    ])
    .env("AWS_ENDPOINT_URL_IAM", fake.endpoint())
    .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
    .env("AWS_SECRET_ACCESS_KEY", "secret")
    .run()
    .assert_success()
    .assert_stdout("\"allowed\"\n");
    let body = String::from_utf8(fake.requests()[0].body.clone()).unwrap();
    assert!(body.starts_with("Action=SimulateCustomPolicy&Version=2010-05-08&PolicyInputList.member.1=%7B%22Version%22"), "{body}");
    assert!(body.ends_with("&ActionNames.member.1=s3%3AGetObject&ResourceArns.member.1=arn%3Aaws%3As3%3A%3A%3Ab%2Fk"), "{body}");
}
