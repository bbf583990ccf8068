//! Argument customizations of model-driven commands side by side with the AWS CLI on moto:
//! `ec2 authorize-/revoke-security-group-ingress|egress --protocol --port --cidr
//! --source-group --group-owner`, `cloudfront create-invalidation --paths`,
//! `cloudfront create-distribution --origin-domain-name`, `lambda create-function --zip-file`
//! and the zip check of `update-function-code`; the CLI's errors, with v2's exit codes.

use crate::common;

use common::{AwsCmd, Moto, Output, TestContext};
use serde_json::Value;

fn base(cmd: AwsCmd) -> AwsCmd {
    cmd.args(["--endpoint-url", &Moto::shared().endpoint()])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
}

fn ours(ctx: &TestContext, args: &[&str]) -> Output {
    base(ctx.cmd(args)).run()
}

fn theirs(ctx: &TestContext, args: &[&str]) -> Output {
    base(ctx.aws_cli(args)).run()
}

/// Both fail the same way before any request: v1's message, v2's exit code 252.
fn same_refusal(ctx: &TestContext, args: &[&str]) -> String {
    let (o, t) = (ours(ctx, args), theirs(ctx, args));
    assert_eq!(o.code, 252, "ours: {o}");
    assert_eq!(t.code, 255, "theirs: {t}");
    assert!(o.stderr.contains(t.stderr.trim()), "ours: {o}\ntheirs: {t}");
    assert_eq!(o.stdout, "");
    o.stderr
}

fn group(ctx: &TestContext) -> String {
    let name = common::unique_name("sg");
    let out = ours(
        ctx,
        &[
            "ec2",
            "create-security-group",
            "--group-name",
            &name,
            "--description",
            "d",
        ],
    );
    out.assert_success();
    out.json()["GroupId"].as_str().unwrap().to_string()
}

fn permissions(ctx: &TestContext, group: &str, key: &str) -> Value {
    let out = ours(
        ctx,
        &["ec2", "describe-security-groups", "--group-ids", group],
    );
    out.assert_success();
    out.json()["SecurityGroups"][0][key].clone()
}

#[test]
fn security_group_rules_from_scalar_options_match_the_clis() {
    let ctx = TestContext::new();
    let (a, b) = (group(&ctx), group(&ctx));
    let rules: &[&[&str]] = &[
        &[
            "--protocol",
            "tcp",
            "--port",
            "1000-2000",
            "--cidr",
            "10.0.0.0/8",
        ],
        &[
            "--protocol",
            "udp",
            "--port",
            "53",
            "--cidr",
            "192.168.0.0/16",
        ],
        &["--protocol", "icmp", "--port", "-1", "--cidr", "0.0.0.0/0"],
        &[
            "--protocol",
            "tcp",
            "--port",
            "22",
            "--source-group",
            "SELF",
            "--group-owner",
            "123456789012",
        ],
    ];
    for rule in rules {
        for (g, cli) in [(&a, false), (&b, true)] {
            let mut args = vec!["ec2", "authorize-security-group-ingress", "--group-id", g];
            args.extend(
                rule.iter()
                    .map(|r| if *r == "SELF" { g.as_str() } else { r }),
            );
            let out = if cli {
                theirs(&ctx, &args)
            } else {
                ours(&ctx, &args)
            };
            out.assert_success();
        }
    }
    let strip = |v: Value, g: &str| serde_json::to_string(&v).unwrap().replace(g, "GROUP");
    let (mine, cli) = (
        permissions(&ctx, &a, "IpPermissions"),
        permissions(&ctx, &b, "IpPermissions"),
    );
    assert_eq!(strip(mine.clone(), &a), strip(cli, &b));
    assert_eq!(mine.as_array().unwrap().len(), 4, "{mine}");
    let text = mine.to_string();
    assert!(
        text.contains(r#""FromPort":1000,"#) && text.contains(r#""ToPort":2000,"#),
        "{text}"
    );

    // Revoking with the same options leaves the three others.
    ours(
        &ctx,
        &[
            "ec2",
            "revoke-security-group-ingress",
            "--group-id",
            &a,
            "--protocol",
            "tcp",
            "--port",
            "1000-2000",
            "--cidr",
            "10.0.0.0/8",
        ],
    )
    .assert_success();
    assert_eq!(
        permissions(&ctx, &a, "IpPermissions")
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn egress_rules_take_the_same_options() {
    let ctx = TestContext::new();
    let g = group(&ctx);
    ours(
        &ctx,
        &[
            "ec2",
            "authorize-security-group-egress",
            "--group-id",
            &g,
            "--protocol",
            "all",
            "--cidr",
            "10.1.0.0/16",
        ],
    )
    .assert_success();
    let after = permissions(&ctx, &g, "IpPermissionsEgress");
    // moto folds the new range into the default all-protocol rule.
    assert!(
        after.to_string().contains(r#""CidrIp":"10.1.0.0/16""#),
        "{after}"
    );
    assert!(
        after.to_string().contains(r#""IpProtocol":"-1""#),
        "{after}"
    );
}

#[test]
fn security_group_options_are_checked_as_the_cli_checks_them() {
    let ctx = TestContext::new();
    let g = group(&ctx);
    let cmd = |extra: &[&str]| {
        let mut args = vec![
            "ec2",
            "authorize-security-group-ingress",
            "--group-id",
            g.as_str(),
        ];
        args.extend(extra);
        args.into_iter().map(String::from).collect::<Vec<_>>()
    };
    for extra in [
        &[
            "--protocol",
            "tcp",
            "--port",
            "22",
            "--ip-permissions",
            "IpProtocol=tcp,FromPort=1,ToPort=1",
        ][..],
        &[
            "--source-group",
            "sg-1",
            "--ip-permissions",
            "IpProtocol=tcp",
        ],
        &["--protocol", "tcp", "--port", "x"],
        &["--protocol", "sctp"],
    ] {
        let args = cmd(extra);
        same_refusal(&ctx, &args.iter().map(String::as_str).collect::<Vec<_>>());
    }
    // v1 raises ValueError inside its own `except ValueError` and so names the protocol list;
    // v2's ParamValidationError escapes it and names the range.
    let out = ours(&ctx, &v(&cmd(&["--protocol", "300"])));
    out.assert_code(252);
    out.assert_stderr_contains(
        "protocol numbers must be in the range 0-255 or -1 to specify all protocols",
    );
}

#[test]
fn invalidation_from_paths_matches_the_clis() {
    let ctx = TestContext::new();
    let created = ours(
        &ctx,
        &[
            "cloudfront",
            "create-distribution",
            "--origin-domain-name",
            "site.s3.amazonaws.com",
            "--default-root-object",
            "index.html",
        ],
    );
    created.assert_success();
    let config = &created.json()["Distribution"]["DistributionConfig"];
    let origin = config["Origins"]["Items"][0]["Id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(origin.starts_with("site.s3.amazonaws.com-"), "{origin}");
    assert_eq!(
        config["DefaultCacheBehavior"]["TargetOriginId"],
        origin.as_str()
    );
    assert_eq!(config["DefaultRootObject"], "index.html");
    let id = created.json()["Distribution"]["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let args = [
        "cloudfront",
        "create-invalidation",
        "--distribution-id",
        &id,
        "--paths",
        "/index.html",
        "/img/*",
    ];
    let (o, t) = (ours(&ctx, &args), theirs(&ctx, &args));
    o.assert_success();
    t.assert_success();
    let batch = |out: &Output| out.json()["Invalidation"]["InvalidationBatch"].clone();
    let (mine, cli) = (batch(&o), batch(&t));
    assert_eq!(mine["Paths"], cli["Paths"]);
    assert_eq!(mine["Paths"]["Quantity"], 2);
    let reference = mine["CallerReference"].as_str().unwrap();
    let parts: Vec<&str> = reference.split('-').collect();
    assert_eq!(parts.len(), 3, "{reference}");
    assert_eq!(parts[0], "cli");
    assert!(
        parts[1].len() >= 10 && parts[1].chars().all(|c| c.is_ascii_digit()),
        "{reference}"
    );
    assert!(
        parts[2]
            .parse::<u32>()
            .is_ok_and(|n| (1..=1_000_000).contains(&n)),
        "{reference}"
    );
    same_refusal(
        &ctx,
        &[
            "cloudfront",
            "create-invalidation",
            "--distribution-id",
            &id,
            "--paths",
            "/a",
            "--invalidation-batch",
            "{}",
        ],
    );
}

#[test]
fn lambda_zip_file_goes_to_code_as_the_cli_sends_it() {
    let ctx = TestContext::new();
    let dir = ctx.home();
    let zip = dir.join("f.zip");
    std::fs::write(&zip, zip_bytes()).unwrap();
    std::fs::write(dir.join("f.py"), "def h(e, c):\n    return 1\n").unwrap();
    let role = "arn:aws:iam::123456789012:role/lambda-role";
    ours(
        &ctx,
        &[
            "iam",
            "create-role",
            "--role-name",
            "lambda-role",
            "--assume-role-policy-document",
            "{}",
        ],
    );
    let create = |name: &str, file: &str| -> Vec<String> {
        [
            "lambda",
            "create-function",
            "--function-name",
            name,
            "--runtime",
            "python3.12",
            "--role",
            role,
            "--handler",
            "f.h",
            "--zip-file",
            file,
        ]
        .into_iter()
        .map(String::from)
        .collect()
    };
    let (a, b) = (common::unique_name("fn"), common::unique_name("fn"));
    let file = format!("fileb://{}", zip.display());
    let (o, t) = (
        ours(&ctx, &v(&create(&a, &file))),
        theirs(&ctx, &v(&create(&b, &file))),
    );
    o.assert_success();
    t.assert_success();
    assert_eq!(o.json()["CodeSha256"], t.json()["CodeSha256"]);
    assert_eq!(o.json()["CodeSize"], t.json()["CodeSize"]);
    let not_zip = format!("fileb://{}", dir.join("f.py").display());
    let stderr = same_refusal(&ctx, &v(&create(&a, &not_zip)));
    assert!(stderr.contains("--zip-file must be a zip file with the fileb:// prefix."));
    let mut with_code = create(&a, &file);
    with_code.truncate(10);
    with_code.extend(["--code".into(), "ZipFile=abc".into()]);
    same_refusal(&ctx, &v(&with_code));
    same_refusal(
        &ctx,
        &[
            "lambda",
            "update-function-code",
            "--function-name",
            &a,
            "--zip-file",
            &not_zip,
        ],
    );
    ours(
        &ctx,
        &[
            "lambda",
            "update-function-code",
            "--function-name",
            &a,
            "--zip-file",
            &file,
        ],
    )
    .assert_success();
}

fn v(x: &[String]) -> Vec<&str> {
    x.iter().map(String::as_str).collect()
}

/// A zip archive holding one small file, written by hand (stored, no compression).
fn zip_bytes() -> Vec<u8> {
    let name = b"f.py";
    let data = b"def h(e, c):\n    return 1\n";
    let crc = crc32(data);
    let mut out = Vec::new();
    let local = |out: &mut Vec<u8>| {
        out.extend(b"PK\x03\x04");
        out.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        out.extend(crc.to_le_bytes());
        out.extend((data.len() as u32).to_le_bytes());
        out.extend((data.len() as u32).to_le_bytes());
        out.extend((name.len() as u16).to_le_bytes());
        out.extend([0, 0]);
    };
    local(&mut out);
    out.extend(name);
    out.extend(data);
    let central = out.len();
    out.extend(b"PK\x01\x02");
    out.extend([20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    out.extend(crc.to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out.extend((name.len() as u16).to_le_bytes());
    out.extend([0u8; 12]);
    out.extend(0u32.to_le_bytes());
    out.extend(name);
    let size = out.len() - central;
    out.extend(b"PK\x05\x06");
    out.extend([0, 0, 0, 0, 1, 0, 1, 0]);
    out.extend((size as u32).to_le_bytes());
    out.extend((central as u32).to_le_bytes());
    out.extend([0, 0]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// `--dry-run` keeps its name on every model-driven EC2 command (the CLI's rename table only
/// mentions `ec2.*.dry-run` in a comment), customized ones included.
#[test]
fn dry_run_is_accepted_as_the_cli_accepts_it() {
    let ctx = TestContext::new();
    let g = group(&ctx);
    for args in [
        &["ec2", "describe-vpcs", "--dry-run"][..],
        &[
            "ec2",
            "authorize-security-group-ingress",
            "--group-id",
            &g,
            "--protocol",
            "tcp",
            "--port",
            "22",
            "--cidr",
            "10.0.0.0/8",
            "--dry-run",
        ],
    ] {
        let (o, t) = (ours(&ctx, args), theirs(&ctx, args));
        assert_eq!(o.code, 254, "ours: {o}");
        assert_eq!(t.code, 255, "theirs: {t}");
        o.assert_stderr_contains("DryRunOperation");
        assert!(o.stderr.contains(t.stderr.trim()), "ours: {o}\ntheirs: {t}");
    }
}

/// The CLI's two commands in place of `rds modify-option-group`, each with `--options`.
#[test]
fn rds_option_group_commands_replace_modify_option_group() {
    let ctx = TestContext::new();
    let name = common::unique_name("og");
    ours(
        &ctx,
        &[
            "rds",
            "create-option-group",
            "--option-group-name",
            &name,
            "--engine-name",
            "mysql",
            "--major-engine-version",
            "8.0",
            "--option-group-description",
            "d",
        ],
    )
    .assert_success();
    let options = |out: &Output| out.json()["OptionGroup"]["Options"].clone();
    let add = [
        "rds",
        "add-option-to-option-group",
        "--option-group-name",
        &name,
        "--options",
        "OptionName=MEMCACHED",
        "--apply-immediately",
    ];
    let (o, t) = (ours(&ctx, &add), theirs(&ctx, &add));
    o.assert_success();
    t.assert_success();
    assert_eq!(options(&o)[0]["OptionName"], "MEMCACHED", "{o}");
    let remove = [
        "rds",
        "remove-option-from-option-group",
        "--option-group-name",
        &name,
        "--options",
        "MEMCACHED",
        "--apply-immediately",
    ];
    let o = ours(&ctx, &remove);
    o.assert_success();
    assert_eq!(options(&o), serde_json::json!([]), "{o}");
    let refused = [
        "rds",
        "add-option-to-option-group",
        "--option-group-name",
        &name,
        "--options-to-remove",
        "X",
    ];
    let (o, t) = (ours(&ctx, &refused), theirs(&ctx, &refused));
    o.assert_code(252);
    for out in [&o, &t] {
        out.assert_stderr_contains("Unknown options: --options-to-remove, X");
    }
    let gone = ours(
        &ctx,
        &["rds", "modify-option-group", "--option-group-name", &name],
    );
    gone.assert_code(252);
    gone.assert_stderr_contains("Found invalid choice 'modify-option-group'");
}
