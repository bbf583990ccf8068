//! `awsctl configure` (interactive) driven through stdin: the exact prompts of v2, masked
//! values, the Tip and session-token rules, the exact files it leaves and their modes, and
//! the same files as the AWS CLI v1 oracle writes for the same answers.

use crate::common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};

use common::TestContext;

const KEY: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

fn mode(path: &std::path::Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A context whose files were written by a first `configure` run (mode 0600).
fn configured() -> TestContext {
    let ctx = TestContext::new();
    ctx.cmd(["configure"])
        .stdin(format!("{KEY}\n{SECRET}\nus-west-2\njson\n"))
        .run()
        .assert_success();
    ctx
}

#[test]
fn first_run_prints_the_tip_and_prompts_and_writes_both_files_0600() {
    let ctx = TestContext::new();
    let out = ctx
        .cmd(["configure"])
        .stdin(format!("{KEY}\n{SECRET}\nus-west-2\njson\n"))
        .run();
    out.assert_success();
    assert_output_snapshot!(&ctx, out.stdout);
    assert_eq!(out.stderr, "");
    assert_output_snapshot!(&ctx, ctx.read_config());
    assert_output_snapshot!(&ctx, ctx.read_credentials());
    assert_eq!(mode(&ctx.config_path()), 0o600);
    assert_eq!(mode(&ctx.credentials_path()), 0o600);
}

#[test]
fn enter_keeps_every_value_masks_the_keys_and_writes_nothing() {
    let ctx = configured();
    let inode = |p| fs::metadata(p).unwrap().ino();
    let before = (inode(ctx.config_path()), inode(ctx.credentials_path()));
    let out = ctx.cmd(["configure"]).stdin("\n\n\n\n").run();
    out.assert_success().assert_stdout(
        "AWS Access Key ID [****************MPLE]: AWS Secret Access Key [****************EKEY]: Default region name [us-west-2]: Default output format [json]: ",
    );
    assert_eq!(out.stderr, "");
    // Not rewritten at all: the same files, not equal copies.
    assert_eq!(
        (inode(ctx.config_path()), inode(ctx.credentials_path())),
        before
    );
    assert!(!out.stdout.contains(SECRET) && !out.stdout.contains(KEY));
}

#[test]
fn a_temporary_key_asks_for_a_token_and_a_long_term_key_removes_it() {
    let ctx = configured();
    ctx.cmd(["configure"])
        .stdin("ASIAEXAMPLEEXAMPLE12\n\nTOKEN123\n\n\n")
        .run()
        .assert_success()
        .assert_stdout(
            "AWS Access Key ID [****************MPLE]: AWS Secret Access Key [****************EKEY]: AWS Session Token [None]: Default region name [us-west-2]: Default output format [json]: ",
        );
    assert_output_snapshot!(&ctx, ctx.read_credentials());
    // The key kept: the existing token is offered (masked) and kept.
    ctx.cmd(["configure"])
        .stdin("\n\n\n\n\n")
        .run()
        .assert_success()
        .assert_stdout(
            "AWS Access Key ID [****************LE12]: AWS Secret Access Key [****************EKEY]: AWS Session Token [****************N123]: Default region name [us-west-2]: Default output format [json]: ",
        );
    // A new long-term key: no token prompt, and the stale token is gone.
    ctx.cmd(["configure"])
        .stdin(format!("{KEY}\n\n\n\n"))
        .run()
        .assert_success()
        .assert_stdout(
            "AWS Access Key ID [****************LE12]: AWS Secret Access Key [****************EKEY]: Default region name [us-west-2]: Default output format [json]: ",
        );
    assert_output_snapshot!(&ctx, ctx.read_credentials());
}

#[test]
fn a_new_profile_gets_its_sections_and_the_same_files_as_the_aws_cli() {
    let answers = "AKIANEWPROFILE000001\nsecret1\neu-west-1\ntext\n";
    let files = |ctx: &TestContext| (ctx.read_config(), ctx.read_credentials());
    let existing =
        "# my settings\n[default]\nregion = us-east-1\n\n[profile other]\noutput = table\n";

    let ours = TestContext::builder().config(existing).build();
    let out = ours
        .cmd(["configure", "--profile", "new"])
        .stdin(answers)
        .run();
    out.assert_success();
    assert_output_snapshot!(&ours, out.stdout);
    assert_eq!(
        files(&ours),
        (
            format!("{existing}[profile new]\nregion = eu-west-1\noutput = text\n"),
            "[new]\naws_access_key_id = AKIANEWPROFILE000001\naws_secret_access_key = secret1\n"
                .to_string()
        )
    );

    let oracle = TestContext::builder().config(existing).build();
    oracle
        .aws_cli(["configure", "--profile", "new"])
        .stdin(answers)
        .run()
        .assert_success();
    assert_eq!(files(&ours), files(&oracle));
}

#[test]
fn aws_profile_selects_the_profile_and_names_with_spaces_are_quoted() {
    let answers = "k1\ns1\nr1\n\n";
    let ours = TestContext::new();
    ours.cmd(["configure"])
        .env("AWS_PROFILE", "my prof")
        .stdin(answers)
        .run()
        .assert_success();
    assert_output_snapshot!(&ours, ours.read_config());
    assert_output_snapshot!(&ours, ours.read_credentials());
    // Read back through the quoted header.
    ours.cmd(["configure", "get", "region", "--profile", "my prof"])
        .run()
        .assert_success()
        .assert_stdout("r1\n");

    let oracle = TestContext::new();
    oracle
        .aws_cli(["configure"])
        .env("AWS_PROFILE", "my prof")
        .stdin(answers)
        .run()
        .assert_success();
    assert_eq!(ours.read_config(), oracle.read_config());
    assert_eq!(ours.read_credentials(), oracle.read_credentials());
}

#[test]
fn keys_only_still_create_the_profiles_config_section_as_the_cli_does() {
    let ctx = TestContext::new();
    ctx.cmd(["configure", "--profile", "temp"])
        .stdin("k\ns\n\n\n")
        .run()
        .assert_success();
    assert_eq!(ctx.read_config(), "[profile temp]\n");
    assert_output_snapshot!(&ctx, ctx.read_credentials());
}

#[test]
fn current_values_come_from_the_files_only() {
    let ctx = TestContext::new();
    let out = ctx
        .cmd(["configure"])
        .env("AWS_ACCESS_KEY_ID", KEY)
        .env("AWS_REGION", "eu-central-1")
        .stdin("\n\n\n\n")
        .run();
    out.assert_success();
    assert_output_snapshot!(&ctx, out.stdout);
    assert!(!ctx.config_path().exists() && !ctx.credentials_path().exists());
}

#[test]
fn end_of_input_fails_like_the_cli_and_leaves_the_files_alone() {
    let ctx = TestContext::new();
    let config = "[default]\n# comment\nregion = us-east-1\n";
    ctx.write_config(config);
    let out = ctx.cmd(["configure"]).stdin("AKIANEW\n").run();
    out.assert_code(255)
        .assert_stdout("AWS Access Key ID [None]: AWS Secret Access Key [None]: ");
    assert_output_snapshot!(&ctx, out.stderr);
    assert_eq!(ctx.read_config(), config);
    assert!(!ctx.credentials_path().exists());
    // The oracle fails the same way (v1 prints no prefix) and writes nothing either.
    let oracle = ctx.aws_cli(["configure"]).stdin("AKIANEW\n").run();
    oracle.assert_code(255);
    assert_output_snapshot!(&ctx, oracle.stderr);
    assert_eq!(ctx.read_config(), config);
}

#[test]
fn a_malformed_config_file_is_reported_and_not_rewritten() {
    let ctx = TestContext::builder()
        .config("[default]\nnot a pair\n")
        .build();
    let out = ctx.cmd(["configure"]).stdin("k\ns\nr\no\n").run();
    out.assert_code(255).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    assert_output_snapshot!(&ctx, ctx.read_config());
    assert!(!ctx.credentials_path().exists());
}

#[test]
fn a_readable_credentials_file_gets_v2s_warning() {
    let ctx = TestContext::builder()
        .credentials("[default]\naws_access_key_id = OLD\n")
        .build();
    fs::set_permissions(ctx.credentials_path(), fs::Permissions::from_mode(0o644)).unwrap();
    let out = ctx.cmd(["configure"]).stdin("NEW\n\n\n\n").run();
    out.assert_success();
    assert_output_snapshot!(&ctx, out.stderr);
    // The mode is the user's choice: kept, not tightened.
    assert_eq!(mode(&ctx.credentials_path()), 0o644);
    assert_output_snapshot!(&ctx, ctx.read_credentials());
}
