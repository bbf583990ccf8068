//! `awsctl s3 rm` against moto: single keys, `--recursive` with include/exclude filters in the
//! CLI's order (side by side with the AWS CLI), `--dryrun`, `--quiet`, `--only-show-errors`.

use crate::common;

use common::s3_fixtures::{create_bucket, list_keys, put_object, sorted_lines};
use common::{Moto, TestContext, unique_name};

const TREE: &[&str] = &[
    "a.txt",
    "b.log",
    "dir/a.txt",
    "dir/one",
    "dir/sub/b.bin",
    "dir/sub/c.txt",
    // Keys that share `dir`'s prefix: a recursive `rm s3://b/dir` must leave them alone.
    "dir2024.txt",
    "dirx/e.txt",
    "other/x.txt",
    "sp ace/p+q.txt",
];

fn s3(args: &[&str]) -> Vec<String> {
    let mut all = vec!["s3".to_string()];
    all.extend(args.iter().map(|s| s.to_string()));
    all.extend(["--endpoint-url".into(), Moto::shared().endpoint()]);
    all
}

/// A new bucket holding [`TREE`].
fn tree_bucket(prefix: &str) -> String {
    let port = Moto::shared().port();
    let bucket = unique_name(prefix);
    create_bucket(port, &bucket);
    for key in TREE {
        put_object(port, &bucket, key, b"data");
    }
    bucket
}

#[test]
fn rm_deletes_one_key_and_is_idempotent() {
    let ctx = TestContext::with_example_credentials();
    let bucket = tree_bucket("rmone");
    let out = ctx
        .cmd(s3(&["rm", &format!("s3://{bucket}/dir/one")]))
        .run();
    out.assert_success();
    assert_output_snapshot!(&ctx, out.stdout);
    assert!(!list_keys(Moto::shared().port(), &bucket).contains(&"dir/one".to_string()));
    let out = ctx
        .cmd(s3(&["rm", &format!("s3://{bucket}/dir/one")]))
        .run();
    out.assert_success();
    assert_output_snapshot!(&ctx, out.stdout);
    assert_eq!(
        list_keys(Moto::shared().port(), &bucket).len(),
        TREE.len() - 1
    );
}

/// Filters, in every order that changes the outcome, against the AWS CLI's own dry run,
/// then for real: the same lines, and exactly the expected keys left behind.
#[test]
fn recursive_filters_match_the_aws_cli() {
    let ctx = TestContext::with_example_credentials();
    let bucket = tree_bucket("filters");
    let root = format!("s3://{bucket}");
    let cases: &[&[&str]] = &[
        &[],
        &["--exclude", "*.txt"],
        &["--exclude", "*", "--include", "dir/*"],
        &["--exclude", "*", "--include", "dir/*", "--exclude", "*.bin"],
        &["--include", "dir/*", "--exclude", "*"],
        &["--exclude", "*", "--include", "*/a.txt"],
        &["--exclude", "dir/sub/?.*"],
        &["--exclude", "[ab].*"],
        &["--exclude", "sp ace/*"],
    ];
    for (path, filters) in [&root, &format!("{root}/dir"), &format!("{root}/dir/")]
        .iter()
        .flat_map(|p| cases.iter().map(move |c| (*p, *c)))
    {
        let mut args = vec!["rm", path.as_str(), "--recursive", "--dryrun"];
        args.extend(filters);
        let ours = ctx.cmd(s3(&args)).run();
        let theirs = ctx.aws_cli(s3(&args)).run();
        ours.assert_success();
        assert_eq!(
            sorted_lines(&ours.stdout),
            sorted_lines(&theirs.stdout),
            "{args:?}\nawsctl: {ours}\naws: {theirs}"
        );
        assert_eq!(ours.stderr, theirs.stderr);
    }
    // A single object is filtered too, relative to its "directory".
    for filters in [
        &["--exclude", "*.txt"][..],
        &["--exclude", "*", "--include", "a.*"],
    ] {
        let key = format!("{root}/dir/a.txt");
        let mut args = vec!["rm", "--dryrun", key.as_str()];
        args.extend(filters);
        let ours = ctx.cmd(s3(&args)).run();
        let theirs = ctx.aws_cli(s3(&args)).run();
        assert_eq!(
            (ours.code, ours.stdout.as_str()),
            (theirs.code, theirs.stdout.as_str()),
            "{args:?}"
        );
    }
    // For real: keep dir/ except its .bin files.
    let ours = ctx
        .cmd(s3(&[
            "rm",
            &root,
            "--recursive",
            "--exclude",
            "*",
            "--include",
            "dir/*",
            "--exclude",
            "*.bin",
        ]))
        .run();
    ours.assert_success();
    assert_eq!(
        sorted_lines(&ours.stdout),
        ["dir/a.txt", "dir/one", "dir/sub/c.txt"]
            .iter()
            .map(|k| format!("delete: {root}/{k}"))
            .collect::<Vec<_>>()
    );
    let mut left = list_keys(Moto::shared().port(), &bucket);
    left.sort();
    assert_eq!(
        left,
        [
            "a.txt",
            "b.log",
            "dir/sub/b.bin",
            "dir2024.txt",
            "dirx/e.txt",
            "other/x.txt",
            "sp ace/p+q.txt"
        ]
    );
}

#[test]
fn dryrun_deletes_nothing() {
    let ctx = TestContext::with_example_credentials();
    let bucket = tree_bucket("dry");
    let out = ctx
        .cmd(s3(&[
            "rm",
            &format!("s3://{bucket}/other/x.txt"),
            "--dryrun",
        ]))
        .run();
    out.assert_success();
    assert_output_snapshot!(&ctx, out.stdout);
    assert_eq!(list_keys(Moto::shared().port(), &bucket).len(), TREE.len());
}

#[test]
fn quiet_and_only_show_errors() {
    let ctx = TestContext::with_example_credentials();
    let bucket = tree_bucket("quiet");
    let out = ctx
        .cmd(s3(&[
            "rm",
            &format!("s3://{bucket}/dir"),
            "--recursive",
            "--quiet",
        ]))
        .run();
    out.assert_success().assert_stdout("");
    assert_eq!(out.stderr, "");
    assert_eq!(
        list_keys(Moto::shared().port(), &bucket).len(),
        TREE.len() - 4
    );
    let out = ctx
        .cmd(s3(&[
            "rm",
            &format!("s3://{bucket}"),
            "--recursive",
            "--only-show-errors",
        ]))
        .run();
    out.assert_success().assert_stdout("");
    assert!(list_keys(Moto::shared().port(), &bucket).is_empty());
    // Failures: --only-show-errors shows them, --quiet hides even those; both exit 1.
    let missing = s3(&[
        "rm",
        "s3://no-such-bucket-rm",
        "--recursive",
        "--only-show-errors",
    ]);
    let out = ctx.cmd(&missing).run();
    out.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    let out = ctx
        .cmd(s3(&[
            "rm",
            "s3://no-such-bucket-rm",
            "--recursive",
            "--quiet",
        ]))
        .run();
    out.assert_code(1).assert_stdout("");
    assert_eq!(out.stderr, "");
}

#[test]
fn rm_needs_an_s3_uri() {
    let ctx = TestContext::with_example_credentials();
    let out = ctx.cmd(s3(&["rm", "local-file"])).run();
    out.assert_code(252);
    assert_output_snapshot!(&ctx, out.stderr);
}

#[test]
fn rm_of_a_bucket_without_a_key_deletes_nothing() {
    let ctx = TestContext::with_example_credentials();
    let bucket = tree_bucket("nokey");
    let args = s3(&["rm", &format!("s3://{bucket}")]);
    let ours = ctx.cmd(&args).run();
    let theirs = ctx.aws_cli(&args).run();
    ours.assert_success().assert_stdout("");
    assert_eq!(
        (ours.code, ours.stdout.as_str()),
        (theirs.code, theirs.stdout.as_str())
    );
    assert_eq!(list_keys(Moto::shared().port(), &bucket).len(), TREE.len());
}

/// XML 1.0 cannot carry a key with control characters in a DeleteObjects body: such keys
/// are deleted one by one, and printed escaped.
#[test]
fn keys_with_control_characters_are_deleted_too() {
    let port = Moto::shared().port();
    let bucket = unique_name("ctrlrm");
    create_bucket(port, &bucket);
    put_object(port, &bucket, "bell\u{7}key", b"x");
    put_object(port, &bucket, "plain", b"x");
    let out = TestContext::with_example_credentials()
        .cmd(s3(&["rm", &format!("s3://{bucket}"), "--recursive"]))
        .run();
    out.assert_success();
    assert_eq!(
        sorted_lines(&out.stdout),
        [
            format!("delete: s3://{bucket}/bell\\x07key"),
            format!("delete: s3://{bucket}/plain"),
        ]
    );
    assert!(list_keys(port, &bucket).is_empty());
}

/// With small pages every page is deleted (one DeleteObjects each) while the next is listed,
/// and nothing is skipped or deleted twice.
#[test]
fn small_pages_are_deleted_page_by_page() {
    let bucket = tree_bucket("paged");
    let out = TestContext::with_example_credentials()
        .cmd(s3(&[
            "rm",
            &format!("s3://{bucket}"),
            "--recursive",
            "--page-size",
            "3",
            "--debug",
        ]))
        .run();
    out.assert_success();
    let mut expected: Vec<String> = TREE
        .iter()
        .map(|k| format!("delete: s3://{bucket}/{k}"))
        .collect();
    expected.sort();
    assert_eq!(sorted_lines(&out.stdout), expected);
    assert_eq!(
        out.stderr.matches("Sending ListObjectsV2 request").count(),
        4
    );
    assert_eq!(
        out.stderr.matches("Sending DeleteObjects request").count(),
        4
    );
    assert!(list_keys(Moto::shared().port(), &bucket).is_empty());
}

/// s3s-fs verifies the signatures of ListObjectsV2, DeleteObjects (whose body is signed and
/// checksummed) and DeleteObject; with a wrong secret nothing is deleted.
#[test]
fn signed_deletes_are_accepted_by_s3s_fs() {
    let s3s = common::S3sFs::start();
    let dir = s3s.root().join("rmb/d");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["a", "b", "c d"] {
        std::fs::write(dir.join(name), "x").unwrap();
    }
    std::fs::write(s3s.root().join("rmb/top"), "y").unwrap();
    let endpoint = s3s.endpoint();
    let ctx = TestContext::builder()
        .credentials(
            "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wrong\n",
        )
        .build();
    let out = ctx
        .cmd([
            "s3",
            "rm",
            "s3://rmb/d",
            "--recursive",
            "--endpoint-url",
            &endpoint,
        ])
        .run();
    out.assert_code(1).assert_stdout("");
    assert!(
        out.stderr.starts_with("fatal error: An error occurred (SignatureDoesNotMatch) when calling the ListObjectsV2 operation"),
        "{out}"
    );
    assert!(dir.join("a").exists());
    ctx.write_credentials(common::EXAMPLE_CREDENTIALS);
    let out = ctx
        .cmd([
            "s3",
            "rm",
            "s3://rmb/d",
            "--recursive",
            "--endpoint-url",
            &endpoint,
        ])
        .run();
    out.assert_success();
    assert_eq!(
        sorted_lines(&out.stdout),
        [
            "delete: s3://rmb/d/a",
            "delete: s3://rmb/d/b",
            "delete: s3://rmb/d/c d"
        ]
    );
    let out = ctx
        .cmd(["s3", "rm", "s3://rmb/top", "--endpoint-url", &endpoint])
        .run();
    out.assert_success().assert_stdout("delete: s3://rmb/top\n");
    for name in ["d/a", "d/b", "d/c d", "top"] {
        assert!(!s3s.root().join("rmb").join(name).exists(), "{name}");
    }
}

/// Keys with `.` and `..` segments reach S3 unchanged (the slash next to such a segment is
/// sent encoded, so no URL parser resolves it): `cp -` uploads `../../escape.txt` as that key,
/// where it was refused; `cp` to stdout reads it back; a single `rm` deletes `a/../b` and not
/// `b`; a recursive one deletes through DeleteObjects, whose body carries the key verbatim.
#[test]
fn keys_with_dot_segments_reach_s3_unchanged() {
    let port = Moto::shared().port();
    let bucket = unique_name("dots");
    create_bucket(port, &bucket);
    // The harness's client sends the path as written; moto stores the key verbatim.
    put_object(port, &bucket, "a/../b", b"x");
    put_object(port, &bucket, "b", b"x");
    let ctx = TestContext::with_example_credentials();
    let escape = format!("s3://{bucket}/../../escape.txt");
    ctx.cmd(s3(&["cp", "-", &escape]))
        .stdin("climbing")
        .run()
        .assert_success();
    let mut keys = list_keys(port, &bucket);
    keys.sort();
    assert_eq!(keys, ["../../escape.txt", "a/../b", "b"]);
    ctx.cmd(s3(&["cp", &escape, "-"]))
        .run()
        .assert_success()
        .assert_stdout("climbing");
    let out = ctx.cmd(s3(&["rm", &format!("s3://{bucket}/a/../b")])).run();
    out.assert_success();
    assert_output_snapshot!(&ctx, out.stdout);
    let mut keys = list_keys(port, &bucket);
    keys.sort();
    assert_eq!(keys, ["../../escape.txt", "b"]);
    put_object(port, &bucket, "a/./c", b"x");
    let out = ctx
        .cmd(s3(&["rm", &format!("s3://{bucket}/a"), "--recursive"]))
        .run();
    out.assert_success();
    assert_output_snapshot!(&ctx, out.stdout);
    let mut keys = list_keys(port, &bucket);
    keys.sort();
    assert_eq!(keys, ["../../escape.txt", "b"]);
}
