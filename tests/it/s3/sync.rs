//! `awsctl s3 sync` side by side with the AWS CLI on moto: every direction, the second run
//! that does nothing, changed sizes and times, `--delete`, `--exact-timestamps`,
//! `--size-only`, filters on both sides, `--dryrun`, special files; the lines (sorted, since
//! transfers finish in any order), exit codes, and the objects and files each tool leaves
//! must be the same. A failed listing deletes nothing. Byte-for-byte multipart syncs run on
//! s3s-fs.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::s3_fixtures::{create_bucket, list_keys, sorted_lines};
use common::{Moto, Output, S3sFs, TestContext, unique_name};

/// Every file under `dir` with its contents, paths relative to `dir`.
fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((name, std::fs::read_to_string(&path).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn set_mtime(path: &Path, time: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

/// One tool's world: its own local directories (under `root`) and buckets, so that the two
/// tools run the same steps without seeing each other's results.
struct World {
    root: PathBuf,
    up: String,
    copy: String,
}

impl World {
    fn new(ctx: &TestContext, name: &str) -> World {
        let port = Moto::shared().port();
        let world = World {
            root: ctx.home().join(name),
            up: unique_name(&format!("sync{name}")),
            copy: unique_name(&format!("synccopy{name}")),
        };
        create_bucket(port, &world.up);
        create_bucket(port, &world.copy);
        for (file, text) in [
            ("src/f1", "one"),
            ("src/x/f2", "two"),
            ("src/sp ace/ünï+q.txt", "three"),
            ("src/a-b", "dash sorts before the slash"),
            ("src/a/c", "inside a"),
            ("src/skip.log", "filtered"),
        ] {
            // An hour old for the AWS CLI's sake: S3 keeps whole seconds, and the CLI sends a
            // file written in the second of its upload again (awsctl compares in whole
            // seconds: multipart_files_round_trip_on_s3s_fs).
            let path = world.root.join(file);
            write(&path, text);
            set_mtime(&path, SystemTime::now() - Duration::from_secs(3600));
        }
        world
    }

    /// The step's arguments with this world's names in place of the placeholders.
    fn args(&self, step: &[&str]) -> Vec<String> {
        let mut all = vec!["s3".to_string(), "sync".into()];
        all.extend(step.iter().map(|s| {
            s.replace("UP", &self.up)
                .replace("COPY", &self.copy)
                .to_string()
        }));
        all.extend(["--no-progress".into(), "--endpoint-url".into()]);
        all.push(Moto::shared().endpoint());
        all
    }

    /// The output with this world's names turned back into the placeholders.
    fn neutral(&self, out: &Output) -> (i32, Vec<String>, String) {
        let fix = |s: &str| s.replace(&self.up, "UP").replace(&self.copy, "COPY");
        (out.code, sorted_lines(&fix(&out.stdout)), fix(&out.stderr))
    }
}

/// A sync's arguments, then what changes in both worlds before the next step.
type Step<'a> = (&'a [&'a str], &'a dyn Fn(&World));

/// Runs each step with both tools, then lets `between` change both worlds alike.
fn side_by_side(steps: &[Step]) -> (TestContext, World, World) {
    let ctx = TestContext::with_example_credentials();
    let (ours, theirs) = (World::new(&ctx, "ours"), World::new(&ctx, "theirs"));
    for (n, (step, between)) in steps.iter().enumerate() {
        let a = ctx.cmd(ours.args(step)).current_dir(&ours.root).run();
        let b = ctx
            .aws_cli(theirs.args(step))
            .current_dir(&theirs.root)
            .run();
        assert_eq!(
            ours.neutral(&a),
            theirs.neutral(&b),
            "step {n} {step:?}\nawsctl: {a}\naws: {b}"
        );
        between(&ours);
        between(&theirs);
    }
    (ctx, ours, theirs)
}

fn nothing(_: &World) {}

#[test]
fn uploads_match_the_aws_cli() {
    let touch_and_grow = |w: &World| {
        // Same size, newer than the object: uploaded again. Another grows; one goes away.
        let later = SystemTime::now() + Duration::from_secs(3600);
        set_mtime(&w.root.join("src/x/f2"), later);
        // Grown, but written "an hour ago": its size alone sends it again, once.
        write(&w.root.join("src/a/c"), "inside a, longer now");
        set_mtime(
            &w.root.join("src/a/c"),
            SystemTime::now() - Duration::from_secs(3600),
        );
        std::fs::remove_file(w.root.join("src/f1")).unwrap();
    };
    let steps: &[Step] = &[
        (&["src", "s3://UP/p", "--exclude", "*.log"], &nothing),
        // Nothing changed: nothing to do.
        (&["src", "s3://UP/p", "--exclude", "*.log"], &touch_and_grow),
        (&["src", "s3://UP/p/", "--delete", "--dryrun"], &nothing),
        // The excluded file is neither uploaded nor, at the destination, deleted.
        (
            &["src", "s3://UP/p", "--delete", "--exclude", "f1"],
            &nothing,
        ),
        (&["src", "s3://UP/p", "--delete"], &nothing),
        (&["src", "s3://UP/p", "--delete"], &nothing),
    ];
    let (_ctx, ours, theirs) = side_by_side(steps);
    let port = Moto::shared().port();
    let keys = list_keys(port, &ours.up);
    assert_eq!(keys, list_keys(port, &theirs.up));
    assert_eq!(
        keys,
        [
            "p/a-b",
            "p/a/c",
            "p/skip.log",
            "p/sp ace/ünï+q.txt",
            "p/x/f2"
        ]
    );
}

#[test]
fn downloads_match_the_aws_cli() {
    let prepare = |w: &World| {
        write(&w.root.join("down/extra.txt"), "only here");
        write(&w.root.join("down/keep.log"), "excluded, kept");
    };
    let older_same_size = |w: &World| {
        let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
        set_mtime(&w.root.join("down/x/f2"), old);
        write(&w.root.join("down/f1"), "ONE");
    };
    let steps: &[Step] = &[
        (&["src", "s3://UP/p"], &prepare),
        (&["s3://UP/p", "down"], &nothing),
        (&["s3://UP/p", "down"], &nothing),
        (
            &[
                "s3://UP/p",
                "down",
                "--delete",
                "--exclude",
                "*.log",
                "--dryrun",
            ],
            &nothing,
        ),
        (
            &["s3://UP/p", "down", "--delete", "--exclude", "*.log"],
            &older_same_size,
        ),
        // A same-sized local file older than the object is not replaced; a newer one is
        // (f1 was rewritten just now, so it counts as newer).
        (&["s3://UP/p", "down"], &nothing),
        (&["s3://UP/p", "down", "--exact-timestamps"], &nothing),
        (&["s3://UP/p", "down", "--exact-timestamps"], &nothing),
        // A destination directory that does not exist yet is created.
        (
            &["s3://UP/p", "fresh/", "--exclude", "*", "--include", "a*"],
            &nothing,
        ),
    ];
    let (_ctx, ours, theirs) = side_by_side(steps);
    assert_eq!(tree(&ours.root), tree(&theirs.root));
    let down: Vec<String> = tree(&ours.root.join("down"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        down,
        [
            "a-b",
            "a/c",
            "f1",
            "keep.log",
            "skip.log",
            "sp ace/ünï+q.txt",
            "x/f2"
        ]
    );
}

#[test]
fn copies_match_the_aws_cli() {
    let steps: &[Step] = &[
        (&["src", "s3://UP/p"], &nothing),
        (
            &["s3://UP/p", "s3://COPY/q", "--exclude", "sp ace/*"],
            &nothing,
        ),
        (&["s3://UP/p", "s3://COPY/q"], &nothing),
        (&["s3://UP/p", "s3://COPY/q"], &nothing),
        (
            &["s3://UP/p/x", "s3://COPY/q", "--delete", "--exclude", "a*"],
            &nothing,
        ),
        (
            &["s3://UP/p/x", "s3://COPY/q", "--delete", "--size-only"],
            &nothing,
        ),
    ];
    let (_ctx, ours, theirs) = side_by_side(steps);
    let port = Moto::shared().port();
    assert_eq!(list_keys(port, &ours.copy), list_keys(port, &theirs.copy));
    assert_eq!(list_keys(port, &ours.copy), ["q/f2"]);
}

#[test]
fn bad_paths_fail_as_in_the_aws_cli() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    write(&ctx.home().join("file"), "not a directory");
    for args in [
        &["nowhere", "s3://bkt/p"][..],
        &["-", "s3://bkt/p"],
        &["s3://bkt/p", "-"],
        &["file", "s3://no-such-sync-bucket/p"],
    ] {
        let mut all = vec!["s3", "sync"];
        all.extend(args);
        all.extend(["--endpoint-url", &moto]);
        let ours = ctx.cmd(&all).current_dir(ctx.home()).run();
        let theirs = ctx.aws_cli(&all).current_dir(ctx.home()).run();
        assert_eq!(
            ours.code, theirs.code,
            "{args:?}\nawsctl: {ours}\naws: {theirs}"
        );
        assert_eq!(ours.stdout, "", "{args:?}");
        // v2 puts its prefix before the message; the message is the CLI's.
        // (v1 also prints a progress line there, even when piped; awsctl does not.)
        let message = |s: &str| {
            let mut lines: Vec<String> = s
                .replace("aws: [ERROR]: ", "")
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with("Completed "))
                .map(str::to_string)
                .collect();
            lines.sort();
            lines
        };
        assert_eq!(message(&ours.stderr), message(&theirs.stderr), "{args:?}");
    }
    // Local to local is no sync at all.
    let out = ctx.cmd(["s3", "sync", "a", "b"]).run();
    out.assert_code(252)
        .assert_stderr_contains("usage: awsctl s3 sync <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>\nError: Invalid argument type");
}

/// A source that cannot be listed stops the sync before anything is deleted: `--delete`
/// must never read a failed listing as an empty source.
#[test]
fn a_failed_source_listing_deletes_nothing() {
    let ctx = TestContext::with_example_credentials();
    let port = Moto::shared().port();
    let dest = unique_name("syncsafe");
    create_bucket(port, &dest);
    let local = ctx.home().join("mirror");
    write(&local.join("keep.txt"), "precious");
    let out = ctx
        .cmd([
            "s3",
            "sync",
            "s3://no-such-source-bucket/p",
            local.to_str().unwrap(),
            "--delete",
            "--endpoint-url",
            &Moto::shared().endpoint(),
        ])
        .run();
    out.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    assert_eq!(
        std::fs::read_to_string(local.join("keep.txt")).unwrap(),
        "precious"
    );
}

/// The current second with 999 ms added: a file time S3 can only show as earlier.
fn late_in_this_second() -> SystemTime {
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap();
    SystemTime::UNIX_EPOCH + Duration::from_secs(now.as_secs()) + Duration::from_millis(999)
}

/// Multipart-sized files go up and come back byte for byte through sync on s3s-fs (strict
/// SigV4, CRC32 checked), and a second sync in each direction, right after, has nothing to
/// do (S3 keeps whole seconds; the files' fractions must not make them look newer).
#[test]
fn multipart_files_round_trip_on_s3s_fs() {
    let s3s = S3sFs::start();
    std::fs::create_dir(s3s.root().join("bkt")).unwrap();
    let ctx = TestContext::with_example_credentials();
    ctx.write_config(
        "[default]\ns3 =\n    multipart_threshold = 5MB\n    multipart_chunksize = 5MiB\n    max_concurrent_requests = 4\n",
    );
    let part = 5 * 1024 * 1024;
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "big.bin",
            (0..2 * part + 777).map(|i| (i % 253) as u8).collect(),
        ),
        (
            "dir/at-threshold.bin",
            (0..part).map(|i| (i % 241) as u8).collect(),
        ),
        ("dir/empty", Vec::new()),
        ("ünï cödé.txt", b"small".to_vec()),
    ];
    let up = ctx.home().join("up");
    for (name, bytes) in &files {
        let path = up.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        // Written late in the current second, so that the objects are stamped earlier in
        // the same second: the second sync must still see them as up to date.
        set_mtime(&path, late_in_this_second());
    }
    let sync = |from: &str, to: &str| {
        ctx.cmd(["s3", "sync", from, to, "--endpoint-url", &s3s.endpoint()])
            .current_dir(ctx.home())
            .run()
    };
    let first = sync("up", "s3://bkt/tree");
    first.assert_success();
    assert_eq!(sorted_lines(&first.stdout).len(), files.len(), "{first}");
    sync("up", "s3://bkt/tree")
        .assert_success()
        .assert_stdout("");
    let down = sync("s3://bkt/tree", "down");
    down.assert_success();
    assert_eq!(sorted_lines(&down.stdout).len(), files.len(), "{down}");
    for (name, bytes) in &files {
        assert_eq!(
            &std::fs::read(ctx.home().join("down").join(name)).unwrap(),
            bytes,
            "{name}"
        );
    }
    sync("s3://bkt/tree", "down")
        .assert_success()
        .assert_stdout("");
    // No temporary file is left beside the downloads.
    let leftovers: Vec<_> = tree(&ctx.home().join("down"))
        .into_iter()
        .filter(|(n, _)| n.contains("awsctl-part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A symbolic link to a sibling directory is synced like a directory, as by the CLI; a
/// `--delete` sync afterwards keeps what it uploaded (a walk that skipped it would delete it).
#[test]
fn a_link_to_a_sibling_directory_is_synced_as_by_the_aws_cli() {
    let ctx = TestContext::with_example_credentials();
    let moto = Moto::shared().endpoint();
    let tree = ctx.home().join("linked");
    write(&tree.join("a/f"), "in a");
    write(&tree.join("g"), "top");
    for file in ["a/f", "g"] {
        set_mtime(
            &tree.join(file),
            SystemTime::now() - Duration::from_secs(3600),
        );
    }
    std::os::unix::fs::symlink(tree.join("a"), tree.join("b")).unwrap();
    let mut outputs = Vec::new();
    for tool in ["ours", "theirs"] {
        let bucket = unique_name(&format!("synclink{tool}"));
        create_bucket(Moto::shared().port(), &bucket);
        let dest = format!("s3://{bucket}/ln");
        let args = [
            "s3",
            "sync",
            "linked",
            &dest,
            "--no-progress",
            "--endpoint-url",
            &moto,
        ];
        let run = |args: &[&str]| match tool {
            "ours" => ctx.cmd(args).current_dir(ctx.home()).run(),
            _ => ctx.aws_cli(args).current_dir(ctx.home()).run(),
        };
        let first = run(&args);
        let again = run(&[&args[..], &["--delete"]].concat());
        let keys = list_keys(Moto::shared().port(), &bucket);
        let lines = sorted_lines(&first.stdout.replace(&bucket, "B"));
        outputs.push((first.code, lines, again.code, again.stdout, keys));
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0].4, ["ln/a/f", "ln/b/f", "ln/g"]);
}
