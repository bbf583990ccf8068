//! `awsctl s3 mv` side by side with the AWS CLI on moto: one file or object and whole trees
//! in every direction, with filters and `--dryrun`; the same `move:` lines and exit codes,
//! the same objects and files left behind (sources gone, excluded ones kept). A move that
//! fails keeps its source; moving an object onto itself and streaming are refused.

use crate::common;

use std::path::Path;

use common::s3_fixtures::{create_bucket, list_keys, sorted_lines};
use common::{Moto, TestContext, unique_name};

fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}

#[test]
fn moves_match_the_aws_cli() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    let port = Moto::shared().port();
    let steps: &[&[&str]] = &[
        &["a.txt", "s3://B/m/"],
        &["tree", "s3://B/m/r", "--recursive", "--exclude", "*.log"],
        &["s3://B/m/a.txt", "s3://B/m/a2.txt"],
        &["s3://B/m/r", "s3://B/m/s/", "--recursive", "--dryrun"],
        &["s3://B/m/r", "s3://B/m/s/", "--recursive"],
        &["s3://B/m/a2.txt", "back.txt"],
        &[
            "s3://B/m/s",
            "back",
            "--recursive",
            "--exclude",
            "*",
            "--include",
            "*ü*",
        ],
        &["s3://B/m/s", "back", "--recursive"],
    ];
    let mut worlds = Vec::new();
    for name in ["ours", "theirs"] {
        let bucket = unique_name(&format!("mv{name}"));
        create_bucket(port, &bucket);
        let work = ctx.home().join(name);
        for (file, text) in [
            ("a.txt", "a"),
            ("tree/sub/b.txt", "b"),
            ("tree/c.log", "c"),
            ("tree/sp ace/ü.txt", "u"),
        ] {
            let path = work.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        worlds.push((bucket, work));
    }
    for step in steps {
        let mut outs = Vec::new();
        for (n, (bucket, work)) in worlds.iter().enumerate() {
            let mut args = vec!["s3".to_string(), "mv".into()];
            args.extend(
                step.iter()
                    .map(|s| s.replace("s3://B/", &format!("s3://{bucket}/"))),
            );
            args.extend([
                "--no-progress".into(),
                "--endpoint-url".into(),
                moto.clone(),
            ]);
            let out = if n == 0 {
                ctx.cmd(&args).current_dir(work).run()
            } else {
                ctx.aws_cli(&args).current_dir(work).run()
            };
            let neutral = |s: &str| sorted_lines(&s.replace(bucket.as_str(), "B"));
            outs.push((
                out.code,
                neutral(&out.stdout),
                neutral(&out.stderr),
                out.to_string(),
            ));
        }
        let (ours, theirs) = (&outs[0], &outs[1]);
        assert_eq!(ours.0, theirs.0, "{step:?}\n{}\n{}", ours.3, theirs.3);
        assert_eq!(
            (&ours.1, &ours.2),
            (&theirs.1, &theirs.2),
            "{step:?}\n{}",
            ours.3
        );
    }
    let (ours, theirs) = (&worlds[0], &worlds[1]);
    assert_eq!(files(&ours.1), files(&theirs.1));
    assert_eq!(
        files(&ours.1),
        [
            "back.txt",
            "back/sp ace/ü.txt",
            "back/sub/b.txt",
            "tree/c.log"
        ]
    );
    assert_eq!(list_keys(port, &ours.0), list_keys(port, &theirs.0));
    assert!(list_keys(port, &ours.0).is_empty());
}

#[test]
fn a_failed_move_keeps_its_source() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    std::fs::write(ctx.home().join("keep.txt"), "precious").unwrap();
    let args = [
        "s3",
        "mv",
        "keep.txt",
        "s3://no-such-mv-bucket/keep.txt",
        "--endpoint-url",
        &moto,
    ];
    let ours = ctx.cmd(args).current_dir(ctx.home()).run();
    let theirs = ctx.aws_cli(args).current_dir(ctx.home()).run();
    ours.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, ours.stderr);
    assert_eq!((ours.code, &ours.stderr), (theirs.code, &theirs.stderr));
    assert_eq!(
        std::fs::read_to_string(ctx.home().join("keep.txt")).unwrap(),
        "precious"
    );
}

#[test]
fn refused_moves_say_what_the_aws_cli_says() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    let port = Moto::shared().port();
    let bucket = unique_name("mvself");
    create_bucket(port, &bucket);
    common::s3_fixtures::put_object(port, &bucket, "k", b"only copy");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![format!("s3://{bucket}/k"), format!("s3://{bucket}/k")],
            "Cannot mv a file onto itself: s3://BKT/k - s3://BKT/k",
        ),
        (
            vec![format!("s3://{bucket}/k"), format!("s3://{bucket}/")],
            "Cannot mv a file onto itself: s3://BKT/k - s3://BKT/",
        ),
        (
            vec!["-".into(), format!("s3://{bucket}/k")],
            "Streaming currently is only compatible with non-recursive cp commands",
        ),
        (
            vec!["missing".into(), format!("s3://{bucket}/k")],
            "The user-provided path missing does not exist.",
        ),
    ];
    for (paths, message) in cases {
        let mut args = vec!["s3".to_string(), "mv".into()];
        args.extend(paths);
        args.extend(["--endpoint-url".into(), moto.clone()]);
        let ours = ctx.cmd(&args).current_dir(ctx.home()).run();
        let theirs = ctx.aws_cli(&args).current_dir(ctx.home()).run();
        let expected = format!("\naws: [ERROR]: {}\n", message.replace("BKT", &bucket));
        ours.assert_code(255).assert_stdout("");
        assert_eq!(ours.stderr, expected);
        assert_eq!(theirs.code, 255);
        assert_eq!(theirs.stderr.trim(), message.replace("BKT", &bucket));
    }
    assert_eq!(list_keys(port, &bucket), ["k"]);
}

/// A recursive move whose destination prefix is its source (`p/` onto `p`) would copy each
/// object onto itself, which S3 accepts when the metadata changes: awsctl refuses each such
/// object and deletes nothing (the CLI would delete every one after the copy).
#[test]
fn a_move_of_each_object_onto_itself_deletes_nothing() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    let port = Moto::shared().port();
    let bucket = unique_name("mvonto");
    create_bucket(port, &bucket);
    common::s3_fixtures::put_object(port, &bucket, "p/f", b"the only copy");
    let (from, to) = (format!("s3://{bucket}/p/"), format!("s3://{bucket}/p"));
    let args = [
        "s3",
        "mv",
        &from,
        &to,
        "--recursive",
        "--metadata",
        "k=v",
        "--endpoint-url",
        &moto,
    ];
    let out = ctx.cmd(args).run();
    out.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    assert_eq!(list_keys(port, &bucket), ["p/f"]);
}

/// File names that are not UTF-8 have no faithful key: they are skipped with a warning
/// (exit 2), never sent under a lossy name where two could overwrite each other, and so
/// never deleted by a move.
#[test]
fn files_whose_names_are_not_utf8_are_left_alone() {
    use std::os::unix::ffi::OsStrExt;
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    let port = Moto::shared().port();
    let bucket = unique_name("mvutf8");
    create_bucket(port, &bucket);
    let src = ctx.home().join("src");
    std::fs::create_dir(&src).unwrap();
    for name in [&b"x\xff"[..], b"x\xfe", b"ok"] {
        std::fs::write(src.join(std::ffi::OsStr::from_bytes(name)), name).unwrap();
    }
    let dest = format!("s3://{bucket}/nu/");
    let out = ctx
        .cmd([
            "s3",
            "mv",
            "src",
            &dest,
            "--recursive",
            "--endpoint-url",
            &moto,
        ])
        .current_dir(ctx.home())
        .run();
    out.assert_code(2);
    assert_output_snapshot!(&ctx, out.stdout);
    assert_eq!(
        out.stderr.matches("File name is not valid UTF-8").count(),
        2,
        "{out}"
    );
    assert_eq!(list_keys(port, &bucket), ["nu/ok"]);
    assert_eq!(std::fs::read_dir(&src).unwrap().count(), 2);
}
