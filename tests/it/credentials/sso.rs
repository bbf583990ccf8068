//! IAM Identity Center end to end: `sso login` (device code with pending and slow-down answers,
//! and the PKCE authorization code flow through a browser the test plays), commands run with
//! the role credentials against moto, the token refreshed when it nears expiry and written
//! back, the CLI's errors for missing and expired tokens, `sso logout`, `configure list` and
//! `configure doctor`, no secret in `--debug`, and the token cache shared with the AWS CLI
//! peer in both directions. SSO-OIDC and the portal are the harness's SSO fake (moto has
//! neither); STS is moto.

use crate::common;

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use common::sso_fake::{CLIENT_ID, CLIENT_SECRET, Script, SsoFake};
use common::{AwsCmd, Moto, TestContext};

const START_URL: &str = "https://d-9067f1e2.awsapps.com/start";

fn sha1_hex(text: &str) -> String {
    Sha1::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn config() -> String {
    format!(
        "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Developer\nregion = us-east-1\n\n\
         [sso-session corp]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\n\n\
         [profile legacy]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\nsso_account_id = 444455556666\nsso_role_name = ReadOnly\nregion = us-east-1\n"
    )
}

/// The token cache file of the `corp` session (or of the legacy profile's start URL).
fn token_file(ctx: &TestContext, name: &str) -> PathBuf {
    ctx.home()
        .join(".aws/sso/cache")
        .join(format!("{}.json", sha1_hex(name)))
}

fn read_json(path: &PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("the cache file")).unwrap()
}

fn mode(path: &PathBuf) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn with_endpoints(cmd: AwsCmd, fake: &SsoFake) -> AwsCmd {
    cmd.env("AWS_ENDPOINT_URL_SSO", fake.endpoint())
        .env("AWS_ENDPOINT_URL_SSO_OIDC", fake.endpoint())
        .env("AWS_ENDPOINT_URL_STS", Moto::shared().endpoint())
}

fn awsctl(ctx: &TestContext, fake: &SsoFake, args: &[&str]) -> AwsCmd {
    with_endpoints(ctx.cmd(args), fake)
}

fn identity(ctx: &TestContext, fake: &SsoFake, profile: &str) -> AwsCmd {
    awsctl(
        ctx,
        fake,
        &["sts", "get-caller-identity", "--profile", profile],
    )
}

/// A token in the cache as the CLI writes it, expiring `seconds` from now.
fn seed_token(ctx: &TestContext, name: &str, access: &str, refresh: &str, seconds: i64) {
    let at = |s: i64| {
        let t = time::OffsetDateTime::now_utc() + time::Duration::seconds(s);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    };
    let token = json!({
        "startUrl": START_URL, "region": "eu-west-1", "accessToken": access,
        "expiresAt": at(seconds), "clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET,
        "registrationExpiresAt": at(86400), "refreshToken": refresh,
    });
    let file = token_file(ctx, name);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, token.to_string()).unwrap();
}

#[test]
fn device_code_login_polls_through_pending_and_slow_down_then_commands_use_the_role() {
    let fake = SsoFake::start(Script {
        pending: 1,
        slow_downs: 1,
        interval: 0,
        ..Script::default()
    });
    let ctx = TestContext::builder().config(&config()).build();
    let started = Instant::now();
    let out = awsctl(
        &ctx,
        &fake,
        &[
            "sso",
            "login",
            "--profile",
            "dev",
            "--use-device-code",
            "--no-browser",
        ],
    )
    .run();
    out.assert_success();
    // One attempt before the instructions, one after, then five seconds of slow-down.
    assert!(started.elapsed() >= Duration::from_secs(5), "{out}");
    assert_eq!(fake.calls("/token").len(), 3);
    assert_output_snapshot!(&ctx, out.stdout);
    let register = &fake.calls("/client/register")[0].json();
    assert_eq!(register["clientName"], "botocore-client-corp");
    assert!(register.get("grantTypes").is_none(), "{register}");

    let file = token_file(&ctx, "corp");
    let token = read_json(&file);
    assert_eq!(mode(&file), 0o600);
    assert_eq!(token["startUrl"], START_URL);
    assert_eq!(token["region"], "eu-west-1");
    assert_eq!(token["clientId"], CLIENT_ID);
    assert!(
        token["accessToken"]
            .as_str()
            .unwrap()
            .starts_with("access-token-")
    );
    assert!(
        token["refreshToken"]
            .as_str()
            .unwrap()
            .starts_with("refresh-token-")
    );
    assert!(token["expiresAt"].as_str().unwrap().ends_with('Z'));

    let who = identity(&ctx, &fake, "dev").run();
    who.assert_success();
    assert_eq!(who.json()["Account"], "123456789012", "{who}");
    let role = &fake.calls("/federation/credentials")[0];
    assert!(
        role.path.contains("role_name=Developer") && role.path.contains("account_id=111122223333")
    );
    assert_eq!(
        role.header("x-amz-sso_bearer_token"),
        token["accessToken"].as_str()
    );
    // The role credentials are cached as the CLI v2 caches them, and reused.
    let key =
        sha1_hex(r#"{"accountId":"111122223333","roleName":"Developer","sessionName":"corp"}"#);
    let role_cache = ctx
        .home()
        .join(".aws/cli/cache")
        .join(format!("{key}.json"));
    let cached = read_json(&role_cache);
    assert_eq!(cached["ProviderType"], "sso");
    assert_eq!(cached["Credentials"]["AccessKeyId"], "ASIAFAKE111122223333");
    assert_eq!(cached["Credentials"]["AccountId"], "111122223333");
    assert_eq!(mode(&role_cache), 0o600);
    identity(&ctx, &fake, "dev").run().assert_success();
    assert_eq!(fake.calls("/federation/credentials").len(), 1);

    let list = awsctl(&ctx, &fake, &["configure", "list", "--profile", "dev"]).run();
    list.assert_success();
    assert!(
        list.stdout.lines().any(|l| l.starts_with("access_key")
            && l.contains("****************3333")
            && l.contains(": sso ")),
        "{list}"
    );
}

#[test]
fn pkce_login_takes_the_code_from_the_browser_redirect() {
    let fake = SsoFake::start(Script::default());
    let ctx = TestContext::builder().config(&config()).build();
    let seen = ctx.home().join("browser-url");
    let browser = ctx.home().join("browser.sh");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > {}.tmp && mv {0}.tmp {0}\n",
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let cmd = awsctl(&ctx, &fake, &["sso", "login", "--profile", "dev"])
        .env("BROWSER", &browser)
        .timeout(Duration::from_secs(60));
    let login = std::thread::spawn(move || cmd.run());

    // Play the browser: open the authorize page, follow its redirect to the loopback listener.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !seen.exists() {
        assert!(Instant::now() < deadline, "the browser was never opened");
        std::thread::sleep(Duration::from_millis(50));
    }
    let url = std::fs::read_to_string(&seen).unwrap();
    let prefix = format!("{}authorize?", fake.endpoint());
    let path = url
        .strip_prefix(&prefix[..prefix.len() - "authorize?".len() - 1])
        .expect(&url);
    assert!(url.starts_with(&prefix), "{url}");
    assert!(
        url.contains(
            "response_type=code&client_id=fake-client-id&redirect_uri=http%3A%2F%2F127.0.0.1%3A"
        ),
        "{url}"
    );
    assert!(
        url.contains("code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge="),
        "{url}"
    );
    let page = common::http::request(fake.port(), "GET", path, &[], b"").unwrap();
    assert_eq!(page.status, 302);
    let location = page.header("location").unwrap().to_string();
    let rest = location.strip_prefix("http://127.0.0.1:").expect(&location);
    let (port, callback) = rest.split_at(rest.find('/').unwrap());
    assert!(callback.starts_with("/oauth/callback?code="), "{location}");
    let landing = common::http::request(port.parse().unwrap(), "GET", callback, &[], b"").unwrap();
    assert_eq!(landing.status, 200);

    let out = login.join().unwrap();
    out.assert_success();
    assert!(
        out.stdout.starts_with("Attempting to open your default browser. If the browser does not open, open the following URL.\nIf you are unable to open the URL on this device, run this command again with the '--use-device-code' option.\n\n"),
        "{out}"
    );
    assert!(out.stdout.ends_with(&format!(
        "Successfully logged into Start URL: {START_URL}\n"
    )));
    let register = fake.calls("/client/register")[0].json();
    assert_eq!(
        register["grantTypes"],
        json!(["authorization_code", "refresh_token"])
    );
    assert_eq!(
        register["redirectUris"],
        json!(["http://127.0.0.1/oauth/callback"])
    );
    assert_eq!(register["issuerUrl"], START_URL);
    // The fake checked the verifier against the challenge before issuing this token.
    let token = read_json(&token_file(&ctx, "corp"));
    assert!(
        token["accessToken"]
            .as_str()
            .unwrap()
            .starts_with("access-token-")
    );
    identity(&ctx, &fake, "dev").run().assert_success();
}

#[test]
fn an_expired_device_code_is_the_clis_error() {
    let fake = SsoFake::start(Script {
        device_expired: true,
        ..Script::default()
    });
    let ctx = TestContext::builder().config(&config()).build();
    let out = awsctl(
        &ctx,
        &fake,
        &["sso", "login", "--profile", "legacy", "--no-browser"],
    )
    .run();
    out.assert_code(255);
    assert!(out.stderr.contains("The pending authorization to retrieve an SSO token has expired. The login flow to retrieve an SSO token must be restarted."), "{out}");
    // A legacy profile always signs in with the device code, under a timestamped client name.
    let register = fake.calls("/client/register")[0].json();
    assert!(
        register["clientName"]
            .as_str()
            .unwrap()
            .starts_with("botocore-client-1")
    );
    assert!(!token_file(&ctx, START_URL).exists());
}

#[test]
fn missing_and_expired_tokens_are_reported_as_the_cli_reports_them() {
    let fake = SsoFake::start(Script {
        refuse_refresh: true,
        ..Script::default()
    });
    let ctx = TestContext::builder().config(&config()).build();
    let out = identity(&ctx, &fake, "dev").run();
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
    let out = identity(&ctx, &fake, "legacy").run();
    out.assert_code(255);
    assert!(
        out.stderr
            .contains(&format!("Token for {START_URL} does not exist")),
        "{out}"
    );

    seed_token(&ctx, START_URL, "old", "old-refresh", -60);
    let out = identity(&ctx, &fake, "legacy").run();
    out.assert_code(255);
    assert!(out.stderr.contains("The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run awsctl sso login with the corresponding profile."), "{out}");

    seed_token(&ctx, "corp", "old", "old-refresh", -60);
    let out = identity(&ctx, &fake, "dev").run();
    out.assert_code(255);
    assert!(
        out.stderr
            .contains("Error when retrieving token from sso: Token has expired and refresh failed"),
        "{out}"
    );
    assert_eq!(fake.calls("/token").len(), 1);

    // A token the portal no longer accepts.
    seed_token(&ctx, "corp", "revoked", "r", 3600);
    let out = identity(&ctx, &fake, "dev").run();
    out.assert_code(255);
    assert!(
        out.stderr
            .contains("The SSO session associated with this profile has expired"),
        "{out}"
    );
}

#[test]
fn a_token_near_expiry_is_refreshed_and_written_back() {
    let fake = SsoFake::start(Script::default());
    let ctx = TestContext::builder().config(&config()).build();
    let (access, refresh) = fake.issue();
    seed_token(&ctx, "corp", &access, &refresh, 300);
    let out = identity(&ctx, &fake, "dev").run();
    out.assert_success();
    let call = fake.calls("/token")[0].json();
    assert_eq!(call["grantType"], "refresh_token");
    assert_eq!(call["refreshToken"], refresh.as_str());
    let file = token_file(&ctx, "corp");
    let token = read_json(&file);
    assert_ne!(token["accessToken"], access.as_str());
    assert_ne!(token["refreshToken"], refresh.as_str());
    assert_eq!(token["clientSecret"], CLIENT_SECRET);
    assert_eq!(mode(&file), 0o600);
    let role = &fake.calls("/federation/credentials")[0];
    assert_eq!(
        role.header("x-amz-sso_bearer_token"),
        token["accessToken"].as_str()
    );
    // The doctor reads the token too.
    let doctor = awsctl(&ctx, &fake, &["configure", "doctor", "--profile", "dev"]).run();
    assert!(
        doctor.stdout.contains("Credentials:  sso (access key"),
        "{doctor}"
    );
}

#[test]
fn logout_signs_out_and_removes_tokens_and_role_credentials() {
    let fake = SsoFake::start(Script::default());
    let ctx = TestContext::builder().config(&config()).build();
    let (access, refresh) = fake.issue();
    seed_token(&ctx, "corp", &access, &refresh, 3600);
    identity(&ctx, &fake, "dev").run().assert_success();
    let role_cache = ctx.home().join(".aws/cli/cache");
    assert_eq!(std::fs::read_dir(&role_cache).unwrap().count(), 1);
    // Another tool's file in the role cache stays.
    std::fs::write(role_cache.join("other.json"), r#"{"Credentials": {}}"#).unwrap();
    let out = awsctl(&ctx, &fake, &["sso", "logout"]).run();
    out.assert_success();
    assert_eq!(out.stdout, "");
    assert_eq!(fake.logged_out(), [access]);
    assert!(!token_file(&ctx, "corp").exists());
    let left: Vec<_> = std::fs::read_dir(&role_cache)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["other.json"]);
    let out = identity(&ctx, &fake, "dev").run();
    assert!(
        out.stderr.contains("Token for corp does not exist"),
        "{out}"
    );
}

#[test]
fn debug_output_carries_no_token_or_secret() {
    let fake = SsoFake::start(Script::default());
    let ctx = TestContext::builder().config(&config()).build();
    let login = awsctl(
        &ctx,
        &fake,
        &[
            "sso",
            "login",
            "--profile",
            "dev",
            "--use-device-code",
            "--no-browser",
            "--debug",
        ],
    )
    .run();
    login.assert_success();
    // Refresh too: the token is made to look nearly expired.
    let file = token_file(&ctx, "corp");
    let mut token = read_json(&file);
    token["expiresAt"] = json!("2020-01-01T00:00:00Z");
    std::fs::write(&file, token.to_string()).unwrap();
    let who = identity(&ctx, &fake, "dev").arg("--debug").run();
    who.assert_success();
    assert!(
        who.stderr.contains("/federation/credentials"),
        "the debug log shows the calls"
    );
    for out in [&login, &who] {
        assert!(!out.stderr.contains("SECRET"), "{out}");
        assert!(!out.stdout.contains("SECRET"), "{out}");
    }
}

#[test]
fn the_token_cache_is_shared_with_the_aws_cli_both_ways() {
    let fake = SsoFake::start(Script::default());
    let ctx = TestContext::builder().config(&config()).build();
    awsctl(
        &ctx,
        &fake,
        &[
            "sso",
            "login",
            "--profile",
            "dev",
            "--use-device-code",
            "--no-browser",
        ],
    )
    .run()
    .assert_success();
    let ours = identity(&ctx, &fake, "dev").run();
    ours.assert_success();
    // The AWS CLI reads the token awsctl wrote.
    let theirs = with_endpoints(
        ctx.aws_cli(["sts", "get-caller-identity", "--profile", "dev"]),
        &fake,
    )
    .run();
    theirs.assert_success();
    assert_eq!(theirs.json()["Arn"], ours.json()["Arn"]);
    let portal_calls = fake.calls("/federation/credentials");
    let written = read_json(&token_file(&ctx, "corp"));
    assert_eq!(
        portal_calls
            .last()
            .unwrap()
            .header("x-amz-sso_bearer_token"),
        written["accessToken"].as_str()
    );

    // And back: the AWS CLI refreshes a token near expiry and writes it; awsctl reads that.
    let (access, refresh) = fake.issue();
    seed_token(&ctx, "corp", &access, &refresh, 300);
    with_endpoints(
        ctx.aws_cli(["sts", "get-caller-identity", "--profile", "dev"]),
        &fake,
    )
    .run()
    .assert_success();
    let by_cli = read_json(&token_file(&ctx, "corp"));
    assert_ne!(
        by_cli["accessToken"],
        access.as_str(),
        "the AWS CLI refreshed it"
    );
    let calls_before = fake.calls("/token").len();
    std::fs::remove_dir_all(ctx.home().join(".aws/cli/cache")).ok();
    identity(&ctx, &fake, "dev").run().assert_success();
    assert_eq!(
        fake.calls("/token").len(),
        calls_before,
        "no second refresh"
    );
    assert_eq!(
        fake.calls("/federation/credentials")
            .last()
            .unwrap()
            .header("x-amz-sso_bearer_token"),
        by_cli["accessToken"].as_str()
    );
}

#[test]
fn configure_sso_session_writes_the_section_and_keeps_the_rest() {
    let ctx = TestContext::builder()
        .config("# my settings\n[default]\nregion = us-west-2\n")
        .build();
    let out = ctx
        .cmd(["configure", "sso-session"])
        .stdin("\nteam\nhttps://team.awsapps.com/start\n\nus-east-2\n\n")
        .run();
    out.assert_success();
    // The name is required: asked again after an empty answer; so is the region.
    assert_eq!(
        out.stdout,
        "SSO session name: SSO session name: SSO start URL [None]: SSO region [None]: SSO region [None]: SSO registration scopes [sso:account:access]: \n\
         Completed configuring SSO session: team\nRun the following to login and refresh access token for this session:\n\nawsctl sso login --sso-session team\n"
    );
    assert_output_snapshot!(&ctx, ctx.read_config());
}

#[test]
fn configure_sso_signs_in_lists_accounts_and_roles_and_writes_the_profile() {
    let fake = SsoFake::start(Script {
        pending: 1,
        interval: 0,
        ..Script::default()
    });
    let ctx = TestContext::builder()
        .config("# keep me\n[default]\noutput = json\n")
        .build();
    let out = awsctl(
        &ctx,
        &fake,
        &["configure", "sso", "--use-device-code", "--no-browser"],
    )
    .stdin(format!(
        "corp\n{START_URL}\neu-west-1\n\n2\nus-east-1\n\n\n"
    ))
    .run();
    out.assert_success();
    let stdout = &out.stdout;
    assert!(stdout.starts_with("SSO session name (Recommended): SSO start URL [None]: SSO region [None]: SSO registration scopes [sso:account:access]: Browser will not be automatically opened.\nPlease visit the following URL:\n\nhttps://device.sso.fake/\n"), "{out}");
    assert!(
        stdout.contains("There are 2 AWS accounts available to you.\n  1) Production, prod@example.com (999988887777)\n  2) Sandbox, sandbox@example.com (111122223333)\nSelect one [1]: Using the account ID 111122223333\nThe only role available to you is: Developer\nUsing the role name \"Developer\"\n"),
        "{out}"
    );
    assert!(
        stdout.ends_with("Default client Region [None]: CLI default output format (json if not specified) [None]: Profile name [Developer-111122223333]: To use this profile, specify the profile name using --profile, as shown:\n\nawsctl sts get-caller-identity --profile Developer-111122223333\n"),
        "{out}"
    );
    assert_output_snapshot!(&ctx, ctx.read_config());
    assert!(token_file(&ctx, "corp").exists());
    // The profile it wrote works.
    identity(&ctx, &fake, "Developer-111122223333")
        .run()
        .assert_success();
}

#[test]
fn the_portals_other_operations_come_from_the_model() {
    let fake = SsoFake::start(Script::default());
    let ctx = TestContext::builder().config(&config()).build();
    let (access, _) = fake.issue();
    let out = awsctl(
        &ctx,
        &fake,
        &[
            "sso",
            "list-accounts",
            "--access-token",
            &access,
            "--region",
            "eu-west-1",
            "--query",
            "accountList[].accountId",
        ],
    )
    .run();
    out.assert_success();
    // Both pages, through the model's paginator.
    assert_eq!(out.json(), json!(["999988887777", "111122223333"]));
    assert!(!out.stderr.contains(&access));
}

#[test]
fn an_sso_profile_can_be_a_roles_source_profile() {
    let fake = SsoFake::start(Script::default());
    let ctx = TestContext::builder().config(&format!(
        "{}\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = dev\nrole_session_name = from-sso\nregion = us-east-1\n",
        config()
    )).build();
    let (access, refresh) = fake.issue();
    seed_token(&ctx, "corp", &access, &refresh, 3600);
    let out = identity(&ctx, &fake, "admin").run();
    out.assert_success();
    assert_eq!(
        out.json()["Arn"],
        "arn:aws:sts::123456789012:assumed-role/admin/from-sso"
    );
    assert_eq!(fake.calls("/federation/credentials").len(), 1);
}
