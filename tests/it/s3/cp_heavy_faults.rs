//! `awsctl s3 cp` round trips through heavy transient faults, with the default settings: a
//! fault-injecting proxy (`common::fault_proxy`) in front of s3s-fs fails one request in
//! four (503 SlowDown, 500, reset connections, bodies cut in half). Each round trip uploads a
//! file and downloads it back; all must arrive intact (the AWS CLI v2 fails 4 of 12 here).
//! Persistent faults still end in exit 1 with nothing left behind (s3_cp_faults.rs).

use crate::common;

use common::fault_proxy::{FaultProxy, random_faults};
use common::{S3sFs, TestContext};

/// Bytes that differ at every offset, so that a misplaced or repeated range shows.
fn data(len: usize, salt: usize) -> Vec<u8> {
    (0..len)
        .map(|i| ((i + salt) % 251) as u8 ^ (i >> 12) as u8)
        .collect()
}

#[test]
fn twelve_round_trips_through_a_quarter_of_failed_requests_all_arrive_intact() {
    let s3s = S3sFs::start();
    std::fs::create_dir(s3s.root().join("bkt")).unwrap();
    let seed = std::env::var("AWSCTL_FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    let proxy = FaultProxy::scheduled(s3s.port(), random_faults(4, seed));
    let ctx = TestContext::with_example_credentials();
    let work = ctx.home().join("work");
    std::fs::create_dir(&work).unwrap();
    let mut failures = Vec::new();
    for n in 0..12 {
        let size = if n % 2 == 0 {
            20 * 1024 * 1024
        } else {
            300 * 1024
        };
        let name = format!("f{n}.bin");
        let bytes = data(size, n);
        std::fs::write(work.join(&name), &bytes).unwrap();
        let uri = format!("s3://bkt/{name}");
        let back = format!("back-{name}");
        for (from, to) in [(name.as_str(), uri.as_str()), (uri.as_str(), back.as_str())] {
            let out = ctx
                .cmd(["s3", "cp", from, to, "--endpoint-url", &proxy.endpoint()])
                .current_dir(&work)
                .timeout(std::time::Duration::from_secs(300))
                .run();
            if out.code != 0 {
                failures.push(format!("{from} -> {to}: {out}"));
            }
        }
        if std::fs::read(work.join(&back)).ok().as_deref() != Some(&bytes[..]) {
            failures.push(format!("{name} did not come back intact"));
        }
    }
    let faults = proxy
        .requests()
        .iter()
        .filter(|(_, f)| *f != common::fault_proxy::Fault::Forward)
        .count();
    if std::env::var_os("AWSCTL_FAULT_LOG").is_some() {
        for (line, fault) in proxy.requests() {
            eprintln!("{fault:?} {line}");
        }
    }
    assert!(
        failures.is_empty(),
        "seed {seed}: {} of 12 round trips failed ({faults} faults in {} requests):\n{}",
        failures.len(),
        proxy.requests().len(),
        failures.join("\n")
    );
    assert!(faults > 10, "seed {seed}: only {faults} faults");
}
