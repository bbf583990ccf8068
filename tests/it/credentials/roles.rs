//! Role credentials against moto (AssumeRole, AssumeRoleWithWebIdentity): source profiles and
//! their chains, credential_source, loop detection, the MFA prompt, and the cache in
//! `~/.aws/cli/cache` that awsctl shares with the AWS CLI (checked in both directions).

use crate::common;

use std::os::unix::fs::PermissionsExt;

use common::{Moto, Output, TestContext};

const ROLE: &str = "arn:aws:iam::123456789012:role/test-role";
const MFA: &str = "arn:aws:iam::123456789012:mfa/alice";
/// sha1 of Python's json.dumps({"RoleArn": ROLE}, sort_keys=True).
const ROLE_CACHE: &str = "989478543169c4f9f0aba2d7c6210630af2b0e94.json";
/// The reference's MFA example: RoleArn + SerialNumber.
const MFA_CACHE: &str = "178641adef4fc621f1e77af6b479e96dab7b05e2.json";

/// Keys of profile `base`, the source profile of the roles.
const BASE_KEYS: &str =
    "[base]\naws_access_key_id = AKIABASEBASEBASEBAS1\naws_secret_access_key = basesecret\n";

fn identity(ctx: &TestContext, profile: &str) -> common::AwsCmd {
    ctx.cmd([
        "sts",
        "get-caller-identity",
        "--profile",
        profile,
        "--query",
        "Arn",
        "--output",
        "text",
    ])
    .env("AWS_REGION", "us-east-1")
}

fn cache_file(ctx: &TestContext, name: &str) -> std::path::PathBuf {
    ctx.home().join(".aws/cli/cache").join(name)
}

fn assumed(out: &Output, role: &str) {
    out.assert_success();
    assert!(
        out.stdout.starts_with(&format!(
            "arn:aws:sts::123456789012:assumed-role/{role}/awsctl-session-"
        )),
        "{out}"
    );
}

#[test]
fn a_role_profile_assumes_the_role_and_caches_it_in_the_clis_format() {
    let ctx = TestContext::builder()
        .credentials(BASE_KEYS)
        .region("us-east-1")
        .endpoint(&Moto::shared().endpoint())
        .config(&format!(
            "[profile role]\nrole_arn = {ROLE}\nsource_profile = base\n"
        ))
        .build();
    assumed(&identity(&ctx, "role").run(), "test-role");
    let file = cache_file(&ctx, ROLE_CACHE);
    let stored: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("cache file")).unwrap();
    assert!(
        stored["Credentials"]["Expiration"]
            .as_str()
            .unwrap()
            .ends_with("+00:00"),
        "{stored}"
    );
    assert_eq!(stored["Credentials"]["AccountId"], "123456789012");
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let second = identity(&ctx, "role").arg("--debug").run();
    assert!(
        second
            .stderr
            .contains("Credentials for role retrieved from cache."),
        "{second}"
    );
    assert!(!second.stderr.contains("AssumeRole request"), "{second}");
    let list = ctx.cmd(["configure", "list", "--profile", "role"]).run();
    assert!(list.stdout.contains(": assume-role      : \n"), "{list}");
}

#[test]
fn the_cache_is_shared_with_the_aws_cli_both_ways() {
    let ctx = TestContext::builder()
        .credentials(BASE_KEYS)
        .region("us-east-1")
        .endpoint(&Moto::shared().endpoint())
        .config(&format!(
            "[profile role]\nrole_arn = {ROLE}\nsource_profile = base\n"
        ))
        .build();
    // The AWS CLI assumes the role and caches it; awsctl uses its entry.
    let theirs = ctx
        .aws_cli(["sts", "get-caller-identity", "--profile", "role"])
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .run();
    theirs.assert_success();
    assert!(
        cache_file(&ctx, ROLE_CACHE).exists(),
        "the CLI wrote no {ROLE_CACHE}"
    );
    let ours = identity(&ctx, "role").arg("--debug").run();
    assert!(
        ours.stderr
            .contains("Credentials for role retrieved from cache."),
        "{ours}"
    );
    // awsctl assumes and caches; the AWS CLI uses its entry.
    std::fs::remove_file(cache_file(&ctx, ROLE_CACHE)).unwrap();
    assumed(&identity(&ctx, "role").run(), "test-role");
    let theirs = ctx
        .aws_cli(["sts", "get-caller-identity", "--profile", "role", "--debug"])
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .run();
    theirs.assert_success();
    assert!(
        theirs
            .stderr
            .contains("Credentials for role retrieved from cache"),
        "{theirs}"
    );
}

#[test]
fn mfa_code_is_prompted_for_and_sent() {
    let ctx = TestContext::builder()
        .credentials(BASE_KEYS)
        .region("us-east-1")
        .endpoint(&Moto::shared().endpoint())
        .config(&format!(
            "[profile mfa]\nrole_arn = {ROLE}\nsource_profile = base\nmfa_serial = {MFA}\n"
        ))
        .build();
    let out = identity(&ctx, "mfa").arg("--debug").stdin("982451\n").run();
    assumed(&out, "test-role");
    // Without a terminal the prompt goes to stderr after getpass's warning, as the CLI's does.
    assert!(
        out.stderr.contains(&format!(
            "Warning: Password input may be echoed.\nEnter MFA code for {MFA}: "
        )),
        "{out}"
    );
    assert!(
        out.stderr.contains("TokenCode=****") && !out.stderr.contains("982451"),
        "code not sent, or shown:\n{out}"
    );
    assert!(cache_file(&ctx, MFA_CACHE).exists());
    // Cached: no second prompt.
    let again = identity(&ctx, "mfa").run();
    assumed(&again, "test-role");
    assert!(!again.stderr.contains("Enter MFA code"), "{again}");
}

#[test]
fn source_profiles_chain_and_loops_are_refused() {
    let ctx = TestContext::builder()
        .credentials(BASE_KEYS)
        .region("us-east-1")
        .endpoint(&Moto::shared().endpoint())
        .config(&format!(
        "[profile first]\nrole_arn = {ROLE}\nsource_profile = base\n\
         [profile second]\nrole_arn = arn:aws:iam::123456789012:role/second-role\nsource_profile = first\n\
         [profile a]\nrole_arn = {ROLE}\nsource_profile = b\n[profile b]\nrole_arn = {ROLE}\nsource_profile = a\n"
    ))
        .build();
    assumed(&identity(&ctx, "second").run(), "second-role");
    let out = identity(&ctx, "a").run();
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
}

#[test]
fn credential_source_and_invalid_role_settings() {
    let ctx = TestContext::builder()
        .credentials(BASE_KEYS)
        .region("us-east-1")
        .endpoint(&Moto::shared().endpoint())
        .config(&format!(
        "[profile from-env]\nrole_arn = {ROLE}\ncredential_source = Environment\n\
         [profile both]\nrole_arn = {ROLE}\nsource_profile = base\ncredential_source = Environment\n\
         [profile neither]\nrole_arn = {ROLE}\n\
         [profile missing]\nrole_arn = {ROLE}\nsource_profile = ghost\n\
         [profile bogus]\nrole_arn = {ROLE}\ncredential_source = Bogus\n"
    ))
        .build();
    let out = identity(&ctx, "from-env")
        .env("AWS_ACCESS_KEY_ID", "AKIAENV")
        .env("AWS_SECRET_ACCESS_KEY", "s")
        .run();
    assumed(&out, "test-role");
    let error = |profile: &str| {
        let out = identity(&ctx, profile).run();
        out.assert_code(255);
        out.stderr
    };
    assert_output_snapshot!(&ctx, error("both"));
    assert_output_snapshot!(&ctx, error("neither"));
    assert_output_snapshot!(&ctx, error("missing"));
    assert_output_snapshot!(&ctx, error("bogus"));
    let out = identity(&ctx, "from-env").run();
    out.assert_code(255);
    assert!(
        out.stderr
            .contains("No credentials found in credential_source referenced in profile from-env"),
        "{out}"
    );
}

#[test]
fn web_identity_from_the_environment() {
    let ctx = TestContext::builder()
        .credentials(BASE_KEYS)
        .region("us-east-1")
        .endpoint(&Moto::shared().endpoint())
        .build();
    let token = ctx.home().join("token");
    std::fs::write(&token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln").unwrap();
    let run = |args: &[&str]| {
        ctx.cmd(args)
            .env("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web-role")
            .env("AWS_WEB_IDENTITY_TOKEN_FILE", &token)
            .env("AWS_ROLE_SESSION_NAME", "ci-job")
            .run()
    };
    let out = run(&["configure", "list"]);
    assert!(
        out.stdout.contains(": assume-role-with-web-identity : \n"),
        "{out}"
    );
    let out = run(&[
        "sts",
        "get-caller-identity",
        "--query",
        "Arn",
        "--output",
        "text",
        "--debug",
    ]);
    out.assert_success();
    assert!(out.stdout.contains("assumed-role/web-role/ci-job"), "{out}");
    assert!(
        !out.stderr.contains("c2ln"),
        "the token leaked into --debug:\n{out}"
    );
}

#[test]
fn a_cached_child_role_needs_no_prompt_for_its_parents_mfa() {
    let ctx = TestContext::builder()
        .credentials(BASE_KEYS)
        .region("us-east-1")
        .endpoint(&Moto::shared().endpoint())
        .config(&format!(
            "[profile mid]\nrole_arn = {ROLE}\nsource_profile = base\nmfa_serial = {MFA}\n\
         [profile top]\nrole_arn = arn:aws:iam::123456789012:role/top-role\nsource_profile = mid\n"
        ))
        .build();
    assumed(&identity(&ctx, "top").stdin("982451\n").run(), "top-role");
    std::fs::remove_file(cache_file(&ctx, MFA_CACHE)).expect("mid's entry was cached");
    // stdin is empty: a prompt would fail the command.
    let out = identity(&ctx, "top").run();
    assumed(&out, "top-role");
    assert!(!out.stderr.contains("Enter MFA code"), "{out}");
}

#[test]
fn end_of_input_at_the_mfa_prompt_stops_without_calling_sts() {
    let ctx = TestContext::builder()
        .credentials(BASE_KEYS)
        .region("us-east-1")
        .endpoint(&Moto::shared().endpoint())
        .config(&format!(
            "[profile mfa]\nrole_arn = {ROLE}\nsource_profile = base\nmfa_serial = {MFA}\n"
        ))
        .build();
    let out = identity(&ctx, "mfa").arg("--debug").run();
    out.assert_code(255);
    assert!(
        out.stderr
            .contains("unable to read the MFA code: EOF when reading a line"),
        "{out}"
    );
    assert!(!out.stderr.contains("AssumeRole request"), "{out}");
}

#[test]
fn mfa_role_credentials_are_not_renewed_by_prompting_again() {
    // 900 s credentials are inside the 15-minute refresh window from the start: a command that
    // makes several calls must keep them rather than ask for a new code for each call.
    let ctx = TestContext::builder()
        .credentials(BASE_KEYS)
        .region("us-east-1")
        .endpoint(&Moto::shared().endpoint())
        .config(&format!(
        "[profile short]\nrole_arn = {ROLE}\nsource_profile = base\nmfa_serial = {MFA}\nduration_seconds = 900\n"
    ))
        .build();
    let tag = common::unique_name("mfa-pages");
    for _ in 0..3 {
        let out = ctx
            .cmd([
                "ec2",
                "run-instances",
                "--image-id",
                "ami-12c6146b",
                "--tag-specifications",
                &format!("ResourceType=instance,Tags=[{{Key=t,Value={tag}}}]"),
            ])
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ACCESS_KEY_ID", "AKIA")
            .env("AWS_SECRET_ACCESS_KEY", "s")
            .run();
        out.assert_success();
    }
    let out = ctx
        .cmd([
            "ec2",
            "describe-instances",
            "--profile",
            "short",
            "--page-size",
            "1",
            "--filters",
            &format!("Name=tag:t,Values={tag}"),
            "--debug",
        ])
        .env("AWS_REGION", "us-east-1")
        .stdin("111111\n222222\n333333\n")
        .run();
    out.assert_success();
    assert_eq!(out.stderr.matches("Enter MFA code").count(), 1, "{out}");
    assert_eq!(
        out.stderr.matches("Sending AssumeRole request").count(),
        1,
        "{out}"
    );
    assert!(
        out.stderr
            .matches("Sending DescribeInstances request")
            .count()
            >= 2,
        "not paged: {out}"
    );
}

#[test]
fn web_identity_credentials_are_cached_like_the_cli() {
    let ctx = TestContext::builder()
        .credentials(BASE_KEYS)
        .region("us-east-1")
        .endpoint(&Moto::shared().endpoint())
        .build();
    let token = ctx.home().join("token");
    std::fs::write(&token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln").unwrap();
    let run = || {
        ctx.cmd(["sts", "get-caller-identity", "--debug"])
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web-role")
            .env("AWS_WEB_IDENTITY_TOKEN_FILE", &token)
            .env("AWS_ROLE_SESSION_NAME", "ci-job")
            .run()
    };
    run().assert_success();
    // sha1 of json.dumps({"RoleArn": "...web-role", "RoleSessionName": "ci-job"}, sort_keys=True)
    assert!(cache_file(&ctx, "4932de248ff2b48f74ec4d264bdfbc30dfdb9683.json").exists());
    let second = run();
    assert!(
        second
            .stderr
            .contains("Credentials for role retrieved from cache."),
        "{second}"
    );
}
