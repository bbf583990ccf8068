//! `configure mfa-login` against moto: the prompts, the profile written into the credentials
//! file (other lines kept, mode 0600), the three lines the CLI prints, and the written profile
//! used by a later command.

use crate::common;

use std::os::unix::fs::PermissionsExt;

use common::{Moto, TestContext};

const EXPIRES: &str = "Credentials will expire at ";

fn login(ctx: &TestContext, args: &[&str], stdin: &str) -> common::Output {
    ctx.cmd(["configure", "mfa-login"])
        .args(args)
        .env("AWS_ENDPOINT_URL", Moto::shared().endpoint())
        .env("AWS_REGION", "us-east-1")
        .stdin(stdin)
        .run()
}

#[test]
fn writes_the_session_into_a_profile_that_then_works() {
    let ctx = TestContext::builder().credentials("# my keys\n[default]\naws_access_key_id = AKIALONGTERMLONGTERM\naws_secret_access_key = longsecret\n").config("[default]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n").build();
    // mfa_serial comes from the profile; the code and the profile name are asked for.
    let out = login(&ctx, &[], "123456\n\n");
    out.assert_success();
    let lines: Vec<&str> = out.stdout.split('\n').collect();
    assert_eq!(
        lines[0],
        "MFA token code: Profile to update [123456789012-alice]: Temporary credentials written to profile '123456789012-alice'",
        "{out}"
    );
    assert!(
        lines[1].starts_with(EXPIRES)
            && lines[1].ends_with(" UTC")
            && lines[1].len() == EXPIRES.len() + 23,
        "{out}"
    );
    assert_eq!(
        lines[2],
        "To use these credentials, specify --profile 123456789012-alice when running AWS CLI commands"
    );
    let written = ctx.read_credentials();
    assert!(written.starts_with("# my keys\n[default]\naws_access_key_id = AKIALONGTERMLONGTERM\naws_secret_access_key = longsecret\n"), "{written}");
    assert!(
        written.contains("[123456789012-alice]\naws_access_key_id = "),
        "{written}"
    );
    assert!(written.contains("\naws_session_token = "), "{written}");
    // The file existed with mode 0644: kept, and v2's warning given.
    assert!(
        out.stderr
            .contains("is accessible by other users. Consider running 'chmod 600"),
        "{out}"
    );
    let out = ctx
        .cmd(["configure", "list", "--profile", "123456789012-alice"])
        .run();
    assert!(out.stdout.contains(": shared-credentials-file : "), "{out}");
    let out = ctx
        .cmd([
            "sts",
            "get-caller-identity",
            "--profile",
            "123456789012-alice",
            "--region",
            "us-east-1",
            "--endpoint-url",
            &Moto::shared().endpoint(),
        ])
        .run();
    out.assert_success();
}

#[test]
fn flags_skip_the_prompts_and_missing_answers_are_reported() {
    let ctx = TestContext::builder().credentials("[default]\naws_access_key_id = AKIALONGTERMLONGTERM\naws_secret_access_key = longsecret\n",).build();
    let out = login(
        &ctx,
        &[
            "--serial-number",
            "GAHT12345678",
            "--update-profile",
            "temp",
            "--duration-seconds",
            "900",
        ],
        "654321\n",
    );
    out.assert_success();
    assert!(
        out.stdout
            .starts_with("MFA token code: Temporary credentials written to profile 'temp'\n"),
        "{out}"
    );
    let out = login(&ctx, &["--serial-number", "GAHT12345678"], "\n");
    out.assert_code(1);
    assert_eq!(out.stderr, "MFA token code is required\n");
    let out = login(&ctx, &[], "\n");
    out.assert_code(1);
    assert_eq!(
        out.stderr,
        "MFA serial number or MFA device ARN is required\n"
    );
    let out = login(
        &ctx,
        &[
            "--duration-seconds",
            "60",
            "--serial-number",
            "GAHT12345678",
        ],
        "",
    );
    out.assert_code(252);
    assert!(
        out.stderr.contains(
            "Invalid value for parameter DurationSeconds, value: 60, valid min value: 900"
        ),
        "{out}"
    );
}

#[test]
fn without_credentials_it_asks_for_keys_first() {
    let ctx = TestContext::new();
    let out = login(
        &ctx,
        &["--update-profile", "fresh"],
        "AKIATYPEDTYPEDTYPED1\ntypedsecret\narn:aws:iam::123456789012:mfa/bob\n111222\n",
    );
    out.assert_success();
    assert!(
        out.stdout.starts_with("Please provide your AWS credentials:\nAWS Access Key ID: AWS Secret Access Key: MFA serial number or ARN: MFA token code: Temporary credentials written to profile 'fresh'\n"),
        "{out}"
    );
    assert!(
        ctx.read_credentials()
            .starts_with("[fresh]\naws_access_key_id = ")
    );
    let mode = std::fs::metadata(ctx.credentials_path())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "a new credentials file is private");
    assert!(!out.stdout.contains("typedsecret") && !out.stderr.contains("typedsecret"));
}
