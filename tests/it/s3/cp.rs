//! `awsctl s3 cp` for one object against s3s-fs (strict SigV4, checksums): round trips
//! compared byte for byte (small, empty, exactly at the multipart threshold, multipart with
//! an odd last part, keys with spaces and unicode), stdin and stdout, a corrupted object
//! refused on download with nothing left at the destination, and the CLI's lines and codes.

use crate::common;

use std::path::Path;

use common::{S3sFs, TestContext};

/// S3's smallest part, so that multipart shows with small files.
const PART: usize = 5 * 1024 * 1024;

/// The profile's `s3` block: multipart from 5 MB, three requests at a time.
const S3: &[(&str, &str)] = &[
    ("multipart_threshold", "5MB"),
    ("multipart_chunksize", "5MiB"),
    ("max_concurrent_requests", "3"),
];

/// A server with bucket `bkt` (a directory under its root).
fn server() -> S3sFs {
    let s3s = S3sFs::start();
    std::fs::create_dir(s3s.root().join("bkt")).unwrap();
    s3s
}

fn cp(s3s: &S3sFs, args: &[&str]) -> Vec<String> {
    let mut all = vec!["s3".to_string(), "cp".into()];
    all.extend(args.iter().map(|s| s.to_string()));
    all.extend(["--endpoint-url".into(), s3s.endpoint()]);
    all
}

/// Bytes that differ at every offset, so that a misplaced range shows.
fn data(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i % 251) as u8 ^ (i / 251) as u8)
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn round_trips_are_byte_for_byte() {
    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let work = ctx.home().join("work");
    let cases: &[(&str, usize)] = &[
        ("small.txt", 6),
        ("empty", 0),
        ("at-threshold.bin", PART),
        ("odd-parts.bin", 2 * PART + 123_457),
        ("dir/sp ace/ünï cödé.txt", 42),
    ];
    for (name, len) in cases {
        let bytes = data(*len);
        write(&work, name, &bytes);
        let key = format!("up/{name}");
        let out = ctx
            .cmd(cp(&s3s, &[name, &format!("s3://bkt/{key}")]))
            .current_dir(&work)
            .run();
        out.assert_success();
        assert_output_snapshot!(&ctx, out.stdout);
        assert_eq!(out.stderr, "");
        let stored = std::fs::read(s3s.root().join("bkt").join(&key)).unwrap();
        assert!(stored == bytes, "{name}: the stored object differs");

        let back = format!("back/{name}");
        let out = ctx
            .cmd(cp(&s3s, &[&format!("s3://bkt/{key}"), &back]))
            .current_dir(&work)
            .run();
        out.assert_success();
        assert_output_snapshot!(&ctx, out.stdout);
        assert!(
            std::fs::read(work.join(&back)).unwrap() == bytes,
            "{name}: download differs"
        );
        // The file takes the object's LastModified (s3s-fs: its file's time, to the second).
        let mtime = |p: &Path| {
            let t = std::fs::metadata(p).unwrap().modified().unwrap();
            t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
        };
        assert_eq!(
            mtime(&work.join(&back)),
            mtime(&s3s.root().join("bkt").join(&key))
        );
    }
    // Nothing but the downloaded files in the destination: no temporary file left over.
    let left: Vec<_> = std::fs::read_dir(work.join("back"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 5, "{left:?}");
}

#[test]
fn destinations_resolve_as_the_clis_do() {
    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let work = ctx.home().join("work");
    write(&work, "a.txt", b"hello\n");
    // A key ending in `/` (or none) takes the file's name; a directory takes the key's.
    ctx.cmd(cp(&s3s, &["a.txt", "s3://bkt/"]))
        .current_dir(&work)
        .run()
        .assert_success()
        .assert_stdout("upload: ./a.txt to s3://bkt/a.txt\n");
    ctx.cmd(cp(&s3s, &["a.txt", "s3://bkt/d/"]))
        .current_dir(&work)
        .run()
        .assert_success()
        .assert_stdout("upload: ./a.txt to s3://bkt/d/a.txt\n");
    std::fs::create_dir(work.join("into")).unwrap();
    ctx.cmd(cp(&s3s, &["s3://bkt/d/a.txt", "into"]))
        .current_dir(&work)
        .run()
        .assert_success()
        .assert_stdout("download: s3://bkt/d/a.txt to into/a.txt\n");
    ctx.cmd(cp(&s3s, &["s3://bkt/d/a.txt", "."]))
        .current_dir(work.join("into"))
        .run()
        .assert_success()
        .assert_stdout("download: s3://bkt/d/a.txt to ./a.txt\n");
    ctx.cmd(cp(&s3s, &["s3://bkt/d/a.txt", "s3://bkt/copies/"]))
        .current_dir(&work)
        .run()
        .assert_success()
        .assert_stdout("copy: s3://bkt/d/a.txt to s3://bkt/copies/a.txt\n");
    assert_eq!(
        std::fs::read(s3s.root().join("bkt/copies/a.txt")).unwrap(),
        b"hello\n"
    );
    // --dryrun says what it would do and does it not.
    ctx.cmd(cp(&s3s, &["a.txt", "s3://bkt/dry.txt", "--dryrun"]))
        .current_dir(&work)
        .run()
        .assert_success()
        .assert_stdout("(dryrun) upload: ./a.txt to s3://bkt/dry.txt\n");
    assert!(!s3s.root().join("bkt/dry.txt").exists());
    // --only-show-errors and --quiet: no success line.
    for flag in ["--only-show-errors", "--quiet", "--no-progress"] {
        let out = ctx
            .cmd(cp(&s3s, &["a.txt", "s3://bkt/q.txt", flag]))
            .current_dir(&work)
            .run();
        out.assert_success();
        let expected = if flag == "--no-progress" {
            "upload: ./a.txt to s3://bkt/q.txt\n"
        } else {
            ""
        };
        assert_eq!(out.stdout, expected, "{flag}");
    }
}

#[test]
fn stdin_and_stdout_stream() {
    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    // Below the threshold: one PutObject; above: parts, the last one short. No line printed.
    for (key, len) in [("small.txt", 9), ("streamed.bin", 2 * PART + 999)] {
        let bytes = data(len);
        let out = ctx
            .cmd(cp(&s3s, &["-", &format!("s3://bkt/{key}")]))
            .stdin(bytes.clone())
            .run();
        out.assert_success().assert_stdout("");
        assert_eq!(out.stderr, "");
        assert!(
            std::fs::read(s3s.root().join("bkt").join(key)).unwrap() == bytes,
            "{key}"
        );
    }
    // To stdout, in order, small and in ranges (text, as the harness reads stdout as text).
    for (key, len) in [("out-small.txt", 100), ("out-big.txt", PART + 4321)] {
        let text: String = (0..len)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        write(&s3s.root().join("bkt"), key, text.as_bytes());
        let out = ctx.cmd(cp(&s3s, &[&format!("s3://bkt/{key}"), "-"])).run();
        out.assert_success();
        assert!(out.stdout == text, "{key}: stdout differs");
        assert_eq!(out.stderr, "");
    }
}

#[test]
fn metadata_content_type_and_storage_class_reach_s3() {
    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let work = ctx.home().join("work");
    write(&work, "page.html", b"<p>hi</p>");
    write(&work, "data.unknownext", b"x");
    for args in [
        &["page.html", "s3://bkt/page.html"][..],
        &[
            "data.unknownext",
            "s3://bkt/typed",
            "--content-type",
            "text/x-mine",
            "--metadata",
            "colour=blue,size=big",
            "--cache-control",
            "max-age=60",
        ],
    ] {
        ctx.cmd(cp(&s3s, args))
            .current_dir(&work)
            .run()
            .assert_success();
    }
    // s3s-fs keeps each object's headers in a sidecar JSON file beside the bucket.
    let sidecars: String = std::fs::read_dir(s3s.root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".metadata.json"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for needle in [
        "text/html",
        "text/x-mine",
        "\"colour\":\"blue\"",
        "\"size\":\"big\"",
        "max-age=60",
    ] {
        assert!(sidecars.contains(needle), "{needle} not in {sidecars}");
    }
}

#[test]
fn a_corrupted_object_is_refused_and_nothing_is_left() {
    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let work = ctx.home().join("work");
    write(&work, "a.txt", b"hello\n");
    ctx.cmd(cp(&s3s, &["a.txt", "s3://bkt/a.txt"]))
        .current_dir(&work)
        .run()
        .assert_success();
    // Same length, other bytes: only the stored CRC32 can tell.
    std::fs::write(s3s.root().join("bkt/a.txt"), b"jello\n").unwrap();
    std::fs::create_dir(work.join("dest")).unwrap();
    let out = ctx
        .cmd(cp(&s3s, &["s3://bkt/a.txt", "dest/a.txt"]))
        .current_dir(&work)
        .run();
    out.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    assert_eq!(std::fs::read_dir(work.join("dest")).unwrap().count(), 0);
}

#[test]
fn failures_and_parameter_errors_have_the_clis_codes() {
    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let work = ctx.home().join("work");
    write(&work, "a.txt", b"hello\n");
    let out = ctx
        .cmd(cp(&s3s, &["s3://bkt/nope.txt", "."]))
        .current_dir(&work)
        .run();
    out.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    let out = ctx
        .cmd(cp(&s3s, &["nofile", "s3://bkt/"]))
        .current_dir(&work)
        .run();
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
    let out = ctx
        .cmd(cp(&s3s, &["a.txt", "b.txt"]))
        .current_dir(&work)
        .run();
    out.assert_code(252);
    assert!(out.stderr.contains("Error: Invalid argument type"), "{out}");
    // A bad size in the profile's s3 block.
    ctx.write_config("[default]\ns3 =\n    multipart_chunksize = 10XB\n");
    let out = ctx
        .cmd(cp(&s3s, &["a.txt", "s3://bkt/a.txt"]))
        .current_dir(&work)
        .run();
    out.assert_code(255);
    assert_output_snapshot!(&ctx, out.stderr);
}

/// Standard output on a pseudo-terminal: the progress line shows, ended by `\r`, and the
/// result line replaces it. (Piped, as in every other test here, there is no `\r` at all.)
#[test]
fn progress_shows_on_a_terminal_only() {
    use std::io::Read;
    use std::os::fd::FromRawFd;

    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let work = ctx.home().join("work");
    write(&work, "big.bin", &data(3 * PART));
    // SAFETY: plain libc calls on a descriptor this test owns; ptsname's buffer is copied at once.
    let (master, slave_name) = unsafe {
        let fd = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
        assert!(fd >= 0 && libc::grantpt(fd) == 0 && libc::unlockpt(fd) == 0);
        let name = std::ffi::CStr::from_ptr(libc::ptsname(fd)).to_owned();
        (std::fs::File::from_raw_fd(fd), name)
    };
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(slave_name.to_str().unwrap())
        .unwrap();
    let mut command = ctx
        .cmd(cp(&s3s, &["big.bin", "s3://bkt/big.bin"]))
        .current_dir(&work)
        .into_command();
    let status = command
        .stdout(slave)
        .stderr(std::process::Stdio::null())
        .stdin(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut screen = Vec::new();
    let mut master = master;
    let mut buffer = [0u8; 4096];
    // The child is gone: read what it left until the terminal has nothing more (EIO or 0).
    while let Ok(n) = master.read(&mut buffer) {
        if n == 0 {
            break;
        }
        screen.extend_from_slice(&buffer[..n]);
        if screen.ends_with(b"\n") {
            break;
        }
    }
    let screen = String::from_utf8_lossy(&screen);
    assert!(screen.starts_with("Completed "), "{screen:?}");
    assert!(screen.contains(" file(s) remaining"), "{screen:?}");
    assert!(
        screen.ends_with("\rupload: ./big.bin to s3://bkt/big.bin\r\n"),
        "{screen:?}"
    );
}

/// A body corrupted on the way (the payload is unsigned) is caught by its CRC32: s3s-fs
/// refuses the PutObject with BadDigest. (s3s-fs checks no UploadPart checksum, so parts
/// cannot be tried this way; they carry the same header.)
#[test]
fn uploads_corrupted_in_transit_are_refused_by_the_server() {
    use common::fault_proxy::{Fault, FaultProxy};

    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let work = ctx.home().join("work");
    write(&work, "a.txt", b"hello\n");
    let proxy = FaultProxy::start(s3s.port(), vec![Fault::CorruptRequest]);
    let args = [
        "s3",
        "cp",
        "a.txt",
        "s3://bkt/a.txt",
        "--endpoint-url",
        &proxy.endpoint(),
    ];
    let out = ctx
        .cmd(args)
        .current_dir(&work)
        .env("AWS_MAX_ATTEMPTS", "1")
        .run();
    out.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
}

/// `--debug` never shows an object's bytes, however small and textual: an uploaded and a
/// downloaded credentials file (single and multipart) appear as their size only; the log of
/// a 6 MiB download stays small.
#[test]
fn the_debug_log_never_shows_object_contents() {
    let s3s = server();
    let ctx = TestContext::builder()
        .example_credentials()
        .s3_settings(S3)
        .build();
    let work = ctx.home().join("work");
    let secret = "[leaked]\naws_secret_access_key = SECRETinsideTHEfile1234567890\n";
    write(&work, "creds.txt", secret.as_bytes());
    let mut big = secret
        .repeat(6 * 1024 * 1024 / secret.len() + 1)
        .into_bytes();
    big.truncate(6 * 1024 * 1024);
    write(&work, "big.txt", &big);
    for args in [
        ["creds.txt", "s3://bkt/creds.txt"],
        ["s3://bkt/creds.txt", "back.txt"],
        ["big.txt", "s3://bkt/big.txt"],
        ["s3://bkt/big.txt", "big-back.txt"],
    ] {
        let out = ctx
            .cmd(cp(&s3s, &[args[0], args[1], "--debug"]))
            .current_dir(&work)
            .run();
        out.assert_success();
        assert!(!out.stderr.contains("SECRETinside"), "{args:?}: {out}");
        assert!(!out.stderr.contains("[leaked]"), "{args:?}");
        assert!(
            out.stderr.contains(" bytes of object data>"),
            "{args:?}: {out}"
        );
        assert!(
            out.stderr.len() < 200_000,
            "{args:?}: {} bytes",
            out.stderr.len()
        );
    }
    assert_eq!(std::fs::read(work.join("big-back.txt")).unwrap(), big);
}
