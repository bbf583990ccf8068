//! `awsctl <service> wait` on moto, side by side with the AWS CLI (the pinned v1 peer, whose
//! waiters run the same botocore state machine): success prints nothing and exits 0; a
//! terminal failure state or an unexpected error ends at once with the same
//! `Waiter NAME failed: ...` line (v2 puts its `aws: [ERROR]: ` prefix before it) and exit 255.
//! Every waiter here settles on its first poll, so no test sleeps through a delay.

use crate::common;

use common::{Moto, Output, TestContext};

fn base(cmd: common::AwsCmd) -> common::AwsCmd {
    cmd.args(["--endpoint-url", &Moto::shared().endpoint()])
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

/// Both tools wait for the same thing and succeed silently.
fn both_succeed(ctx: &TestContext, args: &[&str]) {
    let (o, t) = (ours(ctx, args), theirs(ctx, args));
    t.assert_success();
    o.assert_success();
    assert_eq!(o.stdout, "", "{o}");
    assert_eq!(o.stderr, "", "{o}");
    assert_eq!(t.stdout, "", "{t}");
}

/// Both tools fail with exit 255 and the same waiter message; returns ours.
fn both_fail(ctx: &TestContext, args: &[&str]) -> Output {
    let (o, t) = (ours(ctx, args), theirs(ctx, args));
    assert_eq!(t.code, 255, "{t}");
    o.assert_code(255);
    let message = t.stderr.trim();
    assert!(message.starts_with("Waiter "), "{t}");
    assert_eq!(
        o.stderr,
        format!("\naws: [ERROR]: {message}\n"),
        "theirs: {t}"
    );
    assert_eq!(o.stdout, "");
    o
}

fn run_instance(ctx: &TestContext) -> String {
    let out = ours(
        ctx,
        &[
            "ec2",
            "run-instances",
            "--image-id",
            "ami-12c6146b",
            "--instance-type",
            "t2.micro",
            "--query",
            "Instances[0].InstanceId",
            "--output",
            "text",
        ],
    );
    out.assert_success();
    out.stdout.trim().to_string()
}

#[test]
fn ec2_instance_running_then_terminated_and_running_fails_once_terminated() {
    let ctx = TestContext::new();
    let id = run_instance(&ctx);
    both_succeed(
        &ctx,
        &["ec2", "wait", "instance-running", "--instance-ids", &id],
    );
    ours(&ctx, &["ec2", "terminate-instances", "--instance-ids", &id]).assert_success();
    both_succeed(
        &ctx,
        &["ec2", "wait", "instance-terminated", "--instance-ids", &id],
    );
    // A terminated instance is a terminal failure state of instance-running.
    let failed = both_fail(
        &ctx,
        &["ec2", "wait", "instance-running", "--instance-ids", &id],
    );
    failed.assert_stderr_contains(
        "Waiter InstanceRunning failed: Waiter encountered a terminal failure state: For expression \"Reservations[].Instances[].State.Name\" we matched expected path: \"terminated\" at least once",
    );
}

#[test]
fn dynamodb_table_exists() {
    let ctx = TestContext::new();
    let table = common::unique_name("waited");
    ours(
        &ctx,
        &[
            "dynamodb",
            "create-table",
            "--table-name",
            &table,
            "--attribute-definitions",
            "AttributeName=pk,AttributeType=S",
            "--key-schema",
            "AttributeName=pk,KeyType=HASH",
            "--billing-mode",
            "PAY_PER_REQUEST",
        ],
    )
    .assert_success();
    both_succeed(
        &ctx,
        &["dynamodb", "wait", "table-exists", "--table-name", &table],
    );
    // The operation's arguments are checked as the operation's: the table name is required.
    let out = ours(&ctx, &["dynamodb", "wait", "table-exists"]);
    out.assert_code(252);
    out.assert_stderr_contains("the following arguments are required: --table-name");
}

#[test]
fn cloudformation_stack_create_complete_and_a_missing_stack() {
    let ctx = TestContext::new();
    let stack = common::unique_name("waited");
    let template = ctx.home().join("queue.yaml");
    std::fs::write(
        &template,
        "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub \"${AWS::StackName}-q\"\n",
    )
    .unwrap();
    let body = format!("file://{}", template.display());
    ours(
        &ctx,
        &[
            "cloudformation",
            "create-stack",
            "--stack-name",
            &stack,
            "--template-body",
            &body,
        ],
    )
    .assert_success();
    both_succeed(
        &ctx,
        &[
            "cloudformation",
            "wait",
            "stack-create-complete",
            "--stack-name",
            &stack,
        ],
    );
    // DescribeStacks on a stack that does not exist answers ValidationError: a failure state.
    let missing = common::unique_name("missing");
    let failed = both_fail(
        &ctx,
        &[
            "cloudformation",
            "wait",
            "stack-create-complete",
            "--stack-name",
            &missing,
        ],
    );
    failed.assert_stderr_contains(
        "Waiter StackCreateComplete failed: Waiter encountered a terminal failure state: Matched expected service error code: ValidationError",
    );
}

#[test]
fn an_error_no_acceptor_expects_ends_the_wait() {
    let ctx = TestContext::new();
    // ec2 volume-available has no error acceptor: a volume that does not exist ends it with
    // the service's error.
    let out = both_fail(
        &ctx,
        &[
            "ec2",
            "wait",
            "volume-available",
            "--volume-ids",
            "vol-0123456789abcdef0",
        ],
    );
    out.assert_stderr_contains(
        "Waiter VolumeAvailable failed: An error occurred (InvalidVolume.NotFound): ",
    );
}

#[test]
fn wait_without_a_waiter_or_with_a_wrong_one_is_an_argument_error() {
    let ctx = TestContext::new();
    let out = ours(&ctx, &["ec2", "wait"]);
    out.assert_code(252);
    assert_output_snapshot!(&ctx, out.stderr);
    let out = ours(&ctx, &["ec2", "wait", "instance-runing"]);
    out.assert_code(252);
    out.assert_stderr_contains(
        "argument subcommand: Found invalid choice 'instance-runing'\n\nMaybe you meant:\n\n  * instance-running\n",
    );
    // A service without waiters has no wait command.
    let out = ours(&ctx, &["sts", "wait"]);
    out.assert_code(252);
    out.assert_stderr_contains("argument operation: Found invalid choice 'wait'");
    // `wait` is among a service's commands, and its help lists the waiters.
    let help = ours(&ctx, &["dynamodb", "wait", "help"]);
    help.assert_success();
    assert!(help.stdout.contains("       o table-exists\n"), "{help}");
    assert!(
        help.stdout.contains("       o table-not-exists\n"),
        "{help}"
    );
}

#[test]
fn s3_waiters_decided_by_the_http_status() {
    let ctx = TestContext::new();
    let bucket = common::unique_name("waited");
    ours(&ctx, &["s3api", "create-bucket", "--bucket", &bucket]).assert_success();
    // HeadBucket's 200 is bucket-exists' success; HeadObject's 404 is object-not-exists'.
    both_succeed(
        &ctx,
        &["s3api", "wait", "bucket-exists", "--bucket", &bucket],
    );
    both_succeed(
        &ctx,
        &[
            "s3api",
            "wait",
            "object-not-exists",
            "--bucket",
            &bucket,
            "--key",
            "absent",
        ],
    );
}
