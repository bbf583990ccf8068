//! `ec2 get-password-data --priv-launch-key` side by side with the AWS CLI. moto answers
//! GetPasswordData with random text rather than data encrypted for a key pair, so a small fake
//! EC2 endpoint answers with a password encrypted (RSA PKCS #1 v1.5, by openssl) for the
//! test-only key in tests/data/customizations.

use crate::common;

use common::fake_server::{FakeServer, Reply};
use common::{AwsCmd, Output, TestContext};

const DATA: &str = "tests/data/customizations";

fn fake() -> FakeServer {
    let encrypted = std::fs::read_to_string(format!("{DATA}/test-only-password-data.b64")).unwrap();
    FakeServer::start(move |_| Reply::Typed {
        status: 200,
        content_type: "text/xml",
        body: format!(
            "<GetPasswordDataResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\
             <requestId>r-1</requestId><instanceId>i-0123</instanceId>\
             <timestamp>2026-01-02T03:04:05.000Z</timestamp>\
             <passwordData>{}</passwordData></GetPasswordDataResponse>",
            encrypted.trim()
        ),
    })
}

fn on(cmd: AwsCmd, server: &FakeServer) -> AwsCmd {
    cmd.args(["--endpoint-url", &server.endpoint()])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
}

fn both(ctx: &TestContext, server: &FakeServer, key: &str) -> (Output, Output) {
    let path = std::fs::canonicalize(format!("{DATA}/{key}"))
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| key.to_string());
    let args = [
        "ec2",
        "get-password-data",
        "--instance-id",
        "i-0123",
        "--priv-launch-key",
        &path,
    ];
    (
        on(ctx.cmd(args), server).run(),
        on(ctx.aws_cli(args), server).run(),
    )
}

#[test]
fn the_password_is_decrypted_as_the_cli_decrypts_it() {
    let ctx = TestContext::new();
    let server = fake();
    let (o, t) = both(&ctx, &server, "test-only-launch-key.pem");
    o.assert_success();
    t.assert_success();
    assert_eq!(o.json()["PasswordData"], "Pa$$w0rd-Test!");
    assert_eq!(o.json()["PasswordData"], t.json()["PasswordData"]);
    assert_eq!(o.json()["InstanceId"], "i-0123");
}

#[test]
fn without_the_key_the_data_stays_encrypted() {
    let ctx = TestContext::new();
    let server = fake();
    let args = ["ec2", "get-password-data", "--instance-id", "i-0123"];
    let out = on(ctx.cmd(args), &server).run();
    out.assert_success();
    let encrypted = std::fs::read_to_string(format!("{DATA}/test-only-password-data.b64")).unwrap();
    assert_eq!(out.json()["PasswordData"], encrypted.trim());
}

#[test]
fn a_wrong_or_missing_key_fails_as_the_cli_does() {
    let ctx = TestContext::new();
    let server = fake();
    for key in ["test-only-other-key.pem", "/no/such/key.pem"] {
        let (o, t) = both(&ctx, &server, key);
        assert_eq!(o.code, 255, "{o}");
        assert_eq!(o.code, t.code, "ours: {o}\ntheirs: {t}");
        assert!(o.stderr.contains(t.stderr.trim()), "ours: {o}\ntheirs: {t}");
        assert_eq!(o.stdout, "");
    }
}
