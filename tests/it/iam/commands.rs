//! `awsctl iam` support calls against moto, side by side with the AWS CLI on the same server
//! (timestamps normalised: v1 prints the wire form), and IAM's global endpoint and signing
//! region, observed on a fake server that records the requests.

use crate::common;

use common::fake_server::{FakeServer, Reply};
use common::{Moto, Output, TestContext, unique_name};

/// Timestamps such as `2026-11-23T18:09:55.173238Z` or `...+00:00` as `<ts>`.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    for token in text.split_inclusive(|c: char| c.is_whitespace() || c == '"' || c == '\'') {
        let bare = token.trim_end_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
        let is_stamp =
            bare.len() >= 19 && bare.as_bytes()[10] == b'T' && bare[..4].parse::<u32>().is_ok();
        match is_stamp {
            true => out.push_str(&token.replacen(bare, "<ts>", 1)),
            false => out.push_str(token),
        }
    }
    out
}

fn with_keys(cmd: common::AwsCmd, moto: &Moto) -> common::AwsCmd {
    cmd.args(["--endpoint-url", &moto.endpoint()])
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-checked-with-auth-off")
        .env("AWS_DEFAULT_REGION", "us-east-1")
}

fn ours(ctx: &TestContext, args: &[&str]) -> Output {
    with_keys(ctx.cmd(args), Moto::shared()).run()
}

fn theirs(ctx: &TestContext, args: &[&str]) -> Output {
    with_keys(ctx.aws_cli(args), Moto::shared()).run()
}

fn same_as_the_cli(ctx: &TestContext, args: &[&str]) -> Output {
    let (a, b) = (ours(ctx, args), theirs(ctx, args));
    a.assert_success();
    b.assert_success();
    assert_eq!(
        normalise(&a.stdout),
        normalise(&b.stdout),
        "awsctl: {a}\naws: {b}"
    );
    a
}

#[test]
fn users_policies_and_keys_as_the_cli_shows_them() {
    let ctx = TestContext::new();
    let user = unique_name("iam-user");
    let out = ours(
        &ctx,
        &[
            "iam",
            "create-user",
            "--user-name",
            &user,
            "--path",
            "/team/",
            "--tags",
            "Key=env,Value=dev",
        ],
    );
    out.assert_success();
    let created = out.json();
    assert_eq!(created["User"]["UserName"], user.as_str());
    assert_eq!(created["User"]["Path"], "/team/");
    assert_eq!(created["User"]["Tags"][0]["Key"], "env");
    let keys: Vec<&String> = created["User"].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["Path", "UserName", "UserId", "Arn", "CreateDate", "Tags"]
    );

    // Not table: its column widths follow the timestamps, whose forms differ in length.
    for format in ["json", "text"] {
        same_as_the_cli(
            &ctx,
            &["iam", "get-user", "--user-name", &user, "--output", format],
        );
    }
    let listed = same_as_the_cli(&ctx, &["iam", "list-users", "--path-prefix", "/team/"]);
    assert!(listed.stdout.contains(&user), "{listed}");

    // An inline policy from a file, then the empty output of put-user-policy.
    let policy = ctx.home().join("policy.json");
    std::fs::write(&policy, common::ALLOW_ALL_POLICY).unwrap();
    let document = format!("file://{}", policy.display());
    ours(
        &ctx,
        &[
            "iam",
            "put-user-policy",
            "--user-name",
            &user,
            "--policy-name",
            "all",
            "--policy-document",
            &document,
        ],
    )
    .assert_success()
    .assert_stdout("");

    // A managed policy (created with the CLI: create-policy is not an awsctl command yet).
    let name = unique_name("managed");
    let created = theirs(
        &ctx,
        &[
            "iam",
            "create-policy",
            "--policy-name",
            &name,
            "--policy-document",
            &document,
        ],
    );
    created.assert_success();
    let arn = created.json()["Policy"]["Arn"]
        .as_str()
        .unwrap()
        .to_string();
    ours(
        &ctx,
        &[
            "iam",
            "attach-user-policy",
            "--user-name",
            &user,
            "--policy-arn",
            &arn,
        ],
    )
    .assert_success()
    .assert_stdout("");
    let attached = same_as_the_cli(
        &ctx,
        &["iam", "list-attached-user-policies", "--user-name", &user],
    );
    assert_eq!(
        attached.json()["AttachedPolicies"][0]["PolicyArn"],
        arn.as_str()
    );

    let key = ours(&ctx, &["iam", "create-access-key", "--user-name", &user]);
    key.assert_success();
    let fields: Vec<String> = key.json()["AccessKey"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        fields,
        [
            "UserName",
            "AccessKeyId",
            "Status",
            "SecretAccessKey",
            "CreateDate"
        ]
    );
}

#[test]
fn no_paginate_shows_the_first_page_as_sent() {
    let ctx = TestContext::new();
    let out = ours(&ctx, &["iam", "list-users", "--no-paginate"]);
    out.assert_success();
    assert_eq!(out.json()["IsTruncated"], false, "{out}");
    let all = ours(&ctx, &["iam", "list-users"]);
    assert!(all.json().get("IsTruncated").is_none(), "{all}");
}

#[test]
fn service_errors_exit_254() {
    let ctx = TestContext::new();
    let out = ours(&ctx, &["iam", "get-user", "--user-name", "nobody-here"]);
    out.assert_code(254).assert_stderr_contains(
        "An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name nobody-here cannot be found.",
    );
    let out = ours(
        &ctx,
        &[
            "iam",
            "attach-user-policy",
            "--user-name",
            "u",
            "--policy-arn",
            "arn:short",
        ],
    );
    out.assert_code(252).assert_stderr_contains(
        "Invalid length for parameter PolicyArn, value: 9, valid min length: 20",
    );
}

const LIST_USERS: &str = r#"<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListUsersResult><IsTruncated>false</IsTruncated><Users/></ListUsersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListUsersResponse>"#;

#[test]
fn iam_needs_no_region_and_signs_for_the_clients_region_or_us_east_1() {
    let fake = FakeServer::start(|_| Reply::Status(200, LIST_USERS.to_string()));
    let ctx = TestContext::new();
    for region in [Some("eu-west-1"), None] {
        let mut cmd = ctx
            .cmd(["iam", "list-users"])
            .env("AWS_ENDPOINT_URL_IAM", fake.endpoint())
            .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "secret");
        if let Some(r) = region {
            cmd = cmd.args(["--region", r]);
        }
        cmd.run()
            .assert_success()
            .assert_stdout("{\n    \"Users\": []\n}\n");
    }
    let requests = fake.requests();
    assert_eq!(requests.len(), 2);
    // With a custom endpoint the rules give no signing region: the client's is used, as
    // botocore does (checked with the AWS CLI: eu-west-1); without one, IAM's us-east-1.
    for (request, scope) in requests
        .into_iter()
        .zip(["/eu-west-1/iam/", "/us-east-1/iam/"])
    {
        let auth = request.header("authorization").unwrap();
        assert!(auth.contains(&format!("{scope}aws4_request")), "{auth}");
        let body = String::from_utf8(request.body).unwrap();
        assert_eq!(body, "Action=ListUsers&Version=2010-05-08");
    }
}

#[test]
fn new_secret_keys_stay_out_of_the_debug_log() {
    let ctx = TestContext::new();
    let user = unique_name("iam-debug");
    ours(&ctx, &["iam", "create-user", "--user-name", &user]).assert_success();
    let out = ours(
        &ctx,
        &["iam", "create-access-key", "--user-name", &user, "--debug"],
    );
    out.assert_success();
    let secret = out.json()["AccessKey"]["SecretAccessKey"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(secret.len() >= 20, "{out}");
    assert!(
        out.stderr
            .contains("<SecretAccessKey>****</SecretAccessKey>"),
        "the response body is logged, redacted: {out}"
    );
    assert!(!out.stderr.contains(&secret), "the secret leaked: {out}");
}
