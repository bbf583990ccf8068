//! `rds generate-db-auth-token` side by side with the AWS CLI at one fixed instant: the CLI's
//! clock is fixed by a `sitecustomize` that replaces botocore's clock, ours by the test clock
//! offset, so the two tokens (presigned `rds-db` connect URLs) must be equal byte for byte.

use crate::common;

use std::time::{SystemTime, UNIX_EPOCH};

use common::{AwsCmd, Output, TestContext};

/// 2023-11-14T22:13:20Z.
const FIXED: u64 = 1_700_000_000;

fn keys(cmd: AwsCmd) -> AwsCmd {
    cmd.env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env(
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        )
        .env("AWS_DEFAULT_REGION", "eu-west-1")
}

/// The CLI with botocore's clock stopped at [`FIXED`].
fn theirs(ctx: &TestContext, args: &[&str], extra: &[(&str, &str)]) -> Output {
    let dir = ctx.home().join("fixed-clock");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("sitecustomize.py"),
        format!(
            "import datetime\nimport botocore.auth\n\
             _t = datetime.datetime.fromtimestamp({FIXED}, datetime.timezone.utc).replace(tzinfo=None)\n\
             botocore.auth.get_current_datetime = lambda *a, **k: _t\n"
        ),
    )
    .unwrap();
    let mut cmd = keys(ctx.aws_cli(args)).env("PYTHONPATH", &dir);
    for (k, v) in extra {
        cmd = cmd.env(k, v);
    }
    cmd.run()
}

/// awsctl with its signing clock shifted to [`FIXED`]; run again when a second boundary
/// passed between computing the shift and signing.
fn ours(ctx: &TestContext, args: &[&str], extra: &[(&str, &str)]) -> Output {
    for _ in 0..5 {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let offset = FIXED as i64 - now as i64;
        let mut cmd =
            keys(ctx.cmd(args)).env("AWSCTL_TEST_CLOCK_OFFSET_SECONDS", offset.to_string());
        for (k, v) in extra {
            cmd = cmd.env(k, v);
        }
        let out = cmd.run();
        if out.code != 0 || out.stdout.contains("X-Amz-Date=20231114T221320Z") {
            return out;
        }
    }
    panic!("could not sign at the fixed instant");
}

const ARGS: &[&str] = &[
    "rds",
    "generate-db-auth-token",
    "--hostname",
    "mydb.cluster-abc.eu-west-1.rds.amazonaws.com",
    "--port",
    "5432",
    "--username",
    "iam_user",
];

#[test]
fn token_equals_the_clis_at_the_same_instant() {
    let ctx = TestContext::new();
    let (o, t) = (ours(&ctx, ARGS, &[]), theirs(&ctx, ARGS, &[]));
    o.assert_success();
    t.assert_success();
    assert_eq!(o.stdout, t.stdout);
    // The documented shape: host:port/?Action=connect&DBUser=...&X-Amz-...
    assert!(
        o.stdout.starts_with(
            "mydb.cluster-abc.eu-west-1.rds.amazonaws.com:5432/?Action=connect&DBUser=iam_user&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20231114%2Feu-west-1%2Frds-db%2Faws4_request&X-Amz-Date=20231114T221320Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature="
        ),
        "{o}"
    );
}

#[test]
fn session_token_and_region_option_as_the_cli_signs_them() {
    let ctx = TestContext::new();
    let mut args = ARGS.to_vec();
    args[7] = "user name";
    args.extend(["--region", "ap-southeast-2"]);
    let token = [("AWS_SESSION_TOKEN", "FwoG/session+token=")];
    let (o, t) = (ours(&ctx, &args, &token), theirs(&ctx, &args, &token));
    o.assert_success();
    assert_eq!(o.stdout, t.stdout);
    assert!(o.stdout.contains("DBUser=user%20name&"), "{o}");
    assert!(o.stdout.contains("%2Fap-southeast-2%2Frds-db%2F"), "{o}");
    assert!(
        o.stdout
            .contains("&X-Amz-Security-Token=FwoG%2Fsession%2Btoken%3D&X-Amz-Signature="),
        "{o}"
    );
}

#[test]
fn a_missing_argument_or_region_fails_before_signing() {
    let ctx = TestContext::new();
    let out = keys(ctx.cmd([
        "rds",
        "generate-db-auth-token",
        "--hostname",
        "h",
        "--port",
        "1",
    ]))
    .run();
    out.assert_code(252);
    out.assert_stderr_contains("--username");
    let out = keys(ctx.cmd(ARGS)).env_remove("AWS_DEFAULT_REGION").run();
    out.assert_code(253);
    out.assert_stderr_contains("You must specify a region.");
    assert_eq!(out.stdout, "");
}
