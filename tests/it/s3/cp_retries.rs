//! `awsctl s3 cp` retrying through faults, against moto behind the fault proxy: a download
//! whose body is cut mid-way resumes with a Range request from the byte where it stopped
//! (the retry's headers are checked), a part read from stdin is kept until acknowledged and
//! resent, and a persistent fault ends each command after max_attempts with the CLI's
//! message and exit code, no partial file and no open multipart upload.

use crate::common;

use common::fault_proxy::{Fault, FaultProxy, header, on_matching};
use common::http;
use common::s3_faults::{BOOM, bucket, fault_context, part_requests, s3, uploads_in_progress};
use common::s3_fixtures::{list_keys, put_object};
use common::{Moto, TestContext};

/// Bytes that differ at every offset, so that a misplaced or repeated range shows.
fn data(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i % 251) as u8 ^ (i >> 12) as u8)
        .collect()
}

/// The GETs the proxy saw (HEADs excluded): (range header, if-match header, fault).
fn gets(proxy: &FaultProxy) -> Vec<(Option<String>, Option<String>, Fault)> {
    proxy
        .heads()
        .into_iter()
        .filter(|(head, _)| head[0].starts_with("GET "))
        .map(|(head, fault)| {
            let h = |name| header(&head, name).map(str::to_string);
            (h("range"), h("if-match"), fault)
        })
        .collect()
}

/// Only `name` is left in `dir`: no temporary file.
fn only(dir: &std::path::Path, name: &str) {
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [name]);
}

#[test]
fn a_cut_single_download_resumes_where_it_stopped() {
    let ctx = fault_context(3);
    let b = bucket("resume1");
    // Text, so that it can be compared on stdout too.
    let bytes: Vec<u8> = (0..1000).map(|i| b'a' + (i % 26) as u8).collect();
    put_object(Moto::shared().port(), &b, "small.bin", &bytes);
    let dest = ctx.home().join("dest");
    std::fs::create_dir(&dest).unwrap();
    let proxy = FaultProxy::scheduled(
        Moto::shared().port(),
        on_matching("GET ", Fault::Truncate, 1),
    );
    let out = ctx
        .cmd(s3(
            &proxy.endpoint(),
            &["cp", &format!("s3://{b}/small.bin"), ".", "--debug"],
        ))
        .current_dir(&dest)
        .run();
    out.assert_success();
    let seen = gets(&proxy);
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].0, None);
    // The proxy sent the first half: the retry asks for the rest, of the same object.
    assert_eq!(seen[1].0.as_deref(), Some("bytes=500-"));
    assert!(seen[1].1.as_deref().is_some_and(|e| e.starts_with('"')));
    assert!(
        out.stderr
            .contains("resuming after the 500 bytes received, retrying request after delay of: "),
        "{out}"
    );
    assert!(std::fs::read(dest.join("small.bin")).unwrap() == bytes);
    only(&dest, "small.bin");

    // To stdout, the same.
    let proxy = FaultProxy::scheduled(
        Moto::shared().port(),
        on_matching("GET ", Fault::Truncate, 1),
    );
    let out = ctx
        .cmd(s3(
            &proxy.endpoint(),
            &["cp", &format!("s3://{b}/small.bin"), "-"],
        ))
        .run();
    out.assert_success();
    assert!(out.stdout.as_bytes() == bytes);
    assert_eq!(gets(&proxy)[1].0.as_deref(), Some("bytes=500-"));
}

#[test]
fn a_cut_range_of_a_multipart_download_resumes_within_its_range() {
    let ctx = fault_context(3);
    let b = bucket("resume2");
    let bytes = data(11 * 1024 * 1024);
    put_object(Moto::shared().port(), &b, "big.bin", &bytes);
    let dest = ctx.home().join("dest");
    std::fs::create_dir(&dest).unwrap();
    // The second range (5 MiB from 5 MiB) is cut after its first 2.5 MiB, twice: the second
    // resumption continues from where the first one stopped.
    let mut cut = 0;
    let proxy = FaultProxy::scheduled(
        Moto::shared().port(),
        Box::new(move |head| {
            let range = header(head, "range").unwrap_or_default().to_string();
            if range.starts_with("bytes=5242880-")
                || (cut == 1 && range.starts_with("bytes=7864320-"))
            {
                cut += 1;
                if cut <= 2 {
                    return Fault::Truncate;
                }
            }
            Fault::Forward
        }),
    );
    let out = ctx
        .cmd(s3(
            &proxy.endpoint(),
            &["cp", &format!("s3://{b}/big.bin"), "."],
        ))
        .current_dir(&dest)
        .run();
    out.assert_success();
    let ranges: Vec<String> = gets(&proxy).into_iter().filter_map(|(r, _, _)| r).collect();
    assert_eq!(
        ranges,
        [
            "bytes=0-5242879",
            "bytes=5242880-10485759",
            // Half of the 5 MiB range arrived ...
            "bytes=7864320-10485759",
            // ... then half of the rest.
            "bytes=9175040-10485759",
            "bytes=10485760-11534335",
        ]
    );
    assert!(std::fs::read(dest.join("big.bin")).unwrap() == bytes);
    only(&dest, "big.bin");
}

#[test]
fn a_part_read_from_stdin_is_resent_when_its_upload_fails() {
    let ctx = fault_context(3);
    let b = bucket("stream");
    let bytes = data(11 * 1024 * 1024);
    let proxy = FaultProxy::scheduled(
        Moto::shared().port(),
        on_matching("partNumber=2&", Fault::Respond(503, BOOM.into()), 1),
    );
    ctx.cmd(s3(
        &proxy.endpoint(),
        &["cp", "-", &format!("s3://{b}/stream.bin")],
    ))
    .stdin(bytes.clone())
    .run()
    .assert_success();
    let parts = part_requests(&proxy);
    assert_eq!(parts.len(), 4, "three parts and one resend: {parts:?}");
    assert_eq!(
        parts.iter().filter(|l| l.contains("partNumber=2&")).count(),
        2
    );
    assert_eq!(uploads_in_progress(&b), 0);
    let r = http::get(Moto::shared().port(), &format!("/{b}/stream.bin"));
    assert!(r.body == bytes);
}

/// Runs `s3 ARGS` through a proxy that always answers requests matching `needle` with
/// `fault`; returns the output and how many requests matched.
fn persistent(
    ctx: &TestContext,
    needle: &'static str,
    fault: Fault,
    args: &[&str],
    stdin: Option<Vec<u8>>,
    cwd: &std::path::Path,
) -> (common::Output, usize) {
    let proxy = FaultProxy::scheduled(
        Moto::shared().port(),
        on_matching(needle, fault, usize::MAX),
    );
    let mut cmd = ctx.cmd(s3(&proxy.endpoint(), args)).current_dir(cwd);
    if let Some(data) = stdin {
        cmd = cmd.stdin(data);
    }
    let out = cmd.run();
    let hits = proxy
        .requests()
        .iter()
        .filter(|(line, _)| line.contains(needle))
        .count();
    (out, hits)
}

#[test]
fn a_persistent_fault_stops_each_command_after_max_attempts_leaving_nothing() {
    let ctx = fault_context(2);
    let b = bucket("persist");
    let home = ctx.home().to_path_buf();
    let boom = || Fault::Respond(500, BOOM.into());

    // A file upload: the part is tried twice (max_attempts) by each of the 5 fresh requests
    // the transfer makes for it, then the upload is aborted.
    let target = format!("s3://{b}/big.bin");
    let (out, hits) = persistent(
        &ctx,
        "partNumber=2&",
        boom(),
        &["cp", "big.bin", &target],
        None,
        &home,
    );
    out.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    assert_eq!(hits, 2 * 5);
    // A stream upload: the same.
    let (out, hits) = persistent(
        &ctx,
        "partNumber=2&",
        boom(),
        &["cp", "-", &target],
        Some(vec![1u8; 11 * 1024 * 1024]),
        &home,
    );
    out.assert_code(1).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    assert_eq!(hits, 2 * 5);
    assert_eq!(uploads_in_progress(&b), 0);
    assert!(list_keys(Moto::shared().port(), &b).is_empty());

    // A download whose body is cut every time: no file, not even a temporary one.
    put_object(
        Moto::shared().port(),
        &b,
        "big.bin",
        &data(11 * 1024 * 1024),
    );
    let dest = home.join("dest");
    std::fs::create_dir(&dest).unwrap();
    let (out, hits) = persistent(
        &ctx,
        "GET ",
        Fault::Truncate,
        &["cp", &target, "."],
        None,
        &dest,
    );
    out.assert_code(1).assert_stdout("");
    assert!(
        out.stderr.starts_with(&format!("download failed: {target} to ./big.bin Connection was closed before we received a valid response from endpoint URL: ")),
        "{out}"
    );
    assert!(hits >= 2, "{hits}");
    assert_eq!(std::fs::read_dir(&dest).unwrap().count(), 0);

    // A listing: the CLI's error, exit 254.
    let (out, hits) = persistent(
        &ctx,
        "list-type=2",
        boom(),
        &["ls", &format!("s3://{b}/")],
        None,
        &home,
    );
    out.assert_code(254).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    assert_eq!(hits, 2);
}
