//! `sts get-session-token`, `assume-role` and `decode-authorization-message` end to end:
//! against moto with authentication on (an allowed and a denied user; the temporary
//! credentials then work for later calls), and the fake server for DecodeAuthorizationMessage,
//! which no peer implements.

use crate::common;

use std::sync::OnceLock;

use common::fake_server::{FakeServer, Reply};
use common::{ALLOW_ALL_POLICY, Moto, Output, TestContext};

struct Server {
    moto: Moto,
    allowed: (String, String),
    denied: (String, String),
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let (moto, mut keys) =
            Moto::with_users(&[("allowed", Some(ALLOW_ALL_POLICY)), ("denied", None)]);
        let denied = keys.pop().expect("two users");
        let allowed = keys.pop().expect("two users");
        Server {
            moto,
            allowed,
            denied,
        }
    })
}

fn run(ctx: &TestContext, keys: &(String, String), args: &[&str]) -> Output {
    ctx.cmd(args)
        .args([
            "--endpoint-url",
            &server().moto.endpoint(),
            "--region",
            "us-east-1",
        ])
        .env("AWS_ACCESS_KEY_ID", &keys.0)
        .env("AWS_SECRET_ACCESS_KEY", &keys.1)
        .run()
}

/// The temporary credentials of a response, as environment variables for a later call.
fn temporary(out: &Output) -> (String, String, String) {
    let c = &out.json()["Credentials"];
    let s = |k: &str| {
        c[k].as_str()
            .unwrap_or_else(|| panic!("no {k}: {out}"))
            .to_string()
    };
    (s("AccessKeyId"), s("SecretAccessKey"), s("SessionToken"))
}

fn caller_arn(ctx: &TestContext, creds: &(String, String, String)) -> String {
    let out = ctx
        .cmd([
            "sts",
            "get-caller-identity",
            "--query",
            "Arn",
            "--output",
            "text",
        ])
        .args([
            "--endpoint-url",
            &server().moto.endpoint(),
            "--region",
            "us-east-1",
        ])
        .env("AWS_ACCESS_KEY_ID", &creds.0)
        .env("AWS_SECRET_ACCESS_KEY", &creds.1)
        .env("AWS_SESSION_TOKEN", &creds.2)
        .run();
    out.assert_success();
    out.stdout.trim().to_string()
}

#[test]
fn get_session_token_with_mfa_gives_credentials_that_work() {
    let ctx = TestContext::new();
    let out = run(
        &ctx,
        &server().allowed,
        &[
            "sts",
            "get-session-token",
            "--serial-number",
            "arn:aws:iam::123456789012:mfa/allowed",
            "--token-code",
            "123456",
            "--duration-seconds",
            "900",
        ],
    );
    out.assert_success();
    let json = out.json();
    let keys: Vec<&str> = json["Credentials"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "AccessKeyId",
            "SecretAccessKey",
            "SessionToken",
            "Expiration"
        ]
    );
    assert!(
        json["Credentials"]["Expiration"]
            .as_str()
            .unwrap()
            .ends_with("+00:00"),
        "{out}"
    );
    // moto answers GetSessionToken with AWS's documentation example keys, which sign nothing
    // with authentication on; assume-role's credentials are reused below instead.
    assert!(!temporary(&out).0.is_empty());
    let text = run(
        &ctx,
        &server().allowed,
        &["sts", "get-session-token", "--output", "text"],
    );
    assert!(
        text.stdout.starts_with("CREDENTIALS\tAKIA") && text.stdout.matches('\t').count() == 4,
        "{text}"
    );
}

#[test]
fn a_denied_user_gets_the_services_access_denied() {
    let ctx = TestContext::new();
    let out = run(&ctx, &server().denied, &["sts", "get-session-token"]);
    out.assert_code(254);
    assert!(out.stderr.starts_with("\naws: [ERROR]: An error occurred (AccessDenied) when calling the GetSessionToken operation: User: arn:aws:iam::123456789012:user/denied is not authorized to perform: sts:GetSessionToken"), "{out}");
}

#[test]
fn assume_role_with_tags_and_policy_arns() {
    let ctx = TestContext::new();
    let out = run(
        &ctx,
        &server().allowed,
        &[
            "sts",
            "assume-role",
            "--role-arn",
            "arn:aws:iam::123456789012:role/deployer",
            "--role-session-name",
            "ci",
            "--tags",
            "Key=team,Value=infra",
            "Key=env,Value=prod",
            "--policy-arns",
            "arn=arn:aws:iam::aws:policy/ReadOnlyAccess",
            "--duration-seconds",
            "900",
            "--debug",
        ],
    );
    out.assert_success();
    let json = out.json();
    assert_eq!(
        json["AssumedRoleUser"]["Arn"],
        "arn:aws:sts::123456789012:assumed-role/deployer/ci"
    );
    assert!(
        out.stderr
            .contains("Tags.member.2.Key=env&Tags.member.2.Value=prod"),
        "{out}"
    );
    assert!(
        out.stderr
            .contains("PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess"),
        "{out}"
    );
    let secret = json["Credentials"]["SecretAccessKey"].as_str().unwrap();
    assert!(
        !out.stderr.contains(secret),
        "the role's secret key is in --debug output"
    );
    assert_eq!(
        caller_arn(&ctx, &temporary(&out)),
        "arn:aws:sts::123456789012:assumed-role/deployer/ci"
    );
}

#[test]
fn bad_parameters_are_refused_before_any_request() {
    let ctx = TestContext::new();
    let keys = &server().allowed;
    let out = run(
        &ctx,
        keys,
        &["sts", "get-session-token", "--duration-seconds", "abc"],
    );
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
    let out = run(
        &ctx,
        keys,
        &[
            "sts",
            "get-session-token",
            "--duration-seconds",
            "100",
            "--token-code",
            "12",
        ],
    );
    out.assert_code(252);
    assert_output_snapshot!(&ctx, out.stderr);
    let out = run(
        &ctx,
        keys,
        &[
            "sts",
            "assume-role",
            "--role-arn",
            "arn:aws:iam::123456789012:role/x",
        ],
    );
    out.assert_code(252);
    assert!(
        out.stderr
            .contains("the following arguments are required: --role-session-name"),
        "{out}"
    );
    let out = run(
        &ctx,
        keys,
        &[
            "sts",
            "assume-role",
            "--role-arn",
            "arn:x",
            "--role-session-name",
            "s",
            "--tags",
            "Key",
        ],
    );
    out.assert_code(252);
    assert!(
        out.stderr.contains(
            "Error parsing parameter '--tags': Expected: '=', received: 'EOF' for input:\nKey\n   ^"
        ),
        "{out}"
    );
}

const DOCUMENT: &str = r#"{"allowed":false,"explicitDeny":true,"matchedStatements":{"items":[{"statementId":"NoBigInstances","effect":"DENY","principals":{"items":[{"value":"AROA123456789EXAMPLE"}]},"principalGroups":{"items":[]},"actions":{"items":[{"value":"ec2:RunInstances"}]},"resources":{"items":[{"value":"*"}]},"conditions":{"items":[]}}]},"failures":{"items":[]},"context":{"principal":{"id":"AROA123456789EXAMPLE:Ana","arn":"arn:aws:sts::111122223333:assumed-role/Developer/Ana"},"action":"ec2:RunInstances","resource":"arn:aws:ec2:us-east-1:111122223333:instance/*","conditions":{"items":[{"key":"ec2:InstanceType","values":{"items":[{"value":"m5.24xlarge"}]}}]}}}"#;

/// DecodeAuthorizationMessage, which no peer implements, in the Query protocol's wire format.
fn decoder() -> FakeServer {
    FakeServer::start(|request| {
        let body = String::from_utf8_lossy(&request.body).to_string();
        if !body.contains("Action=DecodeAuthorizationMessage")
            || !body.contains("EncodedMessage=opaque-blob")
        {
            return Reply::Status(400, "<ErrorResponse><Error><Code>InvalidAuthorizationMessageException</Code><Message>bad</Message></Error></ErrorResponse>".into());
        }
        let escaped = DOCUMENT
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;");
        Reply::Status(
            200,
            format!(
                "<DecodeAuthorizationMessageResponse><DecodeAuthorizationMessageResult><DecodedMessage>{escaped}</DecodedMessage></DecodeAuthorizationMessageResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DecodeAuthorizationMessageResponse>"
            ),
        )
    })
}

#[test]
fn decode_authorization_message_prints_the_string_and_explains_it() {
    let fake = decoder();
    let ctx = TestContext::new();
    let cmd = |extra: &[&str]| {
        ctx.cmd([
            "sts",
            "decode-authorization-message",
            "--encoded-message",
            "opaque-blob",
            "--region",
            "us-east-1",
            "--endpoint-url",
            &fake.endpoint(),
        ])
        .args(extra)
        .env("AWS_ACCESS_KEY_ID", "AKIA")
        .env("AWS_SECRET_ACCESS_KEY", "s")
        .run()
    };
    let out = cmd(&[]);
    out.assert_success();
    assert_output_snapshot!(&ctx, out.stdout);
    let out = cmd(&["--explain"]);
    out.assert_success();
    assert!(
        out.stdout.starts_with("{\n  \"allowed\": false,\n"),
        "{out}"
    );
    assert!(
        out.stdout
            .contains("\nDecision: DENIED by an explicit Deny statement"),
        "{out}"
    );
    assert!(out.stdout.contains("\nAction: ec2:RunInstances\n"), "{out}");
    assert!(
        out.stdout
            .contains("  - NoBigInstances DENY actions: ec2:RunInstances resources: *\n"),
        "{out}"
    );
    assert!(
        out.stdout.contains("  ec2:InstanceType = m5.24xlarge\n"),
        "{out}"
    );
    let out = cmd(&["--query", "DecodedMessage", "--output", "text"]);
    assert_output_snapshot!(&ctx, out.stdout);
}
