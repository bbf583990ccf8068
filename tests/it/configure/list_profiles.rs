//! `awsctl configure list-profiles`: every profile of both files, config file first, one per
//! line (v2 only: the v1 oracle has no such command).

use crate::common;

use common::TestContext;

#[test]
fn lists_config_profiles_then_credentials_only_profiles() {
    let ctx = TestContext::builder().config("[profile dev]\nregion = a\n[default]\n[profile 'my prof']\n[services local]\nsts =\n  endpoint_url = http://127.0.0.1:1\n[plugins]\nx = y\n",).credentials("[ci]\naws_access_key_id = A\n[dev]\naws_access_key_id = B\n").build();
    let out = ctx.cmd(["configure", "list-profiles"]).run();
    out.assert_success();
    assert_output_snapshot!(&ctx, out.stdout);
    assert_eq!(out.stderr, "");
}

#[test]
fn no_files_no_profiles_and_an_unknown_profile_is_no_error() {
    let ctx = TestContext::new();
    let out = ctx
        .cmd(["configure", "list-profiles", "--profile", "nope"])
        .run();
    out.assert_success().assert_stdout("");
    assert_eq!(out.stderr, "");
}

#[test]
fn profiles_written_by_configure_set_are_listed() {
    let ctx = TestContext::new();
    for profile in ["b", "a", "with space"] {
        ctx.cmd([
            "configure",
            "set",
            "region",
            "us-west-2",
            "--profile",
            profile,
        ])
        .run()
        .assert_success();
    }
    ctx.cmd([
        "configure",
        "set",
        "aws_access_key_id",
        "K",
        "--profile",
        "keys-only",
    ])
    .run()
    .assert_success();
    ctx.cmd(["configure", "list-profiles"])
        .run()
        .assert_success()
        .assert_stdout("b\na\nwith space\nkeys-only\n");
}
