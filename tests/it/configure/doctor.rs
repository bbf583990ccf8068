//! `awsctl configure doctor`: one test per finding, with a fake home, a cleared environment,
//! moto as STS (the caller's identity) and as the instance metadata service
//! (AWS_EC2_METADATA_SERVICE_ENDPOINT), and the fake server for the one answer no peer gives:
//! a root user's identity.

use crate::common;

use std::os::unix::fs::PermissionsExt;

use common::fake_server::{FakeServer, Reply};
use common::{AwsCmd, Moto, Output, TestContext};

const KEYS: &str = "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";

fn private_credentials(ctx: &TestContext, contents: &str) {
    ctx.write_credentials(contents);
    let path = ctx.credentials_path();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// `configure doctor` with STS on moto, IMDS off, and a region unless the test removes it.
fn doctor(ctx: &TestContext) -> AwsCmd {
    ctx.cmd(["configure", "doctor"])
        .env("AWS_ENDPOINT_URL", Moto::shared().endpoint())
        .env("AWS_REGION", "eu-west-1")
}

fn on_ec2(cmd: AwsCmd) -> AwsCmd {
    cmd.env("AWS_EC2_METADATA_DISABLED", "false").env(
        "AWS_EC2_METADATA_SERVICE_ENDPOINT",
        Moto::shared().endpoint(),
    )
}

fn codes(out: &Output) -> Vec<String> {
    out.stdout
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .map(|l| l.splitn(3, ": ").take(2).collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn a_clean_setup_reports_the_source_and_exits_0() {
    let ctx = TestContext::new();
    private_credentials(&ctx, KEYS);
    let out = doctor(&ctx).run();
    out.assert_success().assert_stdout(
        "Profile:      default\n\
         Credentials:  shared-credentials-file (access key ****************MPLE)\n\
         Shadowed:     <none>\n\
         Identity:     arn:aws:sts::123456789012:user/moto\n\
         Region:       eu-west-1\n\
         \n\
         No problems found.\n",
    );
    assert!(!out.stdout.contains("wJalr"), "no secret in the report");
}

#[test]
fn credentials_files_readable_by_others_are_an_error() {
    let ctx = TestContext::builder().credentials(KEYS).build();
    let path = ctx.credentials_path();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = doctor(&ctx).run();
    out.assert_code(1);
    assert_eq!(codes(&out), ["error file-permissions"]);
    assert!(
        out.stdout
            .contains(&format!("  fix: chmod 600 {}", path.display())),
        "{out}"
    );
}

#[test]
fn environment_keys_shadowing_the_instance_profile_and_the_file() {
    let ctx = TestContext::new();
    private_credentials(&ctx, KEYS);
    let out = on_ec2(doctor(&ctx))
        .env("AWS_ACCESS_KEY_ID", "AKIAI44QH8DHBEXAMPLE")
        .env(
            "AWS_SECRET_ACCESS_KEY",
            "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        )
        .run();
    out.assert_success();
    assert!(
        out.stdout
            .contains("Credentials:  env (access key ****************MPLE)\n"),
        "{out}"
    );
    assert!(
        out.stdout
            .contains("Shadowed:     shared-credentials-file, iam-role\n"),
        "{out}"
    );
    assert_eq!(
        codes(&out),
        ["warning keys-shadow-role", "warning long-term-keys-on-ec2"]
    );
    assert!(
        out.stdout
            .contains("shadow the instance profile role default-role"),
        "{out}"
    );
    assert!(out.stdout.contains("unset AWS_ACCESS_KEY_ID"), "{out}");
}

#[test]
fn file_keys_shadowing_a_container_role() {
    let ctx = TestContext::new();
    private_credentials(&ctx, KEYS.replace("AKIA", "ASIA").as_str());
    let out = doctor(&ctx)
        .env(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://127.0.0.1:9/creds",
        )
        .run();
    out.assert_success();
    assert_eq!(codes(&out), ["warning keys-shadow-role"]);
    assert!(
        out.stdout.contains("Shadowed:     container-role\n"),
        "{out}"
    );
    assert!(
        out.stdout
            .contains("from shared-credentials-file shadow the container's role"),
        "{out}"
    );
}

#[test]
fn long_term_keys_where_imds_answers() {
    let ctx = TestContext::new();
    private_credentials(&ctx, KEYS);
    let out = on_ec2(doctor(&ctx)).run();
    out.assert_success();
    assert!(
        codes(&out).contains(&"warning long-term-keys-on-ec2".to_string()),
        "{out}"
    );
    // Temporary keys on the same machine are not reported as long-term.
    private_credentials(&ctx, &KEYS.replace("AKIA", "ASIA"));
    let out = on_ec2(doctor(&ctx)).run();
    assert!(
        !codes(&out).contains(&"warning long-term-keys-on-ec2".to_string()),
        "{out}"
    );
}

#[test]
fn the_root_users_keys_are_an_error() {
    // No peer answers GetCallerIdentity with a root identity: the fake does.
    let sts = FakeServer::start(|_| {
        Reply::Status(
            200,
            "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:root</Arn><UserId>123456789012</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>".into(),
        )
    });
    let ctx = TestContext::new();
    private_credentials(&ctx, KEYS);
    let out = doctor(&ctx)
        .env("AWS_ENDPOINT_URL_STS", sts.endpoint())
        .run();
    out.assert_code(1);
    assert_eq!(codes(&out), ["error root-credentials"]);
    assert!(
        out.stdout
            .contains("Identity:     arn:aws:iam::123456789012:root\n"),
        "{out}"
    );
}

fn session_env(cmd: AwsCmd, expiration: time::OffsetDateTime) -> AwsCmd {
    let stamp = expiration
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    cmd.env("AWS_ACCESS_KEY_ID", "ASIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_SESSION_TOKEN", "token")
        .env("AWS_CREDENTIAL_EXPIRATION", stamp)
}

#[test]
fn expired_and_expiring_session_credentials() {
    let ctx = TestContext::new();
    let now = time::OffsetDateTime::now_utc();
    let out = session_env(doctor(&ctx), now - time::Duration::hours(1)).run();
    out.assert_code(1);
    assert_eq!(codes(&out), ["error credentials-expired"]);
    let out = session_env(doctor(&ctx), now + time::Duration::minutes(5)).run();
    out.assert_success();
    assert_eq!(codes(&out), ["warning credentials-expiring"]);
    let out = session_env(doctor(&ctx), now + time::Duration::hours(5)).run();
    out.assert_success();
    assert!(codes(&out).is_empty(), "{out}");
}

#[test]
fn keys_in_the_config_file() {
    let ctx = TestContext::builder()
        .config(&KEYS.replace("[default]", "[profile dev]"))
        .build();
    std::fs::set_permissions(ctx.config_path(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = doctor(&ctx).args(["--profile", "dev"]).run();
    out.assert_success();
    assert_eq!(codes(&out), ["warning keys-in-config-file"]);
    assert!(out.stdout.contains("Credentials:  config-file"), "{out}");
    // A config file with keys that others can read is an error too.
    std::fs::set_permissions(ctx.config_path(), std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = doctor(&ctx).args(["--profile", "dev"]).run();
    out.assert_code(1);
    assert_eq!(
        codes(&out),
        ["error file-permissions", "warning keys-in-config-file"]
    );
}

#[test]
fn an_mfa_profile_without_a_cached_session_is_reported_without_prompting() {
    let ctx = TestContext::new();
    private_credentials(&ctx, &KEYS.replace("[default]", "[base]"));
    ctx.write_config(
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/ana\n",
    );
    let out = doctor(&ctx).args(["--profile", "admin"]).stdin("").run();
    out.assert_success();
    assert_eq!(codes(&out), ["warning mfa-session-missing"]);
    assert!(
        out.stdout.contains("(arn:aws:iam::123456789012:mfa/ana)"),
        "{out}"
    );
    assert!(!out.stderr.contains("Enter MFA code"), "{out}");
}

#[test]
fn no_region() {
    let ctx = TestContext::new();
    private_credentials(&ctx, KEYS);
    let out = doctor(&ctx).env_remove("AWS_REGION").run();
    out.assert_success();
    assert_eq!(codes(&out), ["warning no-region"]);
    assert!(out.stdout.contains("Region:       <not set>\n"), "{out}");
}

#[test]
fn no_credentials_at_all() {
    let ctx = TestContext::new();
    let out = doctor(&ctx).run();
    out.assert_code(1);
    assert_eq!(codes(&out), ["error no-credentials"]);
    assert!(out.stdout.contains("Credentials:  <none>\n"), "{out}");
}

#[test]
fn json_for_machines() {
    let ctx = TestContext::new();
    private_credentials(&ctx, KEYS);
    let out = doctor(&ctx)
        .env_remove("AWS_REGION")
        .args(["--output", "json"])
        .run();
    out.assert_success();
    assert_eq!(
        out.json(),
        serde_json::json!({
            "Profile": "default",
            "CredentialSource": "shared-credentials-file",
            "AccessKeyId": "****************MPLE",
            "ShadowedSources": [],
            "Identity": "arn:aws:sts::123456789012:user/moto",
            "Region": null,
            "Findings": [{
                "Severity": "warning",
                "Code": "no-region",
                "Message": "No region is configured for profile default.",
                "Fix": "Set one: `region = us-east-1` in the profile, or AWS_REGION."
            }]
        })
    );
}

#[test]
fn an_mfa_profile_with_a_cached_session_is_clean() {
    let ctx = TestContext::new();
    private_credentials(&ctx, &KEYS.replace("[default]", "[base]"));
    ctx.write_config(
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/ana\n",
    );
    // One command with the code caches the session, as the CLI's would.
    ctx.cmd(["sts", "get-caller-identity", "--profile", "admin"])
        .env("AWS_ENDPOINT_URL", Moto::shared().endpoint())
        .env("AWS_REGION", "eu-west-1")
        .stdin("123456\n")
        .run()
        .assert_success();
    let out = doctor(&ctx).args(["--profile", "admin"]).stdin("").run();
    out.assert_success();
    assert!(codes(&out).is_empty(), "{out}");
    assert!(out.stdout.contains("Credentials:  assume-role"), "{out}");
    assert!(
        out.stdout
            .contains("Identity:     arn:aws:sts::123456789012:assumed-role/admin/"),
        "{out}"
    );
}
