//! `awsctl s3 cp` in constant memory: the peak resident size of the awsctl process (its
//! `ru_maxrss`, the kernel's high-water mark of its RSS, as VmHWM in /proc/PID/status shows it)
//! for a 200 MB upload and download against s3s-fs is within a few MiB of the same for 20 MB.
//! Before the engine streamed parts it held every part in flight whole: 10 parts of 8 MiB
//! for the large object against 3 for the small one, some 56 MiB apart. Not timed.

use crate::common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{S3sFs, TestContext};

const MB: usize = 1_000_000;
const MIB: i64 = 1024 * 1024;

/// Bytes that differ at every offset, so that a misplaced or repeated range shows; made a
/// MiB at a time.
fn chunks(len: usize, salt: usize) -> impl Iterator<Item = Vec<u8>> {
    (0..len).step_by(MIB as usize).map(move |start| {
        (start..(start + MIB as usize).min(len))
            .map(|i| ((i + salt) % 251) as u8 ^ (i >> 12) as u8)
            .collect()
    })
}

fn write_data(path: &Path, len: usize, salt: usize) {
    let mut file = std::fs::File::create(path).unwrap();
    for chunk in chunks(len, salt) {
        file.write_all(&chunk).unwrap();
    }
}

/// Whether the file holds exactly `data(len, salt)`, read a MiB at a time.
fn holds_data(path: &Path, len: usize, salt: usize) -> bool {
    let mut file = std::fs::File::open(path).unwrap();
    let mut got = vec![0; MIB as usize];
    for chunk in chunks(len, salt) {
        if file.read_exact(&mut got[..chunk.len()]).is_err() || got[..chunk.len()] != chunk[..] {
            return false;
        }
    }
    file.read(&mut got).unwrap() == 0
}

/// Starts `argv[1:]` with stdout on /dev/null, waits for it with wait4, prints its
/// `ru_maxrss` (KiB) on stdout, and exits with its exit code.
const MEASURE: &str = r#"import os, sys
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"#;

/// Runs `awsctl ARGS` in `cwd`, checks that it succeeded, and returns its peak RSS in bytes.
///
/// A child's `ru_maxrss` starts from its parent's resident size at the fork (and exec keeps
/// it), and this test process also runs every other test of the suite: awsctl is started by
/// a small Python process (the moto peer's interpreter) that measures it with wait4.
fn peak_rss(ctx: &TestContext, args: &[&str], cwd: &Path) -> i64 {
    let awsctl = ctx.cmd(args).into_command();
    let mut measure = Command::new(common::peer_binary("moto-5.2.5/bin/python"));
    measure
        .arg("-c")
        .arg(MEASURE)
        .arg(awsctl.get_program())
        .args(awsctl.get_args())
        .env_clear()
        .envs(
            awsctl
                .get_envs()
                .filter_map(|(key, value)| value.map(|value| (key, value))),
        )
        .current_dir(cwd)
        .stdin(Stdio::null());
    let out = measure.output().expect("start the measuring python");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "awsctl {args:?} failed ({}): {stderr}",
        out.status
    );
    let kib: i64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or_else(|e| panic!("no ru_maxrss from the measuring python ({e}): {stderr}"));
    kib * 1024
}

#[test]
fn peak_memory_does_not_grow_with_the_object() {
    let s3s = S3sFs::start();
    std::fs::create_dir(s3s.root().join("bkt")).unwrap();
    let ctx = TestContext::with_example_credentials();
    let work = ctx.home().join("work");
    std::fs::create_dir(&work).unwrap();
    let endpoint = s3s.endpoint();
    let mut peaks = Vec::new();
    for (size, name) in [(20 * MB, "small.bin"), (200 * MB, "large.bin")] {
        write_data(&work.join(name), size, size / MB);
        let uri = format!("s3://bkt/{name}");
        let back = format!("back-{name}");
        let up = peak_rss(
            &ctx,
            &["s3", "cp", name, &uri, "--endpoint-url", &endpoint],
            &work,
        );
        std::fs::remove_file(work.join(name)).unwrap();
        let down = peak_rss(
            &ctx,
            &["s3", "cp", &uri, &back, "--endpoint-url", &endpoint],
            &work,
        );
        assert!(holds_data(&work.join(&back), size, size / MB), "{back}");
        std::fs::remove_file(work.join(&back)).unwrap();
        std::fs::remove_file(s3s.root().join("bkt").join(name)).unwrap();
        peaks.push((up, down));
    }
    let [(small_up, small_down), (large_up, large_down)] = peaks[..] else {
        unreachable!()
    };
    let shown = format!(
        "peak RSS: 20 MB up {} KiB, down {} KiB; 200 MB up {} KiB, down {} KiB",
        small_up / 1024,
        small_down / 1024,
        large_up / 1024,
        large_down / 1024
    );
    eprintln!("{shown}");
    // Ten times the bytes; the same connections' buffers. The margin is a third of what
    // holding the parts in flight whole cost.
    assert!(large_down - small_down < 16 * MIB, "download: {shown}");
    assert!(large_up - small_up < 16 * MIB, "upload: {shown}");
}
