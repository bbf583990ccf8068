//! `awsctl sts get-caller-identity` end to end against moto with signature checking on:
//! the output in every format, `--query`, the credential and settings precedence that decides
//! which keys are used, and the errors and exit codes of the AWS CLI v2.

use crate::common;

use std::sync::OnceLock;

use common::{Moto, TestContext};

/// One moto per test binary with authentication on and two IAM users, alice and bob.
struct AuthMoto {
    moto: Moto,
    alice: (String, String),
    bob: (String, String),
}

fn auth_moto() -> &'static AuthMoto {
    static SERVER: OnceLock<AuthMoto> = OnceLock::new();
    SERVER.get_or_init(|| {
        let (moto, mut keys) = Moto::with_users(&[("alice", None), ("bob", None)]);
        let bob = keys.pop().expect("two users");
        let alice = keys.pop().expect("two users");
        AuthMoto { moto, alice, bob }
    })
}

fn credentials_file(profile: &str, keys: &(String, String)) -> String {
    format!(
        "[{profile}]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
        keys.0, keys.1
    )
}

/// A context whose default profile holds alice's keys and region us-east-1.
fn alice_context() -> TestContext {
    TestContext::builder()
        .credentials(&credentials_file("default", &auth_moto().alice))
        .region("us-east-1")
        .build()
}

fn identity_args(extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "sts".to_string(),
        "get-caller-identity".into(),
        "--endpoint-url".into(),
        auth_moto().moto.endpoint(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

/// moto's identity for a user: (UserId, Account, Arn) read from our own JSON output.
fn identity(output: &common::Output) -> (String, String, String) {
    let v = output.json();
    let field = |k: &str| {
        v[k].as_str()
            .unwrap_or_else(|| panic!("no {k} in {output}"))
            .to_string()
    };
    (field("UserId"), field("Account"), field("Arn"))
}

#[test]
fn json_output_is_the_clis_with_a_user_created_in_moto() {
    let ctx = alice_context();
    let out = ctx.cmd(identity_args(&[])).run();
    out.assert_success();
    let (user_id, account, arn) = identity(&out);
    assert_eq!(arn, format!("arn:aws:iam::{account}:user/alice"));
    assert!(!user_id.is_empty());
    // Byte for byte: four-space indent, the service's key order, a final newline.
    assert_output_snapshot!(&ctx, redact: [(user_id, "[USER_ID]")], out.stdout);
    assert_eq!(out.stderr, "");
}

/// The AWS CLI itself against the same server with the same files: json, text and table
/// (formatted alike by v1 and v2) must match byte for byte, exit codes too.
#[test]
fn output_matches_the_aws_cli_side_by_side() {
    let ctx = alice_context();
    for format in ["json", "text", "table"] {
        for query in [None, Some("Arn"), Some("[Account, UserId]")] {
            let mut args = identity_args(&["--output", format]);
            if let Some(q) = query {
                args.extend(["--query".to_string(), q.to_string()]);
            }
            let ours = ctx.cmd(&args).run();
            let theirs = ctx.aws_cli(&args).run();
            theirs.assert_success();
            assert_eq!(
                ours.stdout, theirs.stdout,
                "--output {format} --query {query:?}\nawsctl: {ours}\naws: {theirs}"
            );
            assert_eq!(ours.code, theirs.code);
        }
    }
}

#[test]
fn text_table_and_yaml_outputs() {
    let ctx = alice_context();
    let json = ctx.cmd(identity_args(&[])).run();
    let (user_id, account, _) = identity(&json);
    let text = ctx.cmd(identity_args(&["--output", "text"])).run();
    text.assert_success();
    assert_output_snapshot!(&ctx, redact: [(user_id, "[USER_ID]")], text.stdout);
    let yaml = ctx.cmd(identity_args(&["--output", "yaml"])).run();
    yaml.assert_success();
    assert_output_snapshot!(&ctx, redact: [(user_id, "[USER_ID]")], yaml.stdout);
    let table = ctx.cmd(identity_args(&["--output", "table"])).run();
    table.assert_success();
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert!(lines[1].contains("GetCallerIdentity"), "{table}");
    assert!(
        table.stdout.contains(&format!("|  Account|  {account}")),
        "{table}"
    );
    assert!(
        table.stdout.contains(&format!("|  UserId |  {user_id}")),
        "{table}"
    );
    assert!(
        lines.iter().all(|l| l.len() == lines[0].len()),
        "ragged table:\n{table}"
    );
    let off = ctx.cmd(identity_args(&["--output", "off"])).run();
    off.assert_success().assert_stdout("");
}

#[test]
fn output_format_comes_from_env_then_profile() {
    let ctx = alice_context();
    ctx.write_config("[default]\nregion = us-east-1\noutput = text\n");
    let out = ctx.cmd(identity_args(&[])).run();
    assert!(
        out.stdout.contains("\tarn:aws:iam::") && out.stdout.contains(":user/alice\t"),
        "{out}"
    );
    assert_eq!(out.stdout.matches('\t').count(), 2, "{out}");
    let out = ctx
        .cmd(identity_args(&[]))
        .env("AWS_DEFAULT_OUTPUT", "yaml")
        .run();
    assert!(out.stdout.starts_with("Account: '"), "{out}");
}

#[test]
fn query_filters_before_rendering() {
    let ctx = alice_context();
    let out = ctx.cmd(identity_args(&["--query", "Arn"])).run();
    out.assert_success();
    assert!(
        out.stdout.starts_with("\"arn:aws:iam::") && out.stdout.ends_with("user/alice\"\n"),
        "{out}"
    );
    let out = ctx
        .cmd(identity_args(&["--query", "Arn", "--output", "text"]))
        .run();
    assert!(
        out.stdout.starts_with("arn:aws:iam::") && out.stdout.ends_with("user/alice\n"),
        "{out}"
    );
    let out = ctx
        .cmd(identity_args(&["--query", "{A: Account, Missing: Nope}"]))
        .run();
    assert_output_snapshot!(&ctx, out.stdout);
    let bad = ctx.cmd(identity_args(&["--query", "Arn[["])).run();
    bad.assert_code(252);
    assert!(bad.stderr.starts_with("\naws: [ERROR]: "), "{bad}");
}

#[test]
fn wrong_secret_is_signature_does_not_match_and_254() {
    let ctx = TestContext::new();
    let (key, _) = &auth_moto().alice;
    ctx.write_credentials(&credentials_file(
        "default",
        &(key.clone(), "not-the-secret".into()),
    ));
    let out = ctx.cmd(identity_args(&["--region", "us-east-1"])).run();
    out.assert_code(254);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.starts_with(
            "\naws: [ERROR]: An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: "
        ),
        "{out}"
    );
    assert!(!out.stderr.contains("not-the-secret"), "{out}");
}

#[test]
fn environment_keys_beat_aws_profile_but_not_the_profile_option() {
    let m = auth_moto();
    let ctx = TestContext::builder()
        .credentials(&credentials_file("bob", &m.bob))
        .config("[profile bob]\nregion = us-east-1\n")
        .build();
    let with_env = |cmd: common::AwsCmd| {
        cmd.env("AWS_ACCESS_KEY_ID", &m.alice.0)
            .env("AWS_SECRET_ACCESS_KEY", &m.alice.1)
    };
    let out = with_env(ctx.cmd(identity_args(&[])))
        .env("AWS_PROFILE", "bob")
        .run();
    assert!(identity(&out).2.ends_with(":user/alice"), "{out}");
    let out = with_env(ctx.cmd(identity_args(&["--profile", "bob"]))).run();
    assert!(identity(&out).2.ends_with(":user/bob"), "{out}");
}

#[test]
fn credentials_file_beats_config_file_keys() {
    let m = auth_moto();
    let ctx = TestContext::builder()
        .credentials(&credentials_file("default", &m.bob))
        .config(&format!(
            "[default]\nregion = us-east-1\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            m.alice.0, m.alice.1
        ))
        .build();
    let out = ctx.cmd(identity_args(&[])).run();
    assert!(identity(&out).2.ends_with(":user/bob"), "{out}");
    std::fs::remove_file(ctx.credentials_path()).unwrap();
    let out = ctx.cmd(identity_args(&[])).run();
    assert!(identity(&out).2.ends_with(":user/alice"), "{out}");
}

#[test]
fn endpoint_from_environment_and_services_section() {
    let m = auth_moto();
    let ctx = alice_context();
    let args = ["sts", "get-caller-identity"];
    let out = ctx
        .cmd(args)
        .env("AWS_ENDPOINT_URL_STS", m.moto.endpoint())
        .run();
    assert!(identity(&out).2.ends_with(":user/alice"), "{out}");
    let out = ctx
        .cmd(args)
        .env("AWS_ENDPOINT_URL", m.moto.endpoint())
        .run();
    out.assert_success();
    ctx.write_config(&format!(
        "[default]\nregion = us-east-1\nservices = local\n[services local]\nsts =\n  endpoint_url = {}\n",
        m.moto.endpoint()
    ));
    ctx.cmd(args).run().assert_success();
}

#[test]
fn no_credentials_is_253() {
    let ctx = TestContext::new();
    let out = ctx.cmd(identity_args(&["--region", "us-east-1"])).run();
    out.assert_code(253);
    assert_output_snapshot!(&ctx, out.stderr);
}

#[test]
fn no_region_is_253_and_comes_before_credentials() {
    // STS has a global endpoint: without a region the call goes there (v2), so the missing
    // credentials are what stops it.
    let ctx = TestContext::new();
    let out = ctx.cmd(identity_args(&[])).run();
    out.assert_code(253);
    assert!(out.stderr.contains("(NoCredentials)"), "{out}");
    // A regional service has nowhere to go: the region is reported first.
    let out = ctx.cmd(["ec2", "describe-vpcs"]).run();
    out.assert_code(253);
    assert_output_snapshot!(&ctx, out.stderr);
}

#[test]
fn region_precedence_reaches_the_signature() {
    // moto checks the credential scope's region is well formed, not which one: the proof that
    // the region is used is the Authorization header shown by --debug.
    let ctx = alice_context();
    let out = ctx
        .cmd(identity_args(&["--debug"]))
        .env("AWS_REGION", "eu-west-3")
        .env("AWS_DEFAULT_REGION", "ca-central-1")
        .run();
    out.assert_success();
    assert!(out.stderr.contains("/eu-west-3/sts/aws4_request"), "{out}");
    let out = ctx
        .cmd(identity_args(&["--debug", "--region", "ap-south-1"]))
        .env("AWS_REGION", "eu-west-3")
        .run();
    assert!(out.stderr.contains("/ap-south-1/sts/aws4_request"), "{out}");
}

#[test]
fn debug_output_never_shows_secrets() {
    let ctx = alice_context();
    let out = ctx.cmd(identity_args(&["--debug"])).run();
    out.assert_success();
    let secret = &auth_moto().alice.1;
    assert!(
        !out.stderr.contains(secret.as_str()),
        "secret key in --debug output"
    );
    assert!(out.stderr.contains("Signature=****"), "{out}");
    assert!(
        out.stderr.contains("amz-sdk-request': 'attempt=1'"),
        "{out}"
    );
    // stdout still holds only the data.
    identity(&out);
}

#[test]
fn unknown_profile_is_255() {
    let ctx = alice_context();
    let out = ctx.cmd(identity_args(&["--profile", "nope"])).run();
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
    let out = ctx.cmd(identity_args(&[])).env("AWS_PROFILE", "nope").run();
    out.assert_code(255);
}

#[test]
fn malformed_config_names_the_file_and_line() {
    let ctx = alice_context();
    ctx.write_config("[default]\nregion = us-east-1\nthis line is broken\n");
    let out = ctx.cmd(identity_args(&[])).run();
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
}

#[test]
fn connection_refused_is_255_after_the_configured_attempts() {
    let ctx = alice_context();
    // A port nothing listens on: bind, read the port, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let out = ctx
        .cmd([
            "sts",
            "get-caller-identity",
            "--endpoint-url",
            &url,
            "--debug",
        ])
        .env("AWS_MAX_ATTEMPTS", "2")
        .run();
    out.assert_code(255);
    assert!(
        out.stderr.ends_with(&format!(
            "\naws: [ERROR]: Could not connect to the endpoint URL: \"{url}/\"\n"
        )),
        "{out}"
    );
    assert!(out.stderr.contains("attempt=2; max=2"), "{out}");
    assert!(!out.stderr.contains("attempt=3"), "{out}");
}

#[test]
fn invalid_retry_settings_are_255() {
    let ctx = alice_context();
    let out = ctx
        .cmd(identity_args(&[]))
        .env("AWS_RETRY_MODE", "legacy")
        .run();
    out.assert_code(255);
    assert!(out.stderr.contains("Invalid value provided to \"mode\": \"legacy\" must be one of: \"standard\" or \"adaptive\""));
    let out = ctx
        .cmd(identity_args(&[]))
        .env("AWS_MAX_ATTEMPTS", "0")
        .run();
    out.assert_code(255);
}

#[test]
fn argument_errors_are_252() {
    let ctx = alice_context();
    let out = ctx.cmd(identity_args(&["--bogus"])).run();
    out.assert_code(252);
    assert!(
        out.stderr
            .contains("aws: [ERROR]: Unknown options: --bogus"),
        "{out}"
    );
    let out = ctx.cmd(identity_args(&["--output", "xml"])).run();
    out.assert_code(252);
    assert!(
        out.stderr
            .contains("argument --output: Found invalid choice 'xml'"),
        "{out}"
    );
    let out = ctx.cmd(["sts", "get-caller-identiti"]).run();
    out.assert_code(252);
    assert!(
        out.stderr
            .contains("Found invalid choice 'get-caller-identiti'"),
        "{out}"
    );
}

#[test]
fn version_and_no_sign_request() {
    let ctx = TestContext::new();
    let out = ctx.cmd(["--version"]).run();
    out.assert_success();
    assert!(out.stdout.starts_with("awsctl/"), "{out}");
    // Unsigned: credentials are not even looked for, and moto (auth on) refuses the call.
    let out = ctx
        .cmd(identity_args(&[
            "--no-sign-request",
            "--region",
            "us-east-1",
        ]))
        .run();
    out.assert_code(254);
    assert!(!out.stderr.contains("NoCredentials"), "{out}");
}
