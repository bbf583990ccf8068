//! Model-driven commands side by side with the AWS CLI (the pinned v1 peer) on one moto, for
//! the operations scripts use most, across the five protocols: the same JSON documents
//! (timestamps compared as instants, since v1 prints what the wire carried), the same errors,
//! and exit codes as v2 numbers them (254 where v1 says 255 for a service error).
//!
//! Reads run both tools against the same resources and must match exactly. Creates run each
//! tool on its own resource (names ending `-o` and `-t`): the documents must match with the
//! names swapped, and ids the server generated need only the same shape.

use crate::common;

use common::compare::difference;
use common::{Moto, Output, TestContext};
use serde_json::Value;
use std::sync::OnceLock;

/// This module's own moto: its comparisons list whole collections (`s3api list-buckets`,
/// `lambda list-functions`, ...), which tests of other areas on the shared moto would change
/// between the two tools' runs.
fn moto() -> &'static Moto {
    static MOTO: OnceLock<Moto> = OnceLock::new();
    MOTO.get_or_init(Moto::start)
}

fn base(cmd: common::AwsCmd) -> common::AwsCmd {
    cmd.args(["--endpoint-url", &moto().endpoint()])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
}

fn ours(ctx: &TestContext, args: &[&str]) -> Output {
    base(ctx.cmd(args)).run()
}

fn theirs(ctx: &TestContext, args: &[&str]) -> Output {
    base(ctx.aws_cli(args)).run()
}

fn parse(out: &Output) -> Value {
    if out.stdout.trim().is_empty() {
        return Value::Null;
    }
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

/// The exit code v2 gives where v1 gave `code`.
fn v2_code(theirs: &Output) -> i32 {
    match theirs.code {
        255 if theirs.stderr.contains("An error occurred (") => 254,
        2 => 252,
        c => c,
    }
}

fn check(ours: &Output, theirs: &Output, loose: bool) {
    assert_eq!(ours.code, v2_code(theirs), "ours: {ours}\ntheirs: {theirs}");
    if theirs.code != 0 {
        // v1 words service errors as v2 does, after v2's prefix.
        let message = theirs.stderr.trim();
        assert!(
            ours.stderr.contains(message),
            "ours: {ours}\ntheirs: {theirs}"
        );
        return;
    }
    if let Some(diff) = difference(&parse(ours), &parse(theirs), loose) {
        panic!("{diff}\nours: {ours}\ntheirs: {theirs}");
    }
}

/// Both tools, the same command, the same resources: the same answer.
fn same(ctx: &TestContext, args: &[&str]) -> Value {
    let (o, t) = (ours(ctx, args), theirs(ctx, args));
    check(&o, &t, false);
    parse(&o)
}

/// Both tools create their own resource: `{}` in the arguments is the name, `NAME-o` for
/// awsctl and `NAME-t` for the CLI. Returns awsctl's answer.
fn create(ctx: &TestContext, name: &str, args: &[&str]) -> Value {
    let with = |suffix: &str| -> Vec<String> {
        args.iter()
            .map(|a| a.replace("{}", &format!("{name}-{suffix}")))
            .collect()
    };
    let (a, b) = (with("o"), with("t"));
    let o = ours(ctx, &a.iter().map(String::as_str).collect::<Vec<_>>());
    let mut t = theirs(ctx, &b.iter().map(String::as_str).collect::<Vec<_>>());
    t.stdout = t.stdout.replace(&format!("{name}-t"), &format!("{name}-o"));
    check(&o, &t, true);
    parse(&o)
}

/// Each tool its own command (different arguments where names cannot be swapped).
fn pair(ctx: &TestContext, ours_args: &[&str], theirs_args: &[&str]) -> Value {
    let (o, t) = (ours(ctx, ours_args), theirs(ctx, theirs_args));
    check(&o, &t, true);
    parse(&o)
}

fn name(prefix: &str) -> String {
    common::unique_name(prefix)
}

#[test]
fn ssm_parameters_with_paging() {
    let ctx = TestContext::new();
    let n = name("/cfg/app");
    for i in 0..4 {
        create(
            &ctx,
            &format!("{n}/p{i}"),
            &[
                "ssm",
                "put-parameter",
                "--name",
                "{}",
                "--value",
                "v",
                "--type",
                "String",
            ],
        );
    }
    same(
        &ctx,
        &["ssm", "get-parameter", "--name", &format!("{n}/p1-o")],
    );
    // One parameter a page: the pages are merged into one document.
    let all = same(
        &ctx,
        &[
            "ssm",
            "get-parameters-by-path",
            "--path",
            &n,
            "--page-size",
            "1",
        ],
    );
    assert_eq!(all["Parameters"].as_array().map(Vec::len), Some(8), "{all}");
    // The limit member given by hand turns paging off: one page and the service's token.
    let one = same(
        &ctx,
        &[
            "ssm",
            "get-parameters-by-path",
            "--path",
            &n,
            "--max-results",
            "1",
        ],
    );
    assert_eq!(one["Parameters"].as_array().map(Vec::len), Some(1), "{one}");
    let page = same(
        &ctx,
        &[
            "ssm",
            "get-parameters-by-path",
            "--path",
            &n,
            "--max-items",
            "3",
        ],
    );
    assert!(page["NextToken"].is_string(), "{page}");
    same(
        &ctx,
        &[
            "ssm",
            "get-parameters",
            "--names",
            &format!("{n}/p0-o"),
            &format!("{n}/p2-t"),
            "nope",
        ],
    );
    same(
        &ctx,
        &["ssm", "get-parameter", "--name", "/no/such/parameter"],
    );
    pair(
        &ctx,
        &["ssm", "delete-parameter", "--name", &format!("{n}/p3-o")],
        &["ssm", "delete-parameter", "--name", &format!("{n}/p3-t")],
    );
}

#[test]
fn secretsmanager_secrets() {
    let ctx = TestContext::new();
    let n = name("secret");
    create(
        &ctx,
        &n,
        &[
            "secretsmanager",
            "create-secret",
            "--name",
            "{}",
            "--secret-string",
            "s3cr3t",
        ],
    );
    same(
        &ctx,
        &[
            "secretsmanager",
            "get-secret-value",
            "--secret-id",
            &format!("{n}-o"),
        ],
    );
    same(
        &ctx,
        &[
            "secretsmanager",
            "describe-secret",
            "--secret-id",
            &format!("{n}-t"),
        ],
    );
    same(
        &ctx,
        &[
            "secretsmanager",
            "get-secret-value",
            "--secret-id",
            "no-such-secret",
        ],
    );
}

#[test]
fn dynamodb_tables_and_items() {
    let ctx = TestContext::new();
    let n = name("table");
    create(
        &ctx,
        &n,
        &[
            "dynamodb",
            "create-table",
            "--table-name",
            "{}",
            "--attribute-definitions",
            "AttributeName=pk,AttributeType=S",
            "--key-schema",
            "AttributeName=pk,KeyType=HASH",
            "--billing-mode",
            "PAY_PER_REQUEST",
        ],
    );
    let table = format!("{n}-o");
    for (i, tool) in ["a", "b"].iter().enumerate() {
        let item = format!(
            r#"{{"pk": {{"S": "{tool}"}}, "n": {{"N": "{i}"}}, "l": {{"L": [{{"BOOL": true}}, {{"NULL": true}}]}}}}"#
        );
        same(
            &ctx,
            &[
                "dynamodb",
                "put-item",
                "--table-name",
                &table,
                "--item",
                &item,
            ],
        );
    }
    same(
        &ctx,
        &[
            "dynamodb",
            "get-item",
            "--table-name",
            &table,
            "--key",
            r#"{"pk": {"S": "a"}}"#,
        ],
    );
    same(&ctx, &["dynamodb", "scan", "--table-name", &table]);
    same(
        &ctx,
        &[
            "dynamodb",
            "query",
            "--table-name",
            &table,
            "--key-condition-expression",
            "pk = :v",
            "--expression-attribute-values",
            r#"{":v": {"S": "b"}}"#,
        ],
    );
    same(
        &ctx,
        &["dynamodb", "describe-table", "--table-name", &table],
    );
    let tables = same(&ctx, &["dynamodb", "list-tables"]);
    assert!(
        tables["TableNames"].to_string().contains(&table),
        "{tables}"
    );
    same(
        &ctx,
        &[
            "dynamodb",
            "describe-table",
            "--table-name",
            "no-such-table",
        ],
    );
}

#[test]
fn sqs_queues_and_messages() {
    let ctx = TestContext::new();
    let n = name("queue");
    create(&ctx, &n, &["sqs", "create-queue", "--queue-name", "{}"]);
    let url = format!("{}/123456789012/{n}-o", moto().endpoint());
    create(
        &ctx,
        &n,
        &[
            "sqs",
            "send-message",
            "--queue-url",
            &url,
            "--message-body",
            "hello",
        ],
    );
    same(
        &ctx,
        &[
            "sqs",
            "get-queue-attributes",
            "--queue-url",
            &url,
            "--attribute-names",
            "QueueArn",
            "DelaySeconds",
        ],
    );
    same(
        &ctx,
        &["sqs", "get-queue-url", "--queue-name", &format!("{n}-t")],
    );
}

#[test]
fn sns_topics() {
    let ctx = TestContext::new();
    let n = name("topic");
    let topic = create(&ctx, &n, &["sns", "create-topic", "--name", "{}"]);
    let arn = topic["TopicArn"].as_str().expect("an ARN").to_string();
    same(&ctx, &["sns", "get-topic-attributes", "--topic-arn", &arn]);
    create(
        &ctx,
        &n,
        &["sns", "publish", "--topic-arn", &arn, "--message", "hi"],
    );
}

#[test]
fn ec2_networks_images_and_regions() {
    let ctx = TestContext::new();
    let vpc = create(
        &ctx,
        "vpc",
        &["ec2", "create-vpc", "--cidr-block", "10.7.0.0/16"],
    );
    let vpc_id = vpc["Vpc"]["VpcId"].as_str().expect("a VPC id").to_string();
    same(&ctx, &["ec2", "describe-vpcs", "--vpc-ids", &vpc_id]);
    same(
        &ctx,
        &[
            "ec2",
            "describe-vpcs",
            "--filters",
            &format!("Name=vpc-id,Values={vpc_id}"),
        ],
    );
    pair(
        &ctx,
        &[
            "ec2",
            "create-subnet",
            "--vpc-id",
            &vpc_id,
            "--cidr-block",
            "10.7.1.0/24",
        ],
        &[
            "ec2",
            "create-subnet",
            "--vpc-id",
            &vpc_id,
            "--cidr-block",
            "10.7.2.0/24",
        ],
    );
    same(
        &ctx,
        &[
            "ec2",
            "describe-subnets",
            "--filters",
            &format!("Name=vpc-id,Values={vpc_id}"),
        ],
    );
    let n = name("sg");
    create(
        &ctx,
        &n,
        &[
            "ec2",
            "create-security-group",
            "--group-name",
            "{}",
            "--description",
            "d",
            "--vpc-id",
            &vpc_id,
        ],
    );
    same(
        &ctx,
        &[
            "ec2",
            "describe-security-groups",
            "--filters",
            &format!("Name=vpc-id,Values={vpc_id}"),
        ],
    );
    same(
        &ctx,
        &[
            "ec2",
            "create-tags",
            "--resources",
            &vpc_id,
            "--tags",
            "Key=team,Value=core",
        ],
    );
    same(
        &ctx,
        &[
            "ec2",
            "describe-tags",
            "--filters",
            &format!("Name=resource-id,Values={vpc_id}"),
        ],
    );
    same(
        &ctx,
        &[
            "ec2",
            "describe-regions",
            "--region-names",
            "us-east-1",
            "eu-west-1",
        ],
    );
    same(
        &ctx,
        &[
            "ec2",
            "describe-images",
            "--owners",
            "amazon",
            "--max-items",
            "2",
        ],
    );
    same(&ctx, &["ec2", "describe-vpcs", "--vpc-ids", "vpc-00000000"]);
}

#[test]
fn s3api_buckets_and_objects() {
    let ctx = TestContext::new();
    let n = name("bucket");
    create(&ctx, &n, &["s3api", "create-bucket", "--bucket", "{}"]);
    let bucket = format!("{n}-o");
    std::fs::write(ctx.home().join("body.txt"), "hello from a file\n").unwrap();
    same(
        &ctx,
        &[
            "s3api",
            "put-object",
            "--bucket",
            &bucket,
            "--key",
            "dir/a.txt",
            "--body",
            "body.txt",
            "--content-type",
            "text/plain",
            "--metadata",
            "k=v",
        ],
    );
    same(
        &ctx,
        &[
            "s3api",
            "head-object",
            "--bucket",
            &bucket,
            "--key",
            "dir/a.txt",
        ],
    );
    let (o, t) = (
        ours(
            &ctx,
            &[
                "s3api",
                "get-object",
                "--bucket",
                &bucket,
                "--key",
                "dir/a.txt",
                "ours.out",
            ],
        ),
        theirs(
            &ctx,
            &[
                "s3api",
                "get-object",
                "--bucket",
                &bucket,
                "--key",
                "dir/a.txt",
                "theirs.out",
            ],
        ),
    );
    check(&o, &t, false);
    assert_eq!(
        std::fs::read(ctx.home().join("ours.out")).unwrap(),
        std::fs::read(ctx.home().join("theirs.out")).unwrap()
    );
    same(
        &ctx,
        &[
            "s3api",
            "put-object-tagging",
            "--bucket",
            &bucket,
            "--key",
            "dir/a.txt",
            "--tagging",
            "TagSet=[{Key=env,Value=dev}]",
        ],
    );
    same(
        &ctx,
        &[
            "s3api",
            "get-object-tagging",
            "--bucket",
            &bucket,
            "--key",
            "dir/a.txt",
        ],
    );
    same(&ctx, &["s3api", "list-objects-v2", "--bucket", &bucket]);
    same(
        &ctx,
        &[
            "s3api",
            "list-objects-v2",
            "--bucket",
            &bucket,
            "--prefix",
            "dir/",
            "--delimiter",
            "/",
        ],
    );
    // Keys are listed URL-encoded and decoded again (botocore asks S3 for encoding-type=url).
    same(
        &ctx,
        &[
            "s3api",
            "put-object",
            "--bucket",
            &bucket,
            "--key",
            "dir/x y+z&\u{e9}%41.txt",
        ],
    );
    for list in ["list-objects-v2", "list-objects", "list-object-versions"] {
        same(&ctx, &["s3api", list, "--bucket", &bucket]);
        same(
            &ctx,
            &["s3api", list, "--bucket", &bucket, "--prefix", "dir/x y+"],
        );
    }
    same(&ctx, &["s3api", "get-bucket-location", "--bucket", &bucket]);
    same(
        &ctx,
        &[
            "s3api",
            "head-object",
            "--bucket",
            &bucket,
            "--key",
            "missing",
        ],
    );
    same(
        &ctx,
        &[
            "s3api",
            "get-object-tagging",
            "--bucket",
            &bucket,
            "--key",
            "missing",
        ],
    );
    let buckets = same(&ctx, &["s3api", "list-buckets"]);
    assert!(buckets.to_string().contains(&bucket), "{buckets}");
}

#[test]
fn iam_roles() {
    let ctx = TestContext::new();
    let n = name("role");
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    create(
        &ctx,
        &n,
        &[
            "iam",
            "create-role",
            "--role-name",
            "{}",
            "--assume-role-policy-document",
            trust,
            "--tags",
            "Key=a,Value=b",
        ],
    );
    same(&ctx, &["iam", "get-role", "--role-name", &format!("{n}-o")]);
    same(
        &ctx,
        &["iam", "list-role-tags", "--role-name", &format!("{n}-t")],
    );
    same(&ctx, &["iam", "get-role", "--role-name", "no-such-role"]);
}

#[test]
fn cloudformation_stacks() {
    let ctx = TestContext::new();
    let n = name("stack");
    let template = r#"{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}},"Outputs":{"Name":{"Value":{"Fn::GetAtt":["Q","QueueName"]}}}}"#;
    create(
        &ctx,
        &n,
        &[
            "cloudformation",
            "create-stack",
            "--stack-name",
            "{}",
            "--template-body",
            template,
            "--parameters",
            "[]",
        ],
    );
    same(
        &ctx,
        &[
            "cloudformation",
            "describe-stacks",
            "--stack-name",
            &format!("{n}-o"),
        ],
    );
    same(
        &ctx,
        &[
            "cloudformation",
            "list-stack-resources",
            "--stack-name",
            &format!("{n}-o"),
        ],
    );
    same(
        &ctx,
        &[
            "cloudformation",
            "describe-stacks",
            "--stack-name",
            "no-such-stack",
        ],
    );
}

#[test]
fn logs_groups_and_events() {
    let ctx = TestContext::new();
    let n = name("/app/logs");
    create(
        &ctx,
        &n,
        &["logs", "create-log-group", "--log-group-name", "{}"],
    );
    let group = format!("{n}-o");
    create(
        &ctx,
        "s",
        &[
            "logs",
            "create-log-stream",
            "--log-group-name",
            &group,
            "--log-stream-name",
            "{}",
        ],
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let events = format!(
        "timestamp={now},message=first timestamp={},message=second",
        now + 1
    );
    let events: Vec<&str> = events.split(' ').collect();
    let mut args = vec![
        "logs",
        "put-log-events",
        "--log-group-name",
        &group,
        "--log-stream-name",
        "s-o",
        "--log-events",
    ];
    args.extend(events);
    create(&ctx, "events", &args);
    same(
        &ctx,
        &[
            "logs",
            "describe-log-groups",
            "--log-group-name-prefix",
            &group,
        ],
    );
    same(
        &ctx,
        &[
            "logs",
            "filter-log-events",
            "--log-group-name",
            &group,
            "--filter-pattern",
            "first",
        ],
    );
}

#[test]
fn kms_keys_and_blobs() {
    let ctx = TestContext::new();
    let key = create(
        &ctx,
        "key",
        &["kms", "create-key", "--description", "test key"],
    );
    let id = key["KeyMetadata"]["KeyId"]
        .as_str()
        .expect("a key id")
        .to_string();
    same(&ctx, &["kms", "describe-key", "--key-id", &id]);
    // The CLI v2 reads text blobs as base64; v1 sends the text's bytes. Give both base64.
    let o = ours(
        &ctx,
        &["kms", "encrypt", "--key-id", &id, "--plaintext", "aGVsbG8="],
    );
    o.assert_success();
    let blob = o.json()["CiphertextBlob"]
        .as_str()
        .expect("a blob")
        .to_string();
    std::fs::write(ctx.home().join("cipher.bin"), base64_decode(&blob)).unwrap();
    let plain = same(
        &ctx,
        &["kms", "decrypt", "--ciphertext-blob", "fileb://cipher.bin"],
    );
    assert_eq!(plain["Plaintext"], "aGVsbG8=", "{plain}");
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("base64")
}

#[test]
fn containers_ecr_ecs_eks() {
    let ctx = TestContext::new();
    let n = name("repo");
    create(
        &ctx,
        &n,
        &["ecr", "create-repository", "--repository-name", "{}"],
    );
    same(
        &ctx,
        &[
            "ecr",
            "describe-repositories",
            "--repository-names",
            &format!("{n}-o"),
        ],
    );
    let c = name("cluster");
    create(&ctx, &c, &["ecs", "create-cluster", "--cluster-name", "{}"]);
    same(
        &ctx,
        &["ecs", "describe-clusters", "--clusters", &format!("{c}-o")],
    );
    same(&ctx, &["eks", "list-clusters"]);
    same(
        &ctx,
        &[
            "ecr",
            "describe-repositories",
            "--repository-names",
            "no-such-repo",
        ],
    );
}

#[test]
fn events_route53_lambda() {
    let ctx = TestContext::new();
    let n = name("rule");
    create(
        &ctx,
        &n,
        &[
            "events",
            "put-rule",
            "--name",
            "{}",
            "--schedule-expression",
            "rate(5 minutes)",
        ],
    );
    same(
        &ctx,
        &["events", "describe-rule", "--name", &format!("{n}-o")],
    );
    let zone = format!("{}.example.com", name("zone"));
    let created = pair(
        &ctx,
        &[
            "route53",
            "create-hosted-zone",
            "--name",
            &format!("o.{zone}"),
            "--caller-reference",
            "o",
        ],
        &[
            "route53",
            "create-hosted-zone",
            "--name",
            &format!("t.{zone}"),
            "--caller-reference",
            "t",
        ],
    );
    let id = created["HostedZone"]["Id"]
        .as_str()
        .expect("a zone id")
        .to_string();
    same(&ctx, &["route53", "get-hosted-zone", "--id", &id]);
    same(
        &ctx,
        &[
            "route53",
            "list-resource-record-sets",
            "--hosted-zone-id",
            &id,
        ],
    );
    same(&ctx, &["lambda", "list-functions"]);
    same(
        &ctx,
        &[
            "lambda",
            "get-function",
            "--function-name",
            "no-such-function",
        ],
    );
}

#[test]
fn elbv2_autoscaling_rds_cloudwatch() {
    let ctx = TestContext::new();
    same(&ctx, &["elbv2", "describe-load-balancers"]);
    same(&ctx, &["autoscaling", "describe-auto-scaling-groups"]);
    same(&ctx, &["rds", "describe-db-instances"]);
    let ns = name("NS");
    same(
        &ctx,
        &[
            "cloudwatch",
            "put-metric-data",
            "--namespace",
            &ns,
            "--metric-data",
            "MetricName=m,Value=1.5",
        ],
    );
    same(&ctx, &["cloudwatch", "list-metrics", "--namespace", &ns]);
}

/// Bad input is refused before anything is sent, with the CLI's words and 252 (255 where the
/// CLI lets Python's own error through).
#[test]
fn bad_input_gets_the_clis_messages() {
    let ctx = TestContext::new();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &[
                "dynamodb",
                "put-item",
                "--table-name",
                "t",
                "--item",
                "{not json",
            ],
            252,
            "Error parsing parameter '--item': Invalid JSON:",
        ),
        (
            &["ec2", "describe-vpcs", "--filters", "Name=a,Values=[b"],
            252,
            "Error parsing parameter '--filters': Expected: ']', received: 'EOF' for input:",
        ),
        (
            &["ssm", "get-parameter", "--name", "file://missing.txt"],
            252,
            "Error parsing parameter '--name': Unable to load paramfile file://missing.txt: [Errno 2] No such file or directory: 'missing.txt'",
        ),
        (
            &[
                "ssm",
                "get-parameters-by-path",
                "--path",
                "/",
                "--max-results",
                "many",
            ],
            255,
            "invalid literal for int() with base 10: 'many'",
        ),
        (
            &["iam", "create-role", "--role-name", "r"],
            252,
            "the following arguments are required: --assume-role-policy-document",
        ),
        (
            &[
                "sqs",
                "send-message",
                "--queue-url",
                "u",
                "--message-body",
                "b",
                "--delay-seconds",
                "x",
            ],
            255,
            "invalid literal for int() with base 10: 'x'",
        ),
        (
            &["ec2", "describe-vpcs", "--max-results", "1"],
            252,
            "Invalid value for parameter MaxResults, value: 1, valid min value: 5",
        ),
    ];
    for (args, code, message) in cases {
        let o = ours(&ctx, args);
        assert_eq!(o.code, *code, "{o}");
        assert!(o.stderr.contains(message), "{o}");
    }
}

/// Skeletons are the CLI's, byte for byte (for inputs without enums: botocore picks an enum's
/// value at random, awsctl its first).
#[test]
fn input_skeletons_match_the_clis() {
    let ctx = TestContext::new();
    for args in [
        ["ec2", "describe-vpcs", "--generate-cli-skeleton"],
        ["sqs", "send-message", "--generate-cli-skeleton"],
    ] {
        let (o, t) = (ctx.cmd(args).run(), ctx.aws_cli(args).run());
        o.assert_success();
        assert_eq!(o.stdout, t.stdout, "{args:?}");
    }
}

/// Unknown services and operations: v2's message, suggestions from the whole table, 252.
#[test]
fn invalid_choices_suggest_from_the_whole_table() {
    let ctx = TestContext::new();
    let out = ctx.cmd(["ec2", "describe-vpcz"]).run();
    out.assert_code(252);
    assert!(
        out.stderr.starts_with(
            "\naws: [ERROR]: An error occurred (ParamValidation): argument operation: Found invalid choice 'describe-vpcz'\n\nMaybe you meant:\n\n  * describe-vpcs\n"
        ),
        "{out}"
    );
    let out = ctx.cmd(["dynamodbb", "list-tables"]).run();
    out.assert_code(252);
    assert!(
        out.stderr.contains(
            "argument command: Found invalid choice 'dynamodbb'\n\nMaybe you meant:\n\n  * dynamodb"
        ),
        "{out}"
    );
    // Operations with event streams are not offered.
    let out = ctx.cmd(["kinesis", "subscribe-to-shard"]).run();
    out.assert_code(252);
    let out = ctx
        .cmd([
            "lambda",
            "invoke-with-response-stream",
            "--function-name",
            "f",
        ])
        .run();
    out.assert_code(252);
}

/// `cli_error_format` from the option, the environment or the profile: a service error as a
/// JSON document, or v2's line alone with `legacy`.
#[test]
fn error_formats_from_the_option_the_environment_and_the_profile() {
    let ctx = TestContext::new();
    let missing = ["ssm", "get-parameter", "--name", "/no/such/parameter"];
    let json = "{\n    \"Code\": \"ParameterNotFound\",\n";
    let out = base(ctx.cmd(missing).args(["--cli-error-format", "json"])).run();
    out.assert_code(254);
    assert!(out.stderr.starts_with(json), "{out}");
    let out = base(ctx.cmd(missing))
        .env("AWS_CLI_ERROR_FORMAT", "legacy")
        .run();
    out.assert_code(254);
    assert!(
        out.stderr
            .starts_with("\naws: [ERROR]: An error occurred (ParameterNotFound)"),
        "{out}"
    );
    ctx.write_config("[default]\ncli_error_format = json\n");
    let out = base(ctx.cmd(missing)).run();
    out.assert_code(254);
    assert!(out.stderr.starts_with(json), "{out}");
    // The option wins over the profile.
    let out = base(ctx.cmd(missing).args(["--cli-error-format", "enhanced"])).run();
    assert!(out.stderr.starts_with("\naws: [ERROR]:"), "{out}");
}
