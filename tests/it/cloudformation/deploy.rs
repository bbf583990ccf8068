//! `awsctl cloudformation deploy` on moto, side by side with the AWS CLI (the pinned v1 peer,
//! whose deploy is v2's but for its exit codes): each tool deploys its own stack (names ending
//! `-o` and `-t`) and must print the same lines; the stacks must come out the same. Errors
//! must read the same, with v2's exit codes (254 for a service's error where v1 says 255).

use crate::common;

use common::{Moto, Output, TestContext};
use md5::Digest;
use serde_json::Value;
use std::path::Path;

fn env(cmd: common::AwsCmd) -> common::AwsCmd {
    cmd.env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
}

fn ours(ctx: &TestContext, args: &[&str]) -> Output {
    env(ctx.cmd(args))
        .args(["--endpoint-url", &Moto::shared().endpoint()])
        .run()
}

fn theirs(ctx: &TestContext, args: &[&str]) -> Output {
    env(ctx.aws_cli(args))
        .args(["--endpoint-url", &Moto::shared().endpoint()])
        .run()
}

const TEMPLATE: &str = "Parameters:
  Env:
    Type: String
    Default: dev
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub \"${AWS::StackName}-${Env}\"
";

fn template(ctx: &TestContext, name: &str, text: &str) -> String {
    let path = ctx.home().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// Runs `args` with `{}` as `NAME-o` for awsctl and `NAME-t` for the CLI; both must succeed
/// and print the same (names swapped). Returns awsctl's output.
fn both(ctx: &TestContext, name: &str, args: &[&str]) -> Output {
    both_with(ctx, name, args, args)
}

/// [`both`], where the CLI is given other words (a form only v2 takes, as v1 does not).
fn both_with(ctx: &TestContext, name: &str, ours_args: &[&str], theirs_args: &[&str]) -> Output {
    let with = |args: &[&str], suffix: &str| -> Vec<String> {
        args.iter()
            .map(|a| a.replace("{}", &format!("{name}-{suffix}")))
            .collect()
    };
    let (a, b) = (with(ours_args, "o"), with(theirs_args, "t"));
    let o = ours(ctx, &a.iter().map(String::as_str).collect::<Vec<_>>());
    let t = theirs(ctx, &b.iter().map(String::as_str).collect::<Vec<_>>());
    t.assert_success();
    o.assert_success();
    assert_eq!(
        o.stdout,
        t.stdout.replace(&format!("{name}-t"), &format!("{name}-o")),
        "ours: {o}\ntheirs: {t}"
    );
    o
}

fn stack(ctx: &TestContext, name: &str) -> Value {
    let out = ours(
        ctx,
        &["cloudformation", "describe-stacks", "--stack-name", name],
    );
    out.assert_success();
    out.json()["Stacks"][0].clone()
}

#[test]
fn creates_then_updates_a_stack_with_overrides_and_tags() {
    let ctx = TestContext::new();
    let file = template(&ctx, "queue.yaml", TEMPLATE);
    let name = common::unique_name("deploy");
    let out = both(
        &ctx,
        &name,
        &[
            "cloudformation",
            "deploy",
            "--template-file",
            &file,
            "--stack-name",
            "{}",
            "--parameter-overrides",
            "Env=prod",
            "--tags",
            "team=web",
            "owner=ops",
        ],
    );
    assert_output_snapshot!(&ctx, out.stdout);
    for suffix in ["o", "t"] {
        let s = stack(&ctx, &format!("{name}-{suffix}"));
        assert_eq!(s["StackStatus"], "CREATE_COMPLETE", "{s}");
        assert_eq!(
            s["Parameters"],
            serde_json::json!([{"ParameterKey": "Env", "ParameterValue": "prod"}])
        );
        assert_eq!(
            s["Tags"],
            serde_json::json!([{"Key": "team", "Value": "web"}, {"Key": "owner", "Value": "ops"}])
        );
    }
    // An existing stack takes an UPDATE change set. awsctl reads the override from a JSON
    // file in CloudFormation's format, which v2 takes and the v1 peer does not: the CLI gets
    // the same value as Key=Value.
    let params = template(
        &ctx,
        "params.json",
        r#"[{"ParameterKey": "Env", "ParameterValue": "qa"}]"#,
    );
    let from_file = format!("file://{params}");
    let deploy = [
        "cloudformation",
        "deploy",
        "--template-file",
        &file,
        "--stack-name",
        "{}",
    ];
    let ours_args: Vec<&str> = deploy
        .iter()
        .copied()
        .chain(["--parameter-overrides", &from_file])
        .collect();
    let theirs_args: Vec<&str> = deploy
        .iter()
        .copied()
        .chain(["--parameter-overrides", "Env=qa"])
        .collect();
    both_with(&ctx, &name, &ours_args, &theirs_args);
    for suffix in ["o", "t"] {
        let s = stack(&ctx, &format!("{name}-{suffix}"));
        assert_eq!(s["StackStatus"], "UPDATE_COMPLETE", "{s}");
        assert_eq!(s["Parameters"][0]["ParameterValue"], "qa", "{s}");
    }
    // The same deploy again changes nothing: moto refuses the change set itself.
    let args = |suffix: &str| {
        vec![
            "cloudformation".to_string(),
            "deploy".into(),
            "--template-file".into(),
            file.clone(),
            "--stack-name".into(),
            format!("{name}-{suffix}"),
            "--parameter-overrides".into(),
            "Env=qa".into(),
        ]
    };
    let o = ours(
        &ctx,
        &args("o").iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let t = theirs(
        &ctx,
        &args("t").iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_eq!(t.code, 255, "{t}");
    o.assert_code(254);
    assert_eq!(
        o.stderr,
        format!("\naws: [ERROR]: {}\n", t.stderr.trim()),
        "theirs: {t}"
    );
}

#[test]
fn no_execute_changeset_stops_after_the_change_set() {
    let ctx = TestContext::new();
    let file = template(&ctx, "queue.yaml", TEMPLATE);
    let name = common::unique_name("review");
    let out = ours(
        &ctx,
        &[
            "cloudformation",
            "deploy",
            "--template-file",
            &file,
            "--stack-name",
            &name,
            "--no-execute-changeset",
        ],
    );
    out.assert_success();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "",
            "Waiting for changeset to be created..",
            "Changeset created successfully. Run the following command to review changes:"
        ]
    );
    let arn = lines[3]
        .strip_prefix("aws cloudformation describe-change-set --change-set-name ")
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        arn.contains(":changeSet/awscli-cloudformation-package-deploy-"),
        "{out}"
    );
    // Nothing was executed: the stack is only the change set's placeholder.
    assert_eq!(stack(&ctx, &name)["StackStatus"], "REVIEW_IN_PROGRESS");
    let described = ours(
        &ctx,
        &[
            "cloudformation",
            "describe-change-set",
            "--change-set-name",
            arn,
        ],
    );
    described.assert_success();
    assert_eq!(described.json()["Status"], "CREATE_COMPLETE", "{described}");
}

#[test]
fn the_clis_own_errors_read_the_same() {
    let ctx = TestContext::new();
    let file = template(&ctx, "queue.yaml", TEMPLATE);
    let big = template(
        &ctx,
        "big.yaml",
        &format!("{TEMPLATE}# {}\n", "x".repeat(51_200)),
    );
    let missing = ctx.home().join("missing.yaml").display().to_string();
    let cases: Vec<Vec<&str>> = vec![
        vec!["--template-file", &missing, "--stack-name", "s"],
        vec![
            "--template-file",
            &file,
            "--stack-name",
            "s",
            "--parameter-overrides",
            "Env",
        ],
        vec![
            "--template-file",
            &file,
            "--stack-name",
            "s",
            "--tags",
            "team",
        ],
        vec!["--template-file", &big, "--stack-name", "s"],
    ];
    for case in cases {
        let args: Vec<&str> = ["cloudformation", "deploy"]
            .into_iter()
            .chain(case)
            .collect();
        let (o, t) = (ours(&ctx, &args), theirs(&ctx, &args));
        assert_eq!(t.code, 255, "{t}");
        o.assert_code(255);
        assert_eq!(
            o.stderr,
            format!("\naws: [ERROR]: {}\n", t.stderr.trim()),
            "theirs: {t}"
        );
        assert_eq!(o.stdout, "");
    }
    let bad_json = ours(
        &ctx,
        &[
            "cloudformation",
            "deploy",
            "--template-file",
            &file,
            "--stack-name",
            "s",
            "--parameter-overrides",
            r#"[{"Key": "Env"}]"#,
        ],
    );
    bad_json.assert_code(252);
    bad_json
        .assert_stderr_contains("JSON passed to --parameter-overrides must be one of the formats");
}

#[test]
fn a_template_goes_through_s3_with_s3_bucket() {
    let ctx = TestContext::new();
    let file = template(&ctx, "queue.yaml", TEMPLATE);
    let bucket = common::unique_name("cfn-artifacts");
    let endpoint = Moto::shared().endpoint();
    // The CLI's S3 client ignores --endpoint-url (it names CloudFormation's endpoint): both
    // tools are pointed at moto for every service through AWS_ENDPOINT_URL instead.
    let run = |cmd: common::AwsCmd| env(cmd).env("AWS_ENDPOINT_URL", &endpoint).run();
    run(ctx.cmd(["s3", "mb", &format!("s3://{bucket}")])).assert_success();
    let args = [
        "cloudformation",
        "deploy",
        "--template-file",
        &file,
        "--stack-name",
        "via-s3",
        "--s3-bucket",
        &bucket,
        "--s3-prefix",
        "tpl",
    ];
    let o = run(ctx.cmd(args));
    let t = run(ctx.aws_cli(args));
    // The template is uploaded under its MD5, once: the CLI finds awsctl's copy and skips.
    let listed = run(ctx.cmd(["s3api", "list-objects-v2", "--bucket", &bucket]));
    let digest: String = md5::Md5::digest(TEMPLATE.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let keys: Vec<String> = listed.json()["Contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["Key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(keys, [format!("tpl/{digest}.template")]);
    // moto 5.2.5 cannot read a TemplateURL that names a loopback endpoint: both tools get
    // the same refusal of the change set, after the same upload.
    assert_eq!(
        o.code,
        if t.code == 255 { 254 } else { t.code },
        "ours: {o}\ntheirs: {t}"
    );
    if t.code != 0 {
        // awsctl uploaded (and says so, as the CLI does); the CLI found the copy and skipped.
        assert_eq!(
            o.stderr,
            format!(
                "\rUploading to tpl/{digest}.template  {size} / {size}.0  (100.00%)\naws: [ERROR]: {}\n",
                t.stderr.trim(),
                size = TEMPLATE.len()
            ),
            "theirs: {t}"
        );
    }
}

/// docs/examples/deploy-stack.sh, a deployment script as pipelines write them, runs unchanged
/// with `aws` replaced by `awsctl` and prints what it prints with the CLI.
#[test]
fn the_example_deployment_script_runs_with_either_tool() {
    let ctx = TestContext::new();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/deploy-stack.sh");
    let name = common::unique_name("example");
    let run = |tool: &Path, stack: &str| {
        let out = std::process::Command::new("bash")
            .arg(&script)
            .arg(stack)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", ctx.home())
            .env("TZ", "UTC")
            .env("AWS", tool)
            .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_ENDPOINT_URL", Moto::shared().endpoint())
            .env("AWS_CONFIG_FILE", ctx.config_path())
            .env("AWS_SHARED_CREDENTIALS_FILE", ctx.credentials_path())
            .env("AWS_PAGER", "")
            .output()
            .unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        assert!(
            out.status.success(),
            "{}: {}\n{}",
            tool.display(),
            text(&out.stdout),
            text(&out.stderr)
        );
        text(&out.stdout)
    };
    let ours = run(
        Path::new(env!("CARGO_BIN_EXE_awsctl")),
        &format!("{name}-o"),
    );
    let theirs = run(&common::peer_binary(common::AWS_CLI), &format!("{name}-t"));
    assert_eq!(
        ours,
        theirs.replace(&format!("{name}-t"), &format!("{name}-o"))
    );
    assert!(
        ours.contains(&format!(
            "queue: https://sqs.us-east-1.amazonaws.com/123456789012/{name}-o-staging\n"
        )),
        "{ours}"
    );
    assert!(ours.ends_with("UPDATE_COMPLETE\tprod\n"), "{ours}");
}
