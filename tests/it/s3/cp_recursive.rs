//! `awsctl s3 cp --recursive` against moto, side by side with the AWS CLI (uploads, downloads
//! and copies with filters: the same lines, sorted since transfers finish in any order, and
//! the same objects and files); the traversal guard; archived objects, special files and
//! symbolic links skipped as the CLI skips them. Failures and interruptions: s3_cp_faults.rs.

use crate::common;

use std::path::Path;

use common::http;
use common::s3_fixtures::{create_bucket, list_keys, put_object, sorted_lines};
use common::{Moto, TestContext, unique_name};

const TREE: &[&str] = &[
    "a.txt",
    "b.log",
    "dir/a.txt",
    "dir/one",
    "dir/sub/b.bin",
    "dir/sub/c.txt",
    "sp ace/ünï+q.txt",
];

const FILTERS: &[&[&str]] = &[
    &[],
    &["--exclude", "*.txt"],
    &["--exclude", "*", "--include", "dir/*"],
    &["--exclude", "*", "--include", "dir/*", "--exclude", "*.bin"],
    &["--exclude", "sp ace/*"],
];

fn s3(endpoint: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["s3".to_string()];
    all.extend(args.iter().map(|s| s.to_string()));
    all.extend(["--endpoint-url".into(), endpoint.into()]);
    all
}

fn bucket(prefix: &str) -> String {
    let name = unique_name(prefix);
    create_bucket(Moto::shared().port(), &name);
    name
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path.to_string_lossy().into_owned());
        }
    }
    out.sort();
    out
}

#[test]
fn recursive_copies_match_the_aws_cli() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    let source = bucket("cpsrc");
    for key in TREE {
        put_object(Moto::shared().port(), &source, key, key.as_bytes());
    }
    let local = ctx.home().join("tree");
    for key in TREE {
        let path = local.join(key);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, key.as_bytes()).unwrap();
    }
    for (n, filters) in FILTERS.iter().enumerate() {
        // Each tool gets its own destination; the lines are compared with the names swapped.
        let (ours, theirs) = (bucket("cpours"), bucket("cptheirs"));
        let runs = |dest: &str, work: &str| {
            let work = ctx.home().join(format!("{work}-{n}"));
            std::fs::create_dir_all(&work).unwrap();
            let jobs: Vec<Vec<String>> = vec![
                [
                    &[
                        "cp",
                        "../tree",
                        &format!("s3://{dest}/up"),
                        "--recursive",
                        "--no-progress",
                    ][..],
                    filters,
                ]
                .concat()
                .iter()
                .map(|s| s.to_string())
                .collect(),
                [
                    &[
                        "cp",
                        &format!("s3://{source}/dir"),
                        "down",
                        "--recursive",
                        "--no-progress",
                    ][..],
                    filters,
                ]
                .concat()
                .iter()
                .map(|s| s.to_string())
                .collect(),
                [
                    &[
                        "cp",
                        &format!("s3://{source}"),
                        &format!("s3://{dest}/copy/"),
                        "--recursive",
                        "--no-progress",
                    ][..],
                    filters,
                ]
                .concat()
                .iter()
                .map(|s| s.to_string())
                .collect(),
            ];
            (work, jobs)
        };
        let (our_work, our_jobs) = runs(&ours, "ours");
        let (their_work, their_jobs) = runs(&theirs, "theirs");
        for (mine, aws) in our_jobs.iter().zip(&their_jobs) {
            let mine_refs: Vec<&str> = mine.iter().map(String::as_str).collect();
            let aws_refs: Vec<&str> = aws.iter().map(String::as_str).collect();
            let a = ctx.cmd(s3(&moto, &mine_refs)).current_dir(&our_work).run();
            let b = ctx
                .aws_cli(s3(&moto, &aws_refs))
                .current_dir(&their_work)
                .run();
            assert_eq!(a.code, b.code, "{mine:?}\nawsctl: {a}\naws: {b}");
            assert_eq!(
                sorted_lines(&a.stdout),
                sorted_lines(&b.stdout.replace(&theirs, &ours)),
                "{mine:?}"
            );
            assert_eq!(a.stderr, b.stderr);
        }
        let port = Moto::shared().port();
        assert_eq!(
            list_keys(port, &ours),
            list_keys(port, &theirs),
            "{filters:?}"
        );
        let strip = |files: Vec<String>, root: &Path| -> Vec<String> {
            files
                .iter()
                .map(|f| f.replacen(&root.to_string_lossy().into_owned(), "", 1))
                .collect()
        };
        assert_eq!(
            strip(files_under(&our_work), &our_work),
            strip(files_under(&their_work), &their_work),
            "{filters:?}"
        );
        for file in files_under(&our_work.join("down")) {
            let key = format!("dir/{}", file.rsplit_once("/down/").unwrap().1);
            assert_eq!(std::fs::read_to_string(&file).unwrap(), key);
            // Both set the file's time to the object's LastModified.
            let theirs = file.replacen(
                &*our_work.to_string_lossy(),
                &their_work.to_string_lossy(),
                1,
            );
            let mtime = |f: &str| std::fs::metadata(f).unwrap().modified().unwrap();
            assert_eq!(mtime(&file), mtime(&theirs), "{key}");
        }
    }
}

#[test]
fn keys_that_climb_out_of_the_destination_are_skipped() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    let trav = bucket("trav");
    let port = Moto::shared().port();
    for key in ["../evil.txt", "ok/../../evil2.txt", "ok/fine.txt"] {
        // Dots encoded, so that nothing on the way resolves the path.
        let path = format!(
            "/{trav}/{}",
            http::percent_encode(key)
                .replace('.', "%2E")
                .replace("%2F", "/")
        );
        let r = http::request(
            port,
            "PUT",
            &path,
            &[("Content-Type", "application/octet-stream")],
            b"x",
        )
        .unwrap();
        assert_eq!(r.status, 200, "{key}");
    }
    let work = ctx.home().join("w");
    std::fs::create_dir(&work).unwrap();
    let args = ["cp", &format!("s3://{trav}"), "d", "--recursive"];
    let ours = ctx.cmd(s3(&moto, &args)).current_dir(&work).run();
    ours.assert_code(2);
    assert_output_snapshot!(&ctx, ours.stdout);
    assert_eq!(
        sorted_lines(&ours.stderr),
        [
            "warning: Skipping file ../evil.txt. File references a parent directory.",
            "warning: Skipping file ok/../../evil2.txt. File references a parent directory.",
        ]
    );
    assert_eq!(
        files_under(ctx.home())
            .iter()
            .filter(|f| f.contains("evil"))
            .count(),
        0
    );
    let theirs = ctx
        .aws_cli(s3(&moto, &[&args[..], &["--no-progress"]].concat()))
        .current_dir(&work)
        .run();
    assert_eq!(
        (theirs.code, sorted_lines(&theirs.stderr)),
        (2, sorted_lines(&ours.stderr))
    );
}

#[test]
fn a_missing_bucket_fails_as_in_the_aws_cli() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    std::fs::write(ctx.home().join("a.txt"), "hello\n").unwrap();
    let args = ["cp", "a.txt", "s3://no-such-bucket-cp/a.txt"];
    let ours = ctx.cmd(s3(&moto, &args)).run();
    let theirs = ctx.aws_cli(s3(&moto, &args)).run();
    ours.assert_code(1).assert_stdout("");
    assert_eq!((ours.code, &ours.stderr), (theirs.code, &theirs.stderr));
}

/// A FIFO is skipped with the CLI's warning (naming the absolute path) and exit 2, side by
/// side with the AWS CLI. A symbolic link back to an ancestor is walked once: the CLI follows
/// such a loop until the path is too long; awsctl stops at once.
#[test]
fn special_files_and_link_loops_are_skipped() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    let b = bucket("special");
    let dir = ctx.home().join("skipd");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "hi\n").unwrap();
    let fifo = std::ffi::CString::new(dir.join("fifo").to_str().unwrap()).unwrap();
    // SAFETY: a plain mkfifo on a path this test owns.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let args = [
        "cp",
        "skipd",
        &format!("s3://{b}/x/"),
        "--recursive",
        "--no-progress",
    ];
    let ours = ctx.cmd(s3(&moto, &args)).run();
    let theirs = ctx.aws_cli(s3(&moto, &args)).run();
    ours.assert_code(2);
    assert_output_snapshot!(&ctx, ours.stdout);
    assert_output_snapshot!(&ctx, ours.stderr);
    assert_eq!(
        (ours.code, &ours.stdout, &ours.stderr),
        (theirs.code, &theirs.stdout, &theirs.stderr)
    );

    std::fs::remove_file(dir.join("fifo")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
    let out = ctx
        .cmd(s3(
            &moto,
            &["cp", "skipd", &format!("s3://{b}/y/"), "--recursive"],
        ))
        .run();
    out.assert_success();
    assert_eq!(
        sorted_lines(&out.stdout),
        [format!("upload: skipd/a.txt to s3://{b}/y/a.txt")]
    );
}

/// GLACIER and DEEP_ARCHIVE objects are skipped with the CLI's warning and exit 2, in a
/// recursive download or copy and for a single object, side by side with the AWS CLI.
#[test]
fn archived_objects_are_skipped_as_in_the_aws_cli() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    let b = bucket("glacier");
    let port = Moto::shared().port();
    put_object(port, &b, "hot.txt", b"hot");
    for (key, class) in [("cold.txt", "GLACIER"), ("colder.txt", "DEEP_ARCHIVE")] {
        let headers = [
            ("Content-Type", "application/octet-stream"),
            ("x-amz-storage-class", class),
        ];
        let r = http::request(port, "PUT", &format!("/{b}/{key}"), &headers, b"cold").unwrap();
        assert_eq!(r.status, 200, "{}", r.text());
    }
    // Copies go to a bucket of each tool's own, named in the lines: compared with the names swapped.
    let (our_copies, their_copies) = (bucket("gcours"), bucket("gctheirs"));
    let source = format!("s3://{b}");
    let single = format!("s3://{b}/cold.txt");
    let (ours_to, theirs_to) = (
        format!("s3://{our_copies}/"),
        format!("s3://{their_copies}/"),
    );
    let cases: [(&[&str], &[&str]); 3] = [
        (
            &["cp", "--recursive", &source, "d"],
            &["cp", "--recursive", &source, "d"],
        ),
        (
            &["cp", "--recursive", &source, &ours_to],
            &["cp", "--recursive", &source, &theirs_to],
        ),
        (
            &["cp", &single, "single.txt"],
            &["cp", &single, "single.txt"],
        ),
    ];
    for (n, (mine, aws)) in cases.iter().enumerate() {
        let mine: Vec<&str> = [mine, &["--no-progress"][..]].concat();
        let aws: Vec<&str> = [aws, &["--no-progress"][..]].concat();
        let work_ours = ctx.home().join(format!("g-ours-{n}"));
        let work_theirs = ctx.home().join(format!("g-theirs-{n}"));
        std::fs::create_dir_all(&work_ours).unwrap();
        std::fs::create_dir_all(&work_theirs).unwrap();
        let ours = ctx.cmd(s3(&moto, &mine)).current_dir(&work_ours).run();
        let theirs = ctx.aws_cli(s3(&moto, &aws)).current_dir(&work_theirs).run();
        let theirs_stdout = theirs.stdout.replace(&their_copies, &our_copies);
        ours.assert_code(2);
        assert_eq!(ours.code, theirs.code, "{mine:?}\n{ours}\n{theirs}");
        assert_eq!(
            sorted_lines(&ours.stdout),
            sorted_lines(&theirs_stdout),
            "{mine:?}"
        );
        assert_eq!(
            sorted_lines(&ours.stderr),
            sorted_lines(&theirs.stderr),
            "{mine:?}"
        );
        assert!(
            ours.stderr.contains("Object is of storage class GLACIER"),
            "{ours}"
        );
    }
}

/// `--follow-symlinks` (the default) and `--no-follow-symlinks`, for a tree and for a single
/// linked file, side by side with the AWS CLI: the same lines, codes and objects.
#[test]
fn symbolic_links_followed_or_left_out_as_in_the_aws_cli() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    let home = ctx.home();
    std::fs::create_dir_all(home.join("tree")).unwrap();
    std::fs::create_dir_all(home.join("elsewhere")).unwrap();
    std::fs::write(home.join("tree/a.txt"), "a").unwrap();
    std::fs::write(home.join("elsewhere/b.txt"), "b").unwrap();
    std::os::unix::fs::symlink("a.txt", home.join("tree/link.txt")).unwrap();
    std::os::unix::fs::symlink("../elsewhere", home.join("tree/sub")).unwrap();
    let port = Moto::shared().port();
    for flag in [
        None,
        Some("--follow-symlinks"),
        Some("--no-follow-symlinks"),
    ] {
        let (ours_bucket, theirs_bucket) = (bucket("lnours"), bucket("lntheirs"));
        for (source, recursive) in [("tree", true), ("tree/link.txt", false)] {
            let run = |b: &str, aws: bool| {
                let target = format!("s3://{b}/x/");
                let mut args = vec!["cp", source, target.as_str(), "--no-progress"];
                args.extend(recursive.then_some("--recursive"));
                args.extend(flag);
                let cmd = s3(&moto, &args);
                if aws {
                    ctx.aws_cli(cmd).run()
                } else {
                    ctx.cmd(cmd).run()
                }
            };
            let ours = run(&ours_bucket, false);
            let theirs = run(&theirs_bucket, true);
            assert_eq!(
                ours.code, theirs.code,
                "{flag:?} {source}\n{ours}\n{theirs}"
            );
            assert_eq!(
                sorted_lines(&ours.stdout),
                sorted_lines(&theirs.stdout.replace(&theirs_bucket, &ours_bucket)),
                "{flag:?} {source}"
            );
            assert_eq!(ours.stderr, theirs.stderr, "{flag:?} {source}");
        }
        assert_eq!(
            list_keys(port, &ours_bucket),
            list_keys(port, &theirs_bucket),
            "{flag:?}"
        );
    }
}

/// Copies keep the source's metadata, replace it when new metadata is given, and follow
/// `--metadata-directive` when it is: the same objects as the AWS CLI makes.
#[test]
fn copies_keep_or_replace_metadata_as_the_aws_cli() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    let b = bucket("metadir");
    let port = Moto::shared().port();
    let headers = [("Content-Type", "text/plain"), ("x-amz-meta-colour", "red")];
    let r = http::request(port, "PUT", &format!("/{b}/src"), &headers, b"data").unwrap();
    assert_eq!(r.status, 200);
    // The AWS CLI's own head-object reads the metadata back (signed, as moto wants).
    let meta = |key: &str| -> serde_json::Value {
        let args = [
            "s3api",
            "head-object",
            "--bucket",
            &b,
            "--key",
            key,
            "--endpoint-url",
            &moto,
        ];
        let out = ctx.aws_cli(args).run();
        out.assert_success();
        out.json()["Metadata"].clone()
    };
    let cases: [&[&str]; 3] = [
        &[],
        &["--metadata", "size=big"],
        &["--metadata", "size=big", "--metadata-directive", "COPY"],
    ];
    for (n, extra) in cases.iter().enumerate() {
        for (tool, key) in [
            ("ours", format!("ours{n}")),
            ("theirs", format!("theirs{n}")),
        ] {
            let dest = format!("s3://{b}/{key}");
            let src = format!("s3://{b}/src");
            let args: Vec<&str> = [
                &["cp", src.as_str(), dest.as_str(), "--no-progress"][..],
                extra,
            ]
            .concat();
            let out = if tool == "ours" {
                ctx.cmd(s3(&moto, &args)).run()
            } else {
                ctx.aws_cli(s3(&moto, &args)).run()
            };
            out.assert_success();
        }
        assert_eq!(
            meta(&format!("ours{n}")),
            meta(&format!("theirs{n}")),
            "{extra:?}"
        );
    }
    assert_eq!(meta("ours0"), serde_json::json!({"colour": "red"}));
    assert_eq!(meta("ours1"), serde_json::json!({"size": "big"}));
    assert_eq!(meta("ours2"), serde_json::json!({"colour": "red"}));
}
