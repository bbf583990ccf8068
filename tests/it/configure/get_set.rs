//! `awsctl configure get` and `configure set`: which file and section a name points at, the
//! exact output and exit codes, comments and unrelated lines kept byte for byte, and the same
//! files as the AWS CLI v1 oracle leaves after the same sequence of commands.

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use common::TestContext;

const CONFIG: &str = "# managed by hand\n[default]\nregion = us-east-1\n\n; the dev account\n[profile dev]\noutput = text\ns3 =\n  max_queue_size = 5\n";

fn mode(path: &std::path::Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn set(ctx: &TestContext, args: &[&str]) {
    let out = ctx.cmd(["configure", "set"]).args(args).run();
    out.assert_success().assert_stdout("");
    assert_eq!(out.stderr, "", "{out}");
}

fn get(ctx: &TestContext, args: &[&str]) -> common::Output {
    ctx.cmd(["configure", "get"]).args(args).run()
}

#[test]
fn set_changes_only_the_named_keys_and_agrees_with_the_aws_cli() {
    let commands: [&[&str]; 6] = [
        &["region", "eu-west-1"],
        &["output", "json"],
        &["s3.max_queue_size", "20", "--profile", "dev"],
        &["default.s3.max_concurrent_requests", "20"],
        &["profile.new.region", "ap-south-1"],
        &["aws_access_key_id", "AKIADEV", "--profile", "dev"],
    ];
    let ours = TestContext::new();
    let oracle = TestContext::new();
    for ctx in [&ours, &oracle] {
        ctx.write_config(CONFIG);
    }
    for args in commands {
        set(&ours, args);
        oracle
            .aws_cli(["configure", "set"])
            .args(args)
            .run()
            .assert_success();
    }
    assert_output_snapshot!(&ours, ours.read_config());
    assert_output_snapshot!(&ours, ours.read_credentials());
    assert_eq!(ours.read_config(), oracle.read_config());
    assert_eq!(ours.read_credentials(), oracle.read_credentials());
}

#[test]
fn set_creates_missing_files_0600_and_the_directory_0700() {
    let ctx = TestContext::new();
    fs::remove_dir(ctx.home().join(".aws")).unwrap();
    set(&ctx, &["region", "us-west-2"]);
    set(&ctx, &["aws_secret_access_key", "s3cr3t"]);
    assert_eq!(mode(&ctx.home().join(".aws")), 0o700);
    assert_eq!(mode(&ctx.config_path()), 0o600);
    assert_eq!(mode(&ctx.credentials_path()), 0o600);
    assert_output_snapshot!(&ctx, ctx.read_config());
    assert_output_snapshot!(&ctx, ctx.read_credentials());
    // Nothing else in the directory: no temporary file left behind.
    let mut names: Vec<String> = fs::read_dir(ctx.home().join(".aws"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["config", "credentials"]);
}

#[test]
fn existing_files_keep_their_mode_and_readable_credentials_get_the_warning() {
    let ctx = TestContext::builder()
        .config("[default]\n")
        .credentials("[default]\n")
        .build();
    fs::set_permissions(ctx.config_path(), fs::Permissions::from_mode(0o640)).unwrap();
    fs::set_permissions(ctx.credentials_path(), fs::Permissions::from_mode(0o644)).unwrap();
    set(&ctx, &["region", "us-west-2"]);
    assert_eq!(mode(&ctx.config_path()), 0o640);
    let out = ctx
        .cmd(["configure", "set", "aws_session_token", "TOKEN"])
        .run();
    out.assert_success().assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    assert!(!out.stderr.contains("TOKEN"));
    assert_eq!(mode(&ctx.credentials_path()), 0o644);
}

#[test]
fn values_with_newlines_are_refused_without_echoing_them() {
    let ctx = TestContext::builder()
        .credentials("[default]\naws_access_key_id = A\n")
        .build();
    let out = ctx
        .cmd([
            "configure",
            "set",
            "aws_secret_access_key",
            "abc\n[evil]\nx = y",
        ])
        .run();
    out.assert_code(255).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    assert_output_snapshot!(&ctx, ctx.read_credentials());
    let out = ctx.cmd(["configure", "set", "s3.k", "v\r"]).run();
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
    assert!(!ctx.config_path().exists());
}

#[test]
fn set_works_for_an_unknown_profile_and_repairs_a_setting_other_commands_refuse() {
    let ctx = TestContext::builder()
        .config("[default]\nregion = not a region\n")
        .build();
    let sts = ctx.cmd(["sts", "get-caller-identity"]).run();
    sts.assert_code(255).assert_stderr_contains(
        "Provided region_name 'not a region' doesn't match a supported format.",
    );
    set(&ctx, &["region", "us-west-2"]);
    set(&ctx, &["region", "eu-north-1", "--profile", "brand-new"]);
    assert_output_snapshot!(&ctx, ctx.read_config());
    set(&ctx, &["cli_pager", "-x"]);
    get(&ctx, &["cli_pager"])
        .assert_success()
        .assert_stdout("-x\n");
}

#[test]
fn set_through_a_symlink_edits_the_target() {
    let ctx = TestContext::new();
    let real = ctx.home().join("dotfiles-config");
    fs::write(&real, "[default]\nregion = a\n").unwrap();
    std::os::unix::fs::symlink(&real, ctx.config_path()).unwrap();
    set(&ctx, &["output", "json"]);
    assert!(
        fs::symlink_metadata(ctx.config_path())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&real).unwrap(),
        "[default]\nregion = a\noutput = json\n"
    );
}

/// A symlinked credentials file is not written through (its target had mode 0666 and got
/// the keys): the write is refused, the target untouched, and the message says what to do.
#[test]
fn set_refuses_to_write_credentials_through_a_symlink() {
    let ctx = TestContext::new();
    let real = ctx.home().join("shared-credentials");
    fs::write(&real, "[default]\naws_access_key_id = AKIAOLD\n").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o666)).unwrap();
    std::os::unix::fs::symlink(&real, ctx.credentials_path()).unwrap();
    let out = ctx
        .cmd(["configure", "set", "aws_secret_access_key", "s3cr3tvalue"])
        .run();
    out.assert_code(255);
    out.assert_stderr_contains("is a symbolic link to ");
    out.assert_stderr_contains("credentials are not written through a link");
    assert!(!out.stderr.contains("s3cr3tvalue"), "{out}");
    assert_eq!(
        fs::read_to_string(&real).unwrap(),
        "[default]\naws_access_key_id = AKIAOLD\n"
    );
}

#[test]
fn get_prints_values_from_the_files_only() {
    let ctx = TestContext::builder()
        .config(CONFIG)
        .credentials("[dev]\naws_access_key_id = AKIADEV\nregion = from-credentials\n")
        .build();
    let cases: [(&[&str], &str); 8] = [
        (&["region"], "us-east-1\n"),
        (&["region", "--profile", "dev"], "from-credentials\n"),
        (&["output", "--profile", "dev"], "text\n"),
        (&["dev.output"], "text\n"),
        (&["profile.dev.output"], "text\n"),
        (&["dev.s3.max_queue_size"], "5\n"),
        (&["s3.max_queue_size", "--profile", "dev"], "5\n"),
        (&["default.region"], "us-east-1\n"),
    ];
    for (args, expected) in cases {
        let out = get(&ctx, args);
        out.assert_success().assert_stdout(expected);
        assert_eq!(out.stderr, "");
        // The oracle agrees on every one.
        ctx.aws_cli(["configure", "get"])
            .args(args)
            .run()
            .assert_success()
            .assert_stdout(expected);
    }
    // The environment does not count.
    let out = ctx
        .cmd(["configure", "get", "region"])
        .env("AWS_REGION", "ap-south-1")
        .env("AWS_DEFAULT_REGION", "ap-south-2")
        .run();
    out.assert_success().assert_stdout("us-east-1\n");
    let out = ctx
        .cmd(["configure", "get", "output"])
        .env("AWS_PROFILE", "dev")
        .run();
    out.assert_success().assert_stdout("text\n");
}

#[test]
fn get_is_silent_with_exit_1_when_missing_and_explains_a_section() {
    let ctx = TestContext::builder().config(CONFIG).build();
    for args in [
        &["nope"][..],
        &["dev.nope"],
        &["s3.nope", "--profile", "dev"],
        &["ghost.s3.x"],
    ] {
        let out = get(&ctx, args);
        out.assert_code(1).assert_stdout("");
        assert_eq!(out.stderr, "", "{out}");
    }
    let out = get(&ctx, &["s3", "--profile", "dev"]);
    out.assert_code(1).assert_stdout("");
    assert_eq!(
        out.stderr,
        "varname (s3) must reference a value, not a section or sub-section."
    );
    let oracle = ctx
        .aws_cli(["configure", "get", "s3", "--profile", "dev"])
        .run();
    assert_eq!(
        (oracle.code, oracle.stderr.as_str()),
        (1, out.stderr.as_str())
    );
}

#[test]
fn get_with_an_unknown_profile_fails_as_the_cli_does() {
    let ctx = TestContext::builder().config(CONFIG).build();
    let out = get(&ctx, &["region", "--profile", "nope"]);
    out.assert_code(255).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    // A dotted name does not need the profile to exist.
    get(&ctx, &["s3.x", "--profile", "nope"]).assert_code(1);
    let out = get(&ctx, &["profile.dev"]);
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
}

#[test]
fn plugins_live_in_their_own_section() {
    let ctx = TestContext::new();
    set(&ctx, &["plugins.cli_legacy_plugin_path", "/opt/plugins"]);
    assert_output_snapshot!(&ctx, ctx.read_config());
    get(&ctx, &["plugins.cli_legacy_plugin_path"])
        .assert_success()
        .assert_stdout("/opt/plugins\n");
}

#[test]
fn missing_arguments_are_named_as_the_cli_names_them() {
    let ctx = TestContext::new();
    let out = ctx.cmd(["configure", "set", "region"]).run();
    out.assert_code(252).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    let out = ctx.cmd(["configure", "get"]).run();
    out.assert_code(252);
    assert_output_snapshot!(&ctx, out.stderr);
    assert!(!ctx.config_path().exists());
}

#[test]
fn indented_comments_and_blank_lines_in_blocks_read_and_edit_as_the_cli_reads_them() {
    let ctx = TestContext::new();
    let config = "  # written by a tool\n[default]\nregion = us-east-1\ns3 =\n  max_queue_size = 5\n\n  # tuned\n  multipart_threshold = 64MB\n";
    ctx.write_config(config);
    get(&ctx, &["region"])
        .assert_success()
        .assert_stdout("us-east-1\n");
    get(&ctx, &["s3.multipart_threshold"])
        .assert_success()
        .assert_stdout("64MB\n");
    ctx.aws_cli(["configure", "get", "s3.multipart_threshold"])
        .run()
        .assert_success()
        .assert_stdout("64MB\n");
    set(&ctx, &["output", "json"]);
    assert_output_snapshot!(&ctx, ctx.read_config());
}

#[test]
fn concurrent_sets_keep_every_change() {
    let ctx = TestContext::builder()
        .config("# shared\n[default]\nregion = us-east-1\n")
        .build();
    std::thread::scope(|scope| {
        for i in 0..12 {
            let ctx = &ctx;
            scope.spawn(move || {
                ctx.cmd(["configure", "set", &format!("key{i}"), &format!("v{i}")])
                    .run()
                    .assert_success();
            });
        }
    });
    let config = ctx.read_config();
    assert!(
        config.starts_with("# shared\n[default]\nregion = us-east-1\n"),
        "{config}"
    );
    for i in 0..12 {
        assert!(
            config.contains(&format!("\nkey{i} = v{i}\n")),
            "key{i} lost:\n{config}"
        );
    }
}
