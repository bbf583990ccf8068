//! The credential chain end to end, read through `configure list` (which shows the source the
//! chain picked) and signed calls: the static sources as data-driven cases, then each source
//! that needs a server, against moto (IMDS, AssumeRole, AssumeRoleWithWebIdentity) or the fake
//! server where no peer offers the behaviour (container endpoint).

use crate::common;

use common::fake_server::{FakeServer, Reply};
use common::{Moto, Output, TestContext};

fn row<'a>(out: &'a Output, name: &str) -> &'a str {
    out.stdout
        .lines()
        .find(|l| l.starts_with(name))
        .unwrap_or_else(|| panic!("no {name} row:\n{out}"))
}

/// What `configure list` prints for a key found by `source`.
fn key_row(name: &str, tail: &str, source: &str) -> String {
    format!("{name:<10} : ****************{tail:<8} : {source:<16} : ")
}

struct Case {
    name: &'static str,
    env: &'static [(&'static str, &'static str)],
    args: &'static [&'static str],
    config: &'static str,
    credentials: &'static str,
    /// The last four characters of the access key the chain must pick, and its source.
    expect: Option<(&'static str, &'static str)>,
}

const ENV_KEYS: &[(&str, &str)] = &[
    ("AWS_ACCESS_KEY_ID", "AKIAENVENVENVENVENV1"),
    ("AWS_SECRET_ACCESS_KEY", "envsecret"),
];
const FILE_KEYS: &str = "[default]\naws_access_key_id = AKIAFILEFILEFILEFIL2\naws_secret_access_key = filesecret\n[dev]\naws_access_key_id = AKIADEVDEVDEVDEVDEV3\naws_secret_access_key = devsecret\n";
const CONFIG_KEYS: &str = "[default]\naws_access_key_id = AKIACONFCONFCONFCON4\naws_secret_access_key = confsecret\n[profile dev]\nregion = eu-west-1\n";
const PROCESS: &str = "[default]\ncredential_process = printf '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCPROCPROCPRO5\", \"SecretAccessKey\": \"s\"}'\naws_access_key_id = AKIACONFCONFCONFCON4\naws_secret_access_key = confsecret\n";

const CASES: &[Case] = &[
    Case {
        name: "environment alone",
        env: ENV_KEYS,
        args: &[],
        config: "",
        credentials: "",
        expect: Some(("ENV1", "env")),
    },
    Case {
        name: "environment beats the files",
        env: ENV_KEYS,
        args: &[],
        config: CONFIG_KEYS,
        credentials: FILE_KEYS,
        expect: Some(("ENV1", "env")),
    },
    Case {
        name: "--profile removes the environment",
        env: ENV_KEYS,
        args: &["--profile", "dev"],
        config: CONFIG_KEYS,
        credentials: FILE_KEYS,
        expect: Some(("DEV3", "shared-credentials-file")),
    },
    Case {
        name: "AWS_PROFILE does not",
        env: &[
            ("AWS_ACCESS_KEY_ID", "AKIAENVENVENVENVENV1"),
            ("AWS_SECRET_ACCESS_KEY", "s"),
            ("AWS_PROFILE", "dev"),
        ],
        args: &[],
        config: CONFIG_KEYS,
        credentials: FILE_KEYS,
        expect: Some(("ENV1", "env")),
    },
    Case {
        name: "AWS_PROFILE selects the credentials-file profile",
        env: &[("AWS_PROFILE", "dev")],
        args: &[],
        config: CONFIG_KEYS,
        credentials: FILE_KEYS,
        expect: Some(("DEV3", "shared-credentials-file")),
    },
    Case {
        name: "credentials file beats config file",
        env: &[],
        args: &[],
        config: CONFIG_KEYS,
        credentials: FILE_KEYS,
        expect: Some(("FIL2", "shared-credentials-file")),
    },
    Case {
        name: "config file alone",
        env: &[],
        args: &[],
        config: CONFIG_KEYS,
        credentials: "",
        expect: Some(("CON4", "config-file")),
    },
    Case {
        name: "credential_process beats config-file keys",
        env: &[],
        args: &[],
        config: PROCESS,
        credentials: "",
        expect: Some(("PRO5", "custom-process")),
    },
    Case {
        name: "credentials file beats credential_process",
        env: &[],
        args: &[],
        config: PROCESS,
        credentials: FILE_KEYS,
        expect: Some(("FIL2", "shared-credentials-file")),
    },
    Case {
        name: "a secret key alone in the environment is passed over",
        env: &[("AWS_SECRET_ACCESS_KEY", "stray")],
        args: &[],
        config: "",
        credentials: FILE_KEYS,
        expect: Some(("FIL2", "shared-credentials-file")),
    },
    Case {
        name: "nothing anywhere",
        env: &[],
        args: &[],
        config: "[default]\nregion = us-east-1\n",
        credentials: "",
        expect: None,
    },
];

#[test]
fn chain_cases_pick_the_clis_source() {
    for case in CASES {
        let ctx = TestContext::builder()
            .config(case.config)
            .credentials(case.credentials)
            .build();
        let mut cmd = ctx.cmd(["configure", "list"]).args(case.args);
        for (k, v) in case.env {
            cmd = cmd.env(k, v);
        }
        let out = cmd.run();
        assert_eq!(out.code, 0, "{}: {out}", case.name);
        let expected = match case.expect {
            Some((tail, source)) => key_row("access_key", tail, source),
            None => "access_key : <not set>                : None             : None".to_string(),
        };
        assert_eq!(row(&out, "access_key"), expected, "case: {}", case.name);
    }
}

#[test]
fn configure_list_matches_the_v2_layout() {
    let ctx = TestContext::builder().credentials("[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n").config("[default]\nregion = us-west-2\n").build();
    let out = ctx
        .cmd(["configure", "list"])
        .env_remove("AWS_CONFIG_FILE")
        .env_remove("AWS_SHARED_CREDENTIALS_FILE")
        .run();
    out.assert_success().assert_stdout(
        "NAME       : VALUE                    : TYPE             : LOCATION\n\
         profile    : <not set>                : None             : None\n\
         access_key : ****************MPLE     : shared-credentials-file : \n\
         secret_key : ****************EKEY     : shared-credentials-file : \n\
         region     : us-west-2                : config-file      : ~/.aws/config\n",
    );
    let out = ctx
        .cmd(["configure", "list", "--profile", "default"])
        .env("AWS_REGION", "eu-west-1")
        .run();
    assert_eq!(
        row(&out, "profile"),
        "profile    : default                  : manual           : --profile"
    );
    assert_eq!(
        row(&out, "region"),
        "region     : eu-west-1                : env              : ['AWS_REGION', 'AWS_DEFAULT_REGION']"
    );
    let out = ctx.cmd(["configure", "list", "--profile", "nope"]).run();
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
}

#[test]
fn partial_and_broken_sources_stop_the_chain() {
    let ctx = TestContext::builder().credentials(FILE_KEYS).build();
    let out = ctx
        .cmd(["configure", "list"])
        .env("AWS_ACCESS_KEY_ID", "AKIA")
        .run();
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
    ctx.write_config(
        "[default]\ncredential_process = sh -c 'echo the vault is sealed >&2; exit 1'\n",
    );
    std::fs::remove_file(ctx.credentials_path()).unwrap();
    let out = ctx.cmd(["configure", "list"]).run();
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
}

/// moto's IMDS as the instance metadata service; AWS_EC2_METADATA_DISABLED is lifted.
fn with_imds(cmd: common::AwsCmd, moto: &Moto) -> common::AwsCmd {
    cmd.env("AWS_EC2_METADATA_DISABLED", "false")
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", moto.endpoint())
}

#[test]
fn instance_profile_and_region_come_from_imds() {
    let moto = Moto::shared();
    let ctx = TestContext::new();
    let out = with_imds(ctx.cmd(["configure", "list"]), moto).run();
    out.assert_success();
    // moto's role credentials: AccessKeyId "test-key".
    assert_eq!(
        row(&out, "access_key"),
        key_row("access_key", "-key", "iam-role")
    );
    assert_eq!(
        row(&out, "region"),
        "region     : us-east-1                : imds             : "
    );
    // And a signed call works with them, in the region IMDS gave.
    let out = with_imds(
        ctx.cmd([
            "sts",
            "get-caller-identity",
            "--endpoint-url",
            &moto.endpoint(),
            "--debug",
        ]),
        moto,
    )
    .run();
    out.assert_success();
    assert!(
        out.stderr.contains("Credential=test-key/")
            && out.stderr.contains("/us-east-1/sts/aws4_request"),
        "{out}"
    );
    assert!(
        !out.stderr.contains("test-secret-key") && !out.stderr.contains("test-session-token"),
        "secret in --debug:\n{out}"
    );
}

#[test]
fn environment_keys_shadow_the_instance_profile_and_configure_list_says_so() {
    let moto = Moto::shared();
    let ctx = TestContext::new();
    let mut cmd = with_imds(ctx.cmd(["configure", "list"]), moto);
    for (k, v) in ENV_KEYS {
        cmd = cmd.env(k, v);
    }
    let out = cmd.run();
    assert_eq!(
        row(&out, "access_key"),
        key_row("access_key", "ENV1", "env"),
        "{out}"
    );
}

#[test]
fn container_credentials_with_an_authorization_token_file() {
    let server = FakeServer::start(|request| {
        if request.header("authorization") == Some("Bearer pod-token")
            && request.header("accept") == Some("application/json")
        {
            Reply::Status(200, r#"{"AccessKeyId": "ASIACONTAINERXXX0001", "SecretAccessKey": "cs", "Token": "ct", "Expiration": "2099-01-01T00:00:00Z"}"#.into())
        } else {
            Reply::Status(401, "no".into())
        }
    });
    let ctx = TestContext::new();
    let token_file = ctx.home().join("token");
    std::fs::write(&token_file, "Bearer pod-token").unwrap();
    let uri = format!("{}creds", server.endpoint());
    let out = ctx
        .cmd(["configure", "list"])
        .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri)
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &token_file)
        .run();
    out.assert_success();
    assert_eq!(
        row(&out, "access_key"),
        key_row("access_key", "0001", "container-role")
    );
    assert_eq!(server.requests()[0].path, "/creds");
    // A wrong token is refused three times, then reported.
    let out = ctx
        .cmd(["configure", "list"])
        .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri)
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer wrong")
        .run();
    out.assert_code(255);
    assert!(out.stderr.contains("Error when retrieving credentials from container-role: Error retrieving metadata: Received non 200 response (401)"), "{out}");
    // A plain-HTTP full URI that is not loopback is refused before any request is made.
    let out = ctx
        .cmd(["configure", "list"])
        .env(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://example.com/creds",
        )
        .run();
    out.assert_code(255);
    assert!(
        out.stderr.contains("Unsupported host 'example.com'."),
        "{out}"
    );
}

#[test]
fn export_credentials_prints_every_format() {
    let ctx = TestContext::new();
    let env = [
        ("AWS_ACCESS_KEY_ID", "ASIAEXAMPLEEXAMPLE12"),
        ("AWS_SECRET_ACCESS_KEY", "secret"),
        ("AWS_SESSION_TOKEN", "TOKEN123"),
    ];
    let run = |format: &str| {
        let mut cmd = ctx.cmd(["configure", "export-credentials", "--format", format]);
        for (k, v) in env {
            cmd = cmd.env(k, v);
        }
        cmd.run()
    };
    run("env-no-export").assert_success().assert_stdout("AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE12\nAWS_SECRET_ACCESS_KEY=secret\nAWS_SESSION_TOKEN=TOKEN123\n");
    run("powershell").assert_stdout("$Env:AWS_ACCESS_KEY_ID=\"ASIAEXAMPLEEXAMPLE12\"\n$Env:AWS_SECRET_ACCESS_KEY=\"secret\"\n$Env:AWS_SESSION_TOKEN=\"TOKEN123\"\n");
    run("process").assert_stdout("{\n  \"Version\": 1,\n  \"AccessKeyId\": \"ASIAEXAMPLEEXAMPLE12\",\n  \"SecretAccessKey\": \"secret\",\n  \"SessionToken\": \"TOKEN123\"\n}\n");
    let out = ctx.cmd(["configure", "export-credentials"]).run();
    out.assert_code(253);
    assert_output_snapshot!(&ctx, out.stderr);
}

#[test]
fn export_credentials_as_a_credential_process_detects_loops() {
    let ctx = TestContext::new();
    let exe = env!("CARGO_BIN_EXE_awsctl");
    ctx.write_config(&format!(
        "[profile a]\ncredential_process = {exe} configure export-credentials --profile b\n[profile b]\ncredential_process = {exe} configure export-credentials --profile a\n"
    ));
    let out = ctx.cmd(["configure", "list", "--profile", "a"]).run();
    out.assert_code(255);
    assert!(
        out.stderr.contains(
            "Credential process resolution detected an infinite loop, profile cycle: a -> b -> a"
        ),
        "{out}"
    );
}
