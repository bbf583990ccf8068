//! Smoke tests of the test harness itself (tests/it/common): the peers start on loopback, enforce
//! what later tests rely on, and never outlive the test process. Nothing here depends on what
//! awsctl does, only on the binary existing.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::http::{self, xml_text};
use common::sigv4::Signer;
use common::{ALLOW_ALL_POLICY, Moto, S3sFs, TestContext, unique_name};

#[test]
fn shared_moto_answers_on_loopback_and_issues_iam_keys() {
    let moto = Moto::shared();
    assert!(
        std::ptr::eq(moto, Moto::shared()),
        "one shared moto per test binary"
    );
    assert_eq!(moto.endpoint(), format!("http://127.0.0.1:{}", moto.port()));
    assert_listens_on_loopback_only(moto.port());

    let dashboard = http::get(moto.port(), "/moto-api/");
    assert_eq!(dashboard.status, 200, "{}", dashboard.text());

    let user = unique_name("harness-user");
    let (access_key, secret) = moto.create_user_with_keys(&user);
    assert!(access_key.starts_with("AKIA"), "{access_key}");
    assert_eq!(access_key.len(), 20, "{access_key}");
    assert!(
        access_key
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    );
    assert_eq!(secret.len(), 40, "{secret}");

    let users = moto.query("iam", &[("Action", "ListUsers"), ("Version", "2010-05-08")]);
    assert!(
        users
            .text()
            .contains(&format!("<UserName>{user}</UserName>")),
        "{}",
        users.text()
    );
}

#[test]
fn moto_with_auth_refuses_unverified_requests_and_accepts_signed_ones() {
    let mut moto = Moto::start();
    let (allowed_key, allowed_secret) = moto.create_user_with_keys("allowed");
    moto.put_user_policy("allowed", "everything", ALLOW_ALL_POLICY);
    let (denied_key, denied_secret) = moto.create_user_with_keys("denied");
    moto.enable_auth();

    // The dummy signature of the set-up calls no longer passes.
    let unknown = moto.query("iam", &[("Action", "ListUsers"), ("Version", "2010-05-08")]);
    assert_eq!(unknown.status, 403, "{}", unknown.text());
    assert_eq!(error_code(&unknown), "InvalidClientTokenId");

    let list_users = "Action=ListUsers&Version=2010-05-08";
    let wrong_secret = signer(&allowed_key, &denied_secret, "iam");
    let refused = query(&wrong_secret, moto.port(), list_users);
    assert_eq!(refused.status, 403, "{}", refused.text());
    assert_eq!(error_code(&refused), "SignatureDoesNotMatch");

    // The keys moto handed out are real: they sign, and policies apply to them.
    let allowed = signer(&allowed_key, &allowed_secret, "iam");
    let listed = query(&allowed, moto.port(), list_users);
    assert_eq!(listed.status, 200, "{}", listed.text());
    let denied = signer(&denied_key, &denied_secret, "iam");
    let forbidden = query(&denied, moto.port(), list_users);
    assert_eq!(forbidden.status, 403, "{}", forbidden.text());
    assert_eq!(error_code(&forbidden), "AccessDenied");
    let sts = signer(&denied_key, &denied_secret, "sts");
    let identity = query(
        &sts,
        moto.port(),
        "Action=GetCallerIdentity&Version=2011-06-15",
    );
    assert_eq!(identity.status, 200, "{}", identity.text());
    assert_eq!(
        xml_text(&identity.text(), "Arn").as_deref(),
        Some("arn:aws:iam::123456789012:user/denied")
    );

    // reset: auth off again and the users gone.
    moto.reset();
    let after = moto.query("iam", &[("Action", "ListUsers"), ("Version", "2010-05-08")]);
    assert_eq!(after.status, 200, "{}", after.text());
    assert!(!after.text().contains("<UserName>"), "{}", after.text());
}

#[test]
fn s3s_fs_refuses_unsigned_requests_and_accepts_its_keys() {
    let s3 = S3sFs::start();
    assert_eq!(s3.endpoint(), format!("http://127.0.0.1:{}", s3.port()));
    assert_listens_on_loopback_only(s3.port());
    assert_eq!(fs::read_dir(s3.root()).unwrap().count(), 0, "a fresh root");

    let unsigned = http::get(s3.port(), "/");
    assert_eq!(unsigned.status, 403, "{}", unsigned.text());
    assert_eq!(error_code(&unsigned), "AccessDenied");

    let wrong = signer(s3.access_key(), "not-the-secret", "s3");
    let refused = wrong.request(s3.port(), "GET", "/", &[], b"").unwrap();
    assert_eq!(refused.status, 403, "{}", refused.text());
    assert_eq!(error_code(&refused), "SignatureDoesNotMatch");

    let right = signer(s3.access_key(), s3.secret_key(), "s3");
    let created = right
        .request(s3.port(), "PUT", "/harness-bucket", &[], b"")
        .unwrap();
    assert_eq!(created.status, 200, "{}", created.text());
    assert!(
        s3.root().join("harness-bucket").is_dir(),
        "buckets are directories of root"
    );
    let listed = right.request(s3.port(), "GET", "/", &[], b"").unwrap();
    assert_eq!(listed.status, 200, "{}", listed.text());
    assert!(
        listed.text().contains("<Name>harness-bucket</Name>"),
        "{}",
        listed.text()
    );
}

#[test]
fn dropping_a_peer_stops_all_its_processes() {
    let s3 = S3sFs::start();
    let (port, group) = (s3.port(), s3.process_group());
    assert!(!live_members_of_group(group).is_empty());
    drop(s3);
    assert!(
        live_members_of_group(group).is_empty(),
        "processes left behind"
    );
    assert!(
        http::request(port, "GET", "/", &[], b"").is_err(),
        "port {port} still answers"
    );
}

/// Re-runs this binary as a child that starts a peer and exits without dropping it, as
/// happens to `Moto::shared()` in every test binary: the peer must go away anyway.
#[test]
fn peers_die_with_the_test_process() {
    let child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "harness::child_that_exits_with_a_live_peer",
            "--nocapture",
        ])
        .env("AWSCTL_HARNESS_CHILD", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&child.stdout);
    let reported = |key: &str| {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .unwrap_or_else(|| {
                let stderr = String::from_utf8_lossy(&child.stderr);
                panic!("the child did not report {key}:\n{stdout}\n{stderr}")
            })
            .to_string()
    };
    let group: u32 = reported("PEER_GROUP=").parse().unwrap();
    let root = std::path::PathBuf::from(reported("PEER_ROOT="));
    let deadline = Instant::now() + Duration::from_secs(10);
    while !live_members_of_group(group).is_empty() || root.exists() {
        assert!(
            Instant::now() < deadline,
            "peer outlived the test process: {:?}, root exists: {}",
            live_members_of_group(group),
            root.exists()
        );
        sleep(Duration::from_millis(20));
    }
}

/// Only does something when started by `peers_die_with_the_test_process`.
#[test]
fn child_that_exits_with_a_live_peer() {
    if std::env::var_os("AWSCTL_HARNESS_CHILD").is_none() {
        return;
    }
    let s3 = S3sFs::start();
    println!("PEER_GROUP={}", s3.process_group());
    println!("PEER_ROOT={}", s3.root().display());
    // Like the end of a test binary: no destructors run.
    std::process::exit(0);
}

#[test]
fn test_context_runs_the_real_binary_with_a_clean_environment() {
    let ctx = TestContext::new();
    assert!(ctx.home().join(".aws").is_dir());
    ctx.write_config("[default]\nregion = eu-west-3\n");
    ctx.write_credentials("[default]\naws_access_key_id = AKIAEXAMPLE\n");
    assert_eq!(ctx.read_config(), "[default]\nregion = eu-west-3\n");
    assert!(ctx.credentials_path().starts_with(ctx.home()));
    assert_eq!(
        ctx.filter(&format!("{}/x", ctx.config_path().display())),
        "[HOME]/.aws/config/x"
    );

    let cmd = ctx.cmd(["--version"]).env("AWS_REGION", "us-west-2");
    let envs: BTreeMap<String, String> = cmd
        .command()
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_str()?.to_string(), v?.to_str()?.to_string())))
        .collect();
    let names: Vec<&str> = envs.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "AWS_CONFIG_FILE",
            "AWS_EC2_METADATA_DISABLED",
            "AWS_PAGER",
            "AWS_REGION",
            "AWS_SHARED_CREDENTIALS_FILE",
            "HOME",
            "PATH",
            "TZ"
        ]
    );
    assert_eq!(envs["AWS_CONFIG_FILE"], ctx.config_path().to_str().unwrap());
    assert_eq!(envs["AWS_PAGER"], "");
    assert_eq!(envs["TZ"], "UTC");

    // Whatever awsctl does with --version today, it runs, finishes and is captured.
    let output = cmd.run();
    assert!(output.code >= 0, "{output}");
    assert_eq!(output.command, "awsctl --version");
}

fn signer<'a>(access_key: &'a str, secret_key: &'a str, service: &'a str) -> Signer<'a> {
    Signer {
        access_key,
        secret_key,
        region: "us-east-1",
        service,
    }
}

/// A signed Query-protocol POST.
fn query(signer: &Signer, port: u16, body: &str) -> http::Response {
    let content_type = (
        "Content-Type",
        "application/x-www-form-urlencoded; charset=utf-8",
    );
    signer
        .request(port, "POST", "/", &[content_type], body.as_bytes())
        .unwrap()
}

fn error_code(response: &http::Response) -> String {
    xml_text(&response.text(), "Code")
        .unwrap_or_else(|| panic!("no error code in: {}", response.text()))
}

/// Every listening TCP socket on `port` is bound to 127.0.0.1 (Linux /proc/net).
fn assert_listens_on_loopback_only(port: u16) {
    let port_hex = format!("{port:04X}");
    let mut addresses = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = fs::read_to_string(table).unwrap_or_default();
        for row in text.lines().skip(1) {
            let fields: Vec<&str> = row.split_whitespace().collect();
            // fields[1] is local "ADDR:PORT" in hex, fields[3] the state; 0A is LISTEN.
            if let (Some(local), Some(&"0A")) = (fields.get(1), fields.get(3))
                && local.ends_with(&format!(":{port_hex}"))
            {
                addresses.push(local.to_string());
            }
        }
    }
    // 127.0.0.1 in /proc/net/tcp's little-endian hex.
    let loopback = format!("0100007F:{port_hex}");
    assert!(!addresses.is_empty(), "nothing listens on port {port}");
    assert!(
        addresses.iter().all(|a| *a == loopback),
        "port {port} is bound beyond loopback: {addresses:?}"
    );
}

/// Processes of a process group that are still running (zombies do not count).
fn live_members_of_group(group: u32) -> Vec<u32> {
    let mut members = Vec::new();
    for entry in fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after its ')'.
        let Some((_, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if fields.len() > 2 && fields[0] != "Z" && fields[2] == group.to_string() {
            members.push(pid);
        }
    }
    members
}
