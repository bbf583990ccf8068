//! `eks get-token` side by side with the AWS CLI at one fixed instant (the CLI's clock fixed by
//! a `sitecustomize`, ours by the test clock offset): the same ExecCredential byte for byte.
//! `eks update-kubeconfig` side by side on moto: the same kubeconfig (but the command the user
//! entry runs, `awsctl` for `aws`), the same lines, merged into an existing file.

use crate::common;

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use common::{AwsCmd, Moto, Output, TestContext};

/// 2023-11-14T22:13:20Z.
const FIXED: u64 = 1_700_000_000;

fn keys(cmd: AwsCmd) -> AwsCmd {
    cmd.env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env(
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        )
        .env("AWS_DEFAULT_REGION", "us-east-1")
}

fn with_env(mut cmd: AwsCmd, extra: &[(&str, &str)]) -> AwsCmd {
    for (k, v) in extra {
        cmd = cmd.env(k, v);
    }
    cmd
}

fn theirs_fixed(ctx: &TestContext, args: &[&str], extra: &[(&str, &str)]) -> Output {
    let dir = ctx.home().join("fixed-clock");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("sitecustomize.py"),
        format!(
            "import datetime\n\
             _t = datetime.datetime.fromtimestamp({FIXED}, datetime.timezone.utc).replace(tzinfo=None)\n\
             _f = lambda *a, **k: _t\n\
             import botocore.compat, botocore.auth, awscli.compat\n\
             botocore.compat.get_current_datetime = _f\n\
             botocore.auth.get_current_datetime = _f\n\
             awscli.compat.get_current_datetime = _f\n"
        ),
    )
    .unwrap();
    with_env(keys(ctx.aws_cli(args)), extra)
        .env("PYTHONPATH", &dir)
        .run()
}

fn ours_fixed(ctx: &TestContext, args: &[&str], extra: &[(&str, &str)]) -> Output {
    for _ in 0..5 {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let offset = (FIXED as i64 - now as i64).to_string();
        let out = with_env(keys(ctx.cmd(args)), extra)
            .env("AWSCTL_TEST_CLOCK_OFFSET_SECONDS", offset)
            .run();
        if out.code != 0 || out.stdout.contains("2023-11-14T22:27:20Z") {
            return out;
        }
    }
    panic!("could not sign at the fixed instant");
}

/// The presigned URL inside a token.
fn url_of(out: &Output) -> String {
    let token = out.json()["status"]["token"].as_str().unwrap().to_string();
    let encoded = token
        .strip_prefix("k8s-aws-v1.")
        .expect("the token's prefix");
    assert!(!encoded.contains('=') && !encoded.contains('+') && !encoded.contains('/'));
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded)
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn get_token_equals_the_clis_at_the_same_instant() {
    let ctx = TestContext::new();
    let args = ["eks", "get-token", "--cluster-name", "prod"];
    let (o, t) = (ours_fixed(&ctx, &args, &[]), theirs_fixed(&ctx, &args, &[]));
    o.assert_success();
    t.assert_success();
    assert_eq!(o.stdout, t.stdout);
    assert!(o.stdout.ends_with("}\n\n"), "{o}");
    assert_eq!(
        o.json()["status"]["expirationTimestamp"],
        "2023-11-14T22:27:20Z"
    );
    let url = url_of(&o);
    assert!(
        url.starts_with("https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20231114%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20231114T221320Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Signature="),
        "{url}"
    );
}

#[test]
fn get_token_in_another_region_with_a_session_token_and_text_output() {
    let ctx = TestContext::new();
    let args = [
        "eks",
        "get-token",
        "--cluster-name",
        "c2",
        "--region",
        "eu-west-1",
        "--output",
        "text",
    ];
    let extra = [
        ("AWS_SESSION_TOKEN", "FwoG/tok+en="),
        ("AWS_STS_REGIONAL_ENDPOINTS", "regional"),
    ];
    let (o, t) = (
        ours_fixed(&ctx, &args, &extra),
        theirs_fixed(&ctx, &args, &extra),
    );
    o.assert_success();
    assert_eq!(o.stdout, t.stdout);
    assert!(o.stdout.starts_with("client.authentication.k8s.io/v1beta1\tExecCredential\nSTATUS\t2023-11-14T22:27:20Z\tk8s-aws-v1."), "{o}");
}

#[test]
fn get_token_follows_the_exec_info_api_version() {
    let ctx = TestContext::new();
    let args = ["eks", "get-token", "--cluster-name", "c"];
    let v1 = r#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}"#;
    let out = keys(ctx.cmd(args)).env("KUBERNETES_EXEC_INFO", v1).run();
    out.assert_success();
    assert_eq!(out.json()["apiVersion"], "client.authentication.k8s.io/v1");
    assert_eq!(out.stderr, "");
    let (o, t) = (
        keys(ctx.cmd(args)).env("KUBERNETES_EXEC_INFO", "{").run(),
        keys(ctx.aws_cli(args))
            .env("KUBERNETES_EXEC_INFO", "{")
            .run(),
    );
    assert_eq!(o.stderr, t.stderr);
    assert_eq!(o.json()["apiVersion"], t.json()["apiVersion"]);
}

#[test]
fn get_token_with_a_role_signs_with_the_roles_credentials() {
    let ctx = TestContext::new();
    let moto = Moto::shared().endpoint();
    let out = keys(ctx.cmd([
        "eks",
        "get-token",
        "--cluster-name",
        "c",
        "--role-arn",
        "arn:aws:iam::123456789012:role/eks-admin",
    ]))
    .env("AWS_ENDPOINT_URL_STS", &moto)
    .run();
    out.assert_success();
    let url = url_of(&out);
    // moto's role keys start with ASIA and come with a session token.
    assert!(
        url.starts_with(&format!("{moto}/?Action=GetCallerIdentity")),
        "{url}"
    );
    assert!(url.contains("X-Amz-Credential=ASIA"), "{url}");
    assert!(url.contains("&X-Amz-Security-Token="), "{url}");
    assert!(!url.contains("AKIDEXAMPLE"), "{url}");
}

#[test]
fn get_token_needs_a_cluster_and_only_one_way_to_name_it() {
    let ctx = TestContext::new();
    let (o, t) = (
        keys(ctx.cmd(["eks", "get-token"])).run(),
        keys(ctx.aws_cli(["eks", "get-token"])).run(),
    );
    assert_eq!((o.code, o.stderr.as_str()), (t.code, t.stderr.as_str()));
    assert_eq!(o.stdout, "");
    let out = keys(ctx.cmd([
        "eks",
        "get-token",
        "--cluster-name",
        "a",
        "--cluster-id",
        "b",
    ]))
    .run();
    out.assert_code(252);
    out.assert_stderr_contains("The key \"cluster_id\" cannot be specified");
}

fn moto(cmd: AwsCmd) -> AwsCmd {
    keys(cmd).args(["--endpoint-url", &Moto::shared().endpoint()])
}

fn create_cluster(ctx: &TestContext, name: &str) {
    moto(ctx.cmd([
        "eks",
        "create-cluster",
        "--name",
        name,
        "--role-arn",
        "arn:aws:iam::123456789012:role/eks",
        "--resources-vpc-config",
        "subnetIds=subnet-1",
    ]))
    .run()
    .assert_success();
}

/// Both tools update their own copy of `start` (`None`: no file yet); returns both outputs
/// and both files.
fn both_update(args: &[&str], start: Option<&str>) -> (Output, Output, String, String) {
    let (a, b) = (TestContext::new(), TestContext::new());
    for ctx in [&a, &b] {
        if let Some(text) = start {
            std::fs::create_dir_all(ctx.home().join(".kube")).unwrap();
            std::fs::write(ctx.home().join(".kube/config"), text).unwrap();
        }
    }
    let mut full = vec!["eks", "update-kubeconfig"];
    full.extend(args);
    let o = moto(a.cmd(&full)).run();
    let t = moto(b.aws_cli(&full)).run();
    let read = |ctx: &TestContext| {
        std::fs::read_to_string(ctx.home().join(".kube/config")).unwrap_or_default()
    };
    let (mut o, mut t) = (o, t);
    o.stdout = a.filter(&o.stdout);
    t.stdout = b.filter(&t.stdout);
    (
        o,
        t,
        read(&a),
        read(&b).replace("command: aws\n", "command: awsctl\n"),
    )
}

#[test]
fn update_kubeconfig_writes_what_the_cli_writes() {
    let ctx = TestContext::new();
    let name = common::unique_name("kc");
    create_cluster(&ctx, &name);
    let (o, t, ours, theirs) = both_update(&["--name", &name], None);
    o.assert_success();
    assert_eq!(o.stdout, t.stdout);
    let arn = format!("arn:aws:eks:us-east-1:123456789012:cluster/{name}");
    assert_output_snapshot!(&ctx, o.stdout);
    assert_eq!(ours, theirs);
    assert!(
        ours.contains(&format!("current-context: {arn}\n")),
        "{ours}"
    );
    assert!(ours.contains("      command: awsctl\n"), "{ours}");
}

#[test]
fn update_kubeconfig_merges_into_an_existing_file_with_alias_and_role() {
    let ctx = TestContext::new();
    let name = common::unique_name("kc");
    create_cluster(&ctx, &name);
    let arn = format!("arn:aws:eks:us-east-1:123456789012:cluster/{name}");
    let existing = format!(
        "apiVersion: v1\nclusters:\n- cluster:\n    server: https://other.example\n  name: other\n- cluster:\n    server: https://stale.example\n  name: {arn}\ncontexts: []\ncurrent-context: other\nkind: Config\npreferences:\n  colors: true\nusers: []\nx-extra:\n  keep: this\n"
    );
    let args = [
        "--name",
        &name,
        "--alias",
        "prod",
        "--user-alias",
        "prod-user",
        "--role-arn",
        "arn:aws:iam::123456789012:role/k8s",
    ];
    let (o, t, ours, theirs) = both_update(&args, Some(&existing));
    o.assert_success();
    assert_eq!(o.stdout, t.stdout);
    assert_eq!(o.stdout, "Updated context prod in [HOME]/.kube/config\n");
    assert_eq!(ours, theirs);
    assert!(ours.contains("  name: other\n"), "{ours}");
    assert!(!ours.contains("stale.example"), "{ours}");
    assert!(ours.contains("x-extra:\n  keep: this\n"), "{ours}");
    assert!(
        ours.contains("      - --role\n      - arn:aws:iam::123456789012:role/k8s\n"),
        "{ours}"
    );
    assert!(ours.contains("current-context: prod\n"), "{ours}");
}

#[test]
fn update_kubeconfig_dry_run_prints_and_writes_nothing() {
    let ctx = TestContext::new();
    let name = common::unique_name("kc");
    create_cluster(&ctx, &name);
    let target = ctx.home().join("k/config");
    let args = [
        "eks",
        "update-kubeconfig",
        "--name",
        &name,
        "--dry-run",
        "--kubeconfig",
        target.to_str().unwrap(),
    ];
    let o = moto(ctx.cmd(args)).run();
    let t = moto(ctx.aws_cli(args)).run();
    o.assert_success();
    assert_eq!(
        o.stdout,
        t.stdout.replace("command: aws\n", "command: awsctl\n")
    );
    assert!(!target.exists());
}

#[test]
fn update_kubeconfig_of_an_unknown_cluster_is_the_services_error() {
    let ctx = TestContext::new();
    let args = ["eks", "update-kubeconfig", "--name", "no-such-cluster"];
    let (o, t) = (moto(ctx.cmd(args)).run(), moto(ctx.aws_cli(args)).run());
    o.assert_code(254);
    assert!(o.stderr.contains(t.stderr.trim()), "ours: {o}\ntheirs: {t}");
    assert!(!ctx.home().join(".kube").exists());
}

#[test]
fn update_kubeconfig_can_describe_the_cluster_as_another_role() {
    let ctx = TestContext::new();
    let name = common::unique_name("kc");
    create_cluster(&ctx, &name);
    let out = moto(ctx.cmd([
        "eks",
        "update-kubeconfig",
        "--name",
        &name,
        "--assume-role-arn",
        "arn:aws:iam::123456789012:role/cluster-reader",
        "--dry-run",
        "--debug",
    ]))
    .run();
    out.assert_success();
    assert!(out.stdout.contains(&format!("cluster/{name}\n")), "{out}");
    // AssumeRole with the caller's key, then DescribeCluster with the role's (moto: ASIA...).
    let signed_by = |service: &str| {
        out.stderr
            .lines()
            .find(|l| l.contains(&format!("/us-east-1/{service}/aws4_request")))
            .and_then(|l| l.split("Credential=").nth(1))
            .map(|c| c[..4].to_string())
    };
    assert_eq!(signed_by("sts").as_deref(), Some("AKID"), "{out}");
    assert_eq!(signed_by("eks").as_deref(), Some("ASIA"), "{out}");
    assert!(out.stderr.contains("EKSDescribeClusterSession"), "{out}");
}
