//! `ecr get-login-password` side by side with the AWS CLI on moto, and `ecr-public
//! get-login-password` on a small fake (moto has no ECR Public): the password alone on stdout,
//! service errors as the CLI reports them, and no token in `--debug`.

use crate::common;

use base64::Engine;
use common::fake_server::{FakeServer, Reply};
use common::{AwsCmd, Moto, TestContext};

fn on(cmd: AwsCmd, endpoint: &str) -> AwsCmd {
    cmd.args(["--endpoint-url", endpoint])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
}

#[test]
fn ecr_password_is_printed_alone_as_the_cli_prints_it() {
    let ctx = TestContext::new();
    let moto = Moto::shared().endpoint();
    let ours = on(ctx.cmd(["ecr", "get-login-password"]), &moto).run();
    let theirs = on(ctx.aws_cli(["ecr", "get-login-password"]), &moto).run();
    ours.assert_success();
    theirs.assert_success();
    // moto's token is base64 of `AWS:<account>-auth-token`.
    assert_eq!(ours.stdout, "123456789012-auth-token\n");
    assert_eq!(ours.stdout, theirs.stdout);
    assert_eq!(ours.stderr, "");
}

#[test]
fn ecr_password_never_reaches_debug_output() {
    let ctx = TestContext::new();
    let out = on(
        ctx.cmd(["ecr", "get-login-password", "--debug"]),
        &Moto::shared().endpoint(),
    )
    .run();
    out.assert_success();
    let token = base64::engine::general_purpose::STANDARD.encode("AWS:123456789012-auth-token");
    assert!(out.stderr.contains("GetAuthorizationToken"), "{out}");
    assert!(!out.stderr.contains("auth-token"), "{out}");
    assert!(!out.stderr.contains(&token), "{out}");
}

#[test]
fn other_ecr_operations_stay_model_driven() {
    let ctx = TestContext::new();
    let out = on(
        ctx.cmd([
            "ecr",
            "describe-repositories",
            "--repository-names",
            "none-here",
        ]),
        &Moto::shared().endpoint(),
    )
    .run();
    out.assert_code(254);
    out.assert_stderr_contains("RepositoryNotFoundException");
}

#[test]
fn ecr_unreachable_endpoint_fails_as_the_cli_does() {
    let ctx = TestContext::new();
    let ours = on(ctx.cmd(["ecr", "get-login-password"]), "http://127.0.0.1:1").run();
    let theirs = on(
        ctx.aws_cli(["ecr", "get-login-password"]),
        "http://127.0.0.1:1",
    )
    .run();
    assert_eq!(ours.code, theirs.code, "ours: {ours}\ntheirs: {theirs}");
    assert_eq!(ours.stdout, "");
    ours.assert_stderr_contains("Could not connect to the endpoint URL: \"http://127.0.0.1:1/\"");
}

/// ECR Public's GetAuthorizationToken (JSON 1.1, target `SpencerFrontendService`), answered by
/// a fake because moto does not serve ECR Public.
#[test]
fn ecr_public_password_from_its_single_authorization_data() {
    let ctx = TestContext::new();
    let token = base64::engine::general_purpose::STANDARD.encode("AWS:pub-pass-123");
    let server = FakeServer::start(move |_| {
        Reply::json(
            200,
            serde_json::json!({"authorizationData": {
                "authorizationToken": token, "expiresAt": 1.7e9}}),
        )
    });
    let out = on(
        ctx.cmd(["ecr-public", "get-login-password", "--debug"]),
        &server.endpoint(),
    )
    .run();
    out.assert_success();
    assert_eq!(out.stdout, "pub-pass-123\n");
    assert!(!out.stderr.contains("pub-pass"), "{out}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].header("x-amz-target"),
        Some("SpencerFrontendService.GetAuthorizationToken")
    );
    assert!(
        requests[0]
            .header("authorization")
            .is_some_and(|a| a.contains("/us-east-1/ecr-public/aws4_request")),
        "{:?}",
        requests[0]
    );
}

#[test]
fn ecr_public_service_error_exits_254() {
    let ctx = TestContext::new();
    let server = FakeServer::start(|_| {
        Reply::json(
            400,
            serde_json::json!({"__type": "UnsupportedCommandException", "message": "nope"}),
        )
    });
    let out = on(
        ctx.cmd(["ecr-public", "get-login-password"]),
        &server.endpoint(),
    )
    .run();
    out.assert_code(254);
    out.assert_stderr_contains(
        "An error occurred (UnsupportedCommandException) when calling the GetAuthorizationToken operation: nope",
    );
    assert_eq!(out.stdout, "");
}
