//! A hundred mixed commands (single and multipart uploads, single and ranged downloads, listings,
//! STS calls) through a fault proxy in front of moto that fails about a quarter of all
//! requests: every command succeeds, every byte comes back as it went, and no call makes
//! more attempts than allowed.

use crate::common;

use std::collections::HashMap;
use std::sync::Mutex;

use common::fault_proxy::{Fault, FaultProxy, header};
use common::s3_faults::{bucket, uploads_in_progress};
use common::{Moto, Output, TestContext};
use rand::{Rng, SeedableRng};

/// Every call gets this many attempts. A call fails only if all of them hit a fault:
/// 0.25^10 ≈ 9.5e-7 per call, so with ~200 calls the test fails by chance about once in
/// 5,000 runs (the exact draws depend on how the threads interleave, so a seed cannot pin
/// them). Most calls need one or two attempts, so the backoff stays short.
const MAX_ATTEMPTS: usize = 10;
const FAULT_RATE: f64 = 0.25;

/// A fault about one request in four: a 503, a dropped connection or, for a GET (whose
/// answer has a body), a body cut in half. Only faults that stop the request before the
/// server acts, or lose a GET's answer: a lost answer to CompleteMultipartUpload would be
/// retried into moto's NoSuchUpload, which real S3 does not answer for a recent upload.
fn faults() -> common::fault_proxy::Schedule {
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    Box::new(move |head| {
        if !rng.random_bool(FAULT_RATE) {
            return Fault::Forward;
        }
        let get = head[0].starts_with("GET ");
        match rng.random_range(0..if get { 3 } else { 2 }) {
            0 => Fault::Respond(
                503,
                "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>".into(),
            ),
            1 => Fault::Reset,
            _ => Fault::Truncate,
        }
    })
}

enum Op {
    Upload(String, Vec<u8>),
    Download(String, Vec<u8>),
    List(usize),
    Identity,
}

fn data(seed: usize, len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i * 31 + seed * 7) as u8 ^ (i >> 10) as u8)
        .collect()
}

fn run(ctx: &TestContext, endpoint: &str, bucket: &str, dir: &str, op: &Op) -> Output {
    let dir = ctx.home().join(dir);
    std::fs::create_dir(&dir).unwrap();
    let s3 = |args: &[&str]| {
        let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        all.extend(["--endpoint-url".into(), endpoint.into()]);
        ctx.cmd(["s3"].into_iter().map(String::from).chain(all))
            .current_dir(&dir)
    };
    match op {
        Op::Upload(key, bytes) => {
            std::fs::write(dir.join("f"), bytes).unwrap();
            s3(&["cp", "f", &format!("s3://{bucket}/{key}"), "--no-progress"]).run()
        }
        Op::Download(key, bytes) => {
            let out = s3(&["cp", &format!("s3://{bucket}/{key}"), "f", "--no-progress"]).run();
            out.assert_success();
            assert!(std::fs::read(dir.join("f")).unwrap() == *bytes, "{key}");
            assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "{key}");
            out
        }
        Op::List(expected) => {
            let out = s3(&["ls", &format!("s3://{bucket}/"), "--recursive"]).run();
            out.assert_success();
            assert_eq!(out.stdout.lines().count(), *expected, "{out}");
            out
        }
        Op::Identity => {
            let out = ctx
                .cmd([
                    "sts",
                    "get-caller-identity",
                    "--region",
                    "us-east-1",
                    "--endpoint-url",
                    endpoint,
                ])
                .run();
            assert!(
                out.stdout.contains("\"Account\": \"123456789012\""),
                "{out}"
            );
            out
        }
    }
}

/// Runs `ops` on four threads; every command must succeed.
fn run_all(ctx: &TestContext, endpoint: &str, bucket: &str, phase: &str, ops: Vec<Op>) {
    let queue = Mutex::new(ops.into_iter().enumerate().collect::<Vec<_>>());
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                loop {
                    // Not in the loop's condition: its guard would live through the body.
                    let next = queue.lock().unwrap().pop();
                    let Some((n, op)) = next else { break };
                    run(ctx, endpoint, bucket, &format!("{phase}{n}"), &op).assert_success();
                }
            });
        }
    });
}

#[test]
fn a_hundred_commands_succeed_through_a_quarter_of_requests_failing() {
    // 6 MiB files go in two parts and come back in two ranges.
    let ctx = TestContext::builder()
        .example_credentials()
        .setting("max_attempts", &MAX_ATTEMPTS.to_string())
        .s3_settings(&[
            ("multipart_threshold", "5MB"),
            ("multipart_chunksize", "5MB"),
        ])
        .build();
    let b = bucket("mixed");
    let proxy = FaultProxy::scheduled(Moto::shared().port(), faults());
    let endpoint = proxy.endpoint();
    let mut objects: Vec<(String, Vec<u8>)> = (0..30)
        .map(|i| (format!("small/{i}"), data(i, 1 + i * 997)))
        .collect();
    objects.extend((0..8).map(|i| (format!("big/{i}"), data(100 + i, 6 * 1024 * 1024 + i))));

    // 38 uploads, then 62 downloads, listings and STS calls mixed.
    run_all(
        &ctx,
        &endpoint,
        &b,
        "up",
        objects
            .iter()
            .map(|(k, v)| Op::Upload(k.clone(), v.clone()))
            .collect(),
    );
    let mut ops: Vec<Op> = objects[8..]
        .iter()
        .map(|(k, v)| Op::Download(k.clone(), v.clone()))
        .collect();
    ops.extend((0..16).flat_map(|_| [Op::List(objects.len()), Op::Identity]));
    // Interleaved rather than grouped, so that all kinds run at once.
    let ops: Vec<Op> = {
        let (downloads, rest): (Vec<Op>, Vec<Op>) = ops
            .into_iter()
            .partition(|op| matches!(op, Op::Download(..)));
        let mut mixed = Vec::new();
        let mut rest = rest.into_iter();
        for d in downloads {
            mixed.push(d);
            mixed.extend(rest.next());
        }
        mixed.extend(rest);
        mixed
    };
    assert_eq!(ops.len() + objects.len(), 100);
    run_all(&ctx, &endpoint, &b, "mixed", ops);
    assert_eq!(uploads_in_progress(&b), 0);

    // Every call's attempts, from the headers the proxy saw.
    let heads = proxy.heads();
    let mut attempts: HashMap<String, usize> = HashMap::new();
    for (head, _) in &heads {
        let id = header(head, "amz-sdk-invocation-id").expect("an invocation id");
        *attempts.entry(id.to_string()).or_default() += 1;
    }
    let most = attempts.values().max().copied().unwrap_or_default();
    assert!(most <= MAX_ATTEMPTS, "{most}");
    assert!(most >= 2, "no call was retried");
    let faulted = heads.iter().filter(|(_, f)| *f != Fault::Forward).count();
    let rate = faulted as f64 / heads.len() as f64;
    assert!((0.15..0.35).contains(&rate), "{faulted} of {}", heads.len());
    eprintln!(
        "{} requests for {} calls, {faulted} faulted, at most {most} attempts for one call",
        heads.len(),
        attempts.len()
    );
}
