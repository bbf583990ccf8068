//! `awsctl s3 cp` when things go wrong, against moto behind a fault-injecting proxy: a failed
//! multipart upload is aborted (ListMultipartUploads is empty), a failed part is retried
//! alone, a failed download leaves no file behind, and Ctrl-C (SIGINT) mid-transfer exits 130
//! with nothing left: no open multipart upload, no temporary file (for sync and mv too: a
//! moved source is kept when its copy did not finish).

use crate::common;

use std::path::Path;

use common::fault_proxy::{Fault, FaultProxy, on_matching};
use common::http;
use common::s3_faults::{BOOM, bucket, fault_context, part_requests, s3, uploads_in_progress};
use common::s3_fixtures::{list_keys, put_object};
use common::{Moto, TestContext};

#[test]
fn a_failed_multipart_upload_is_aborted() {
    let ctx = fault_context(1);
    let b = bucket("abort");
    // Every part fails, however often it is asked for again (transfer-level retries included).
    let proxy = FaultProxy::scheduled(
        Moto::shared().port(),
        on_matching("partNumber=", Fault::Respond(500, BOOM.into()), usize::MAX),
    );
    let out = ctx
        .cmd(s3(
            &proxy.endpoint(),
            &["cp", "big.bin", &format!("s3://{b}/big.bin")],
        ))
        .run();
    out.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    let requests: Vec<String> = proxy.requests().into_iter().map(|(line, _)| line).collect();
    assert!(
        requests.last().unwrap().starts_with("DELETE "),
        "{requests:?}"
    );
    assert_eq!(uploads_in_progress(&b), 0);
    assert!(list_keys(Moto::shared().port(), &b).is_empty());
}

#[test]
fn a_failed_part_is_retried_alone() {
    let ctx = fault_context(3);
    let b = bucket("retry");
    let proxy = FaultProxy::start(
        Moto::shared().port(),
        vec![Fault::Forward, Fault::Respond(500, BOOM.into())],
    );
    ctx.cmd(s3(
        &proxy.endpoint(),
        &["cp", "big.bin", &format!("s3://{b}/big.bin")],
    ))
    .run()
    .assert_success();
    let parts = part_requests(&proxy);
    assert_eq!(parts.len(), 4, "three parts and one retry: {parts:?}");
    assert_eq!(
        parts.iter().filter(|l| l.contains("partNumber=1&")).count(),
        2,
        "{parts:?}"
    );
    assert_eq!(uploads_in_progress(&b), 0);
    let r = http::get(Moto::shared().port(), &format!("/{b}/big.bin"));
    assert!(r.body == vec![7u8; 11 * 1024 * 1024]);
}

#[test]
fn a_failed_download_leaves_no_file() {
    let ctx = fault_context(1);
    let b = bucket("nodl");
    let port = Moto::shared().port();
    put_object(port, &b, "small.txt", b"hello\n");
    put_object(port, &b, "big.bin", &vec![7u8; 11 * 1024 * 1024]);
    let work = ctx.home().join("dest");
    std::fs::create_dir(&work).unwrap();
    // HeadObject passes; the GET (for the big one, its second range and every try after)
    // fails, however often it is asked for again.
    for (key, passing) in [("small.txt", 0), ("big.bin", 1)] {
        let mut gets = 0;
        let proxy = FaultProxy::scheduled(
            port,
            Box::new(move |head: &[String]| {
                if !head[0].starts_with("GET ") {
                    return Fault::Forward;
                }
                gets += 1;
                if gets > passing {
                    Fault::Respond(500, BOOM.into())
                } else {
                    Fault::Forward
                }
            }),
        );
        let out = ctx
            .cmd(s3(
                &proxy.endpoint(),
                &["cp", &format!("s3://{b}/{key}"), "."],
            ))
            .current_dir(&work)
            .run();
        out.assert_code(1).assert_stdout("");
        assert_output_snapshot!(&ctx, out.stderr);
        assert_eq!(std::fs::read_dir(&work).unwrap().count(), 0, "{key}");
    }
}

/// Runs `awsctl ARGS` until the proxy has seen `requests` requests, then sends it SIGINT (as
/// Ctrl-C does) and returns its exit code and stderr.
fn interrupt(
    ctx: &TestContext,
    proxy: &FaultProxy,
    args: &[&str],
    cwd: &Path,
    requests: usize,
) -> (Option<i32>, String) {
    use std::process::Stdio;
    let mut command = ctx
        .cmd(s3(&proxy.endpoint(), args))
        .current_dir(cwd)
        .into_command();
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while proxy.requests().len() < requests {
        assert!(
            std::time::Instant::now() < deadline,
            "{:?}",
            proxy.requests()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // SAFETY: a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGINT) }, 0);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Ctrl-C in the middle of a multipart upload: exit 130, the CLI's message, and the upload
/// aborted. In the middle of a ranged download: no file, not even a temporary one.
#[test]
fn ctrl_c_leaves_nothing_behind() {
    let ctx = fault_context(1);
    let b = bucket("sigint");
    let port = Moto::shared().port();
    let stall = Fault::Delay(std::time::Duration::from_secs(15));

    let proxy = FaultProxy::start(port, vec![Fault::Forward, stall.clone()]);
    let target = format!("s3://{b}/big.bin");
    let (code, stderr) = interrupt(&ctx, &proxy, &["cp", "big.bin", &target], ctx.home(), 2);
    assert_eq!(
        (code, stderr.as_str()),
        (Some(130), "cancelled: ctrl-c received\n")
    );
    assert!(
        proxy
            .requests()
            .iter()
            .any(|(line, _)| line.starts_with("DELETE "))
    );
    assert_eq!(uploads_in_progress(&b), 0);

    put_object(port, &b, "big.bin", &vec![7u8; 11 * 1024 * 1024]);
    let dest = ctx.home().join("dest");
    std::fs::create_dir(&dest).unwrap();
    let proxy = FaultProxy::start(port, vec![Fault::Forward, Fault::Forward, stall]);
    let (code, _) = interrupt(&ctx, &proxy, &["cp", &target, "."], &dest, 3);
    assert_eq!(code, Some(130));
    assert_eq!(std::fs::read_dir(&dest).unwrap().count(), 0);
}

/// `sync` and `mv` stop the same way on Ctrl-C: a sync's multipart upload is aborted, and a
/// move whose download was cut short leaves no file and, above all, keeps its source.
#[test]
fn ctrl_c_stops_sync_and_mv_leaving_nothing_behind() {
    let ctx = fault_context(1);
    let b = bucket("sigintsync");
    let port = Moto::shared().port();
    let stall = Fault::Delay(std::time::Duration::from_secs(15));
    let tree = ctx.home().join("tree");
    std::fs::create_dir(&tree).unwrap();
    std::fs::rename(ctx.home().join("big.bin"), tree.join("big.bin")).unwrap();

    // ListObjectsV2 of the destination, CreateMultipartUpload, then the first part stalls.
    let proxy = FaultProxy::start(port, vec![Fault::Forward, Fault::Forward, stall.clone()]);
    let dest = format!("s3://{b}/synced");
    let (code, stderr) = interrupt(&ctx, &proxy, &["sync", "tree", &dest], ctx.home(), 3);
    assert_eq!(
        (code, stderr.as_str()),
        (Some(130), "cancelled: ctrl-c received\n")
    );
    assert_eq!(uploads_in_progress(&b), 0);
    assert!(list_keys(port, &b).is_empty());

    put_object(port, &b, "big.bin", &vec![7u8; 11 * 1024 * 1024]);
    let down = ctx.home().join("down");
    std::fs::create_dir(&down).unwrap();
    // HeadObject, then the first range stalls.
    let proxy = FaultProxy::start(port, vec![Fault::Forward, stall]);
    let source = format!("s3://{b}/big.bin");
    let (code, _) = interrupt(&ctx, &proxy, &["mv", &source, "."], &down, 2);
    assert_eq!(code, Some(130));
    assert_eq!(std::fs::read_dir(&down).unwrap().count(), 0);
    assert_eq!(list_keys(port, &b), ["big.bin"]);
}
