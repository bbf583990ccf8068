//! awsctl against servers that misbehave on purpose: listings with keys outside the prefix or
//! a continuation token that never changes, answers without the fields that matter, endless
//! or oversized bodies. No peer misbehaves like this, so each test plays the server with the
//! small fake server of the harness (`common::fake_server`); every run is bounded in time.

use crate::common;

use std::time::Duration;

use common::TestContext;
use common::fake_server::{FakeServer, Reply, Request};

const BOUND: Duration = Duration::from_secs(30);

/// A ListObjectsV2 page holding `keys`, truncated with `token` when there is one.
fn listing(keys: &[&str], token: Option<&str>) -> String {
    let contents: String = keys
        .iter()
        .map(|k| {
            format!(
                "<Contents><Key>{k}</Key><LastModified>2026-11-23T00:00:00.000Z</LastModified>\
                 <Size>5</Size><ETag>\"e\"</ETag></Contents>"
            )
        })
        .collect();
    let next = token.map_or(String::new(), |t| {
        format!("<NextContinuationToken>{t}</NextContinuationToken>")
    });
    format!(
        "<ListBucketResult><Name>b</Name><IsTruncated>{}</IsTruncated>{next}<KeyCount>{}</KeyCount>\
         {contents}</ListBucketResult>",
        token.is_some(),
        keys.len()
    )
}

/// A fake S3 that answers every listing with `page` and every other request with five bytes.
fn fake_s3(page: String) -> FakeServer {
    FakeServer::start(move |r: &Request| {
        if r.path.contains("list-type=2") {
            Reply::Typed {
                status: 200,
                content_type: "application/xml",
                body: page.clone(),
            }
        } else if r.method == "POST" {
            // DeleteObjects: every key asked for is deleted.
            let body = String::from_utf8_lossy(&r.body);
            let deleted: String = body
                .split("<Key>")
                .skip(1)
                .filter_map(|rest| rest.split_once("</Key>"))
                .map(|(key, _)| format!("<Deleted><Key>{key}</Key></Deleted>"))
                .collect();
            Reply::Typed {
                status: 200,
                content_type: "application/xml",
                body: format!("<DeleteResult>{deleted}</DeleteResult>"),
            }
        } else {
            Reply::Status(200, "hello".into())
        }
    })
}

fn s3_cmd<const N: usize>(ctx: &TestContext, fake: &FakeServer, args: [&str; N]) -> common::Output {
    ctx.cmd(args)
        .args(["--endpoint-url", &fake.endpoint()])
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .timeout(BOUND)
        .run()
}

fn listings(fake: &FakeServer) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.path.contains("list-type=2"))
        .count()
}

/// Keys shorter than the prefix, or outside it, are not the prefix's: they are left alone
/// instead of being sliced (which panicked) or copied under a made-up name.
#[test]
fn keys_outside_the_requested_prefix_are_ignored_by_recursive_copies_and_sync() {
    let fake = fake_s3(listing(&["a", "dir", "other/x", "dir/ok"], None));
    let ctx = TestContext::new();
    for command in ["cp", "sync"] {
        let dest = tempfile::tempdir().unwrap();
        let dest_arg = dest.path().to_str().unwrap();
        let out = if command == "cp" {
            s3_cmd(
                &ctx,
                &fake,
                ["s3", "cp", "--recursive", "s3://b/dir/", dest_arg],
            )
        } else {
            s3_cmd(&ctx, &fake, ["s3", "sync", "s3://b/dir/", dest_arg])
        };
        out.assert_success();
        let mut names: Vec<String> = walk(dest.path());
        names.sort();
        assert_eq!(names, ["ok"], "{command}: {out}");
    }
    let gets: Vec<String> = fake
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && !r.path.contains("list-type=2"))
        .map(|r| r.path.clone())
        .collect();
    assert!(gets.iter().all(|p| p.starts_with("/b/dir/ok")), "{gets:?}");
}

/// `rm --recursive` deletes only keys under the prefix, whatever the listing says.
#[test]
fn rm_recursive_never_deletes_a_key_outside_the_prefix() {
    let fake = fake_s3(listing(&["a", "dir/ok"], None));
    let ctx = TestContext::new();
    let out = s3_cmd(&ctx, &fake, ["s3", "rm", "--recursive", "s3://b/dir/"]);
    out.assert_success();
    assert_eq!(out.stdout, "delete: s3://b/dir/ok\n", "{out}");
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            found.extend(
                walk(&entry.path())
                    .into_iter()
                    .map(|n| format!("{name}/{n}")),
            );
        } else {
            found.push(name);
        }
    }
    found
}

/// An STS that answers 200 with no credentials in it.
fn empty_sts() -> FakeServer {
    FakeServer::start(|r: &Request| {
        let body = String::from_utf8_lossy(&r.body);
        let action = if body.contains("Action=AssumeRole") {
            "AssumeRole"
        } else {
            "GetSessionToken"
        };
        Reply::Typed {
            status: 200,
            content_type: "text/xml",
            body: format!(
                "<{action}Response><{action}Result></{action}Result>\
                 <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></{action}Response>"
            ),
        }
    })
}

/// `configure mfa-login` against an STS answering without credentials fails and leaves the
/// profile as it was (it wrote empty keys over it and exited 0).
#[test]
fn mfa_login_without_credentials_in_the_answer_changes_nothing() {
    let fake = empty_sts();
    let ctx = TestContext::new();
    let before = "[default]\naws_access_key_id = AKIALONGTERMLONGTERM\naws_secret_access_key = longsecret\n\
                  [target]\naws_access_key_id = AKIAKEEPME\naws_secret_access_key = keepme\n";
    ctx.write_credentials(before);
    let out = ctx
        .cmd(["configure", "mfa-login", "--profile", "default"])
        .args(["--serial-number", "arn:aws:iam::123456789012:mfa/alice"])
        .args(["--update-profile", "target"])
        .env("AWS_ENDPOINT_URL", fake.endpoint())
        .env("AWS_REGION", "us-east-1")
        .stdin("123456\n")
        .timeout(BOUND)
        .run();
    assert_ne!(out.code, 0, "{out}");
    assert_ne!(out.code, 101, "{out}");
    out.assert_stderr_contains("no Credentials in the STS response");
    assert_eq!(ctx.read_credentials(), before);
}

/// An AssumeRole answer without credentials is an error and is not written into the role
/// cache (it was cached before the error, and then served from the cache).
#[test]
fn an_assume_role_answer_without_credentials_is_not_cached() {
    let fake = empty_sts();
    let ctx = TestContext::builder()
        .credentials("[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base\n")
        .config(
            "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\n",
        )
        .build();
    let out = ctx
        .cmd(["sts", "get-caller-identity", "--profile", "role"])
        .args(["--region", "us-east-1"])
        .env("AWS_ENDPOINT_URL", fake.endpoint())
        .timeout(BOUND)
        .run();
    assert_eq!(out.code, 255, "{out}");
    out.assert_stderr_contains("no Credentials in the STS response");
    let cache = ctx.home().join(".aws/cli/cache");
    let cached = std::fs::read_dir(&cache).map_or(0, |d| d.count());
    assert_eq!(cached, 0, "{}", cache.display());
}

/// A listing whose every page hands back the token it was given ends with botocore's
/// pagination error in `cp --recursive`, `mv --recursive` and `sync` (they looped forever,
/// writing a file per page), after a bounded number of requests.
#[test]
fn a_repeated_continuation_token_ends_recursive_copies_and_sync() {
    let fake = fake_s3(listing(&["dir/k"], Some("same")));
    let ctx = TestContext::new();
    let dest = tempfile::tempdir().unwrap();
    let dest_arg = dest.path().to_str().unwrap();
    let commands: [&[&str]; 3] = [
        &["s3", "cp", "--recursive", "s3://b/dir/", dest_arg],
        &["s3", "mv", "--recursive", "s3://b/dir/", dest_arg],
        &["s3", "sync", "s3://b/dir/", dest_arg],
    ];
    for args in commands {
        let before = listings(&fake);
        let out = ctx
            .cmd(args)
            .args(["--endpoint-url", &fake.endpoint()])
            .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .timeout(BOUND)
            .run();
        assert_eq!(out.code, 1, "{out}");
        out.assert_stderr_contains(
            "fatal error: Error during pagination: The same next token was received twice: {'ContinuationToken': 'same'}",
        );
        assert!(listings(&fake) - before <= 3, "{out}");
    }
}

/// 150,000 nested elements (about 1 MB) as an STS answer, an S3 listing and an error body:
/// each is refused with a clear error (or, for the error body, read as no body) instead of
/// overflowing the stack (exit 134).
#[test]
fn deeply_nested_xml_is_refused_in_every_response_path() {
    let deep = format!("{}x{}", "<a>".repeat(150_000), "</a>".repeat(150_000));
    let ok = deep.clone();
    let fake = FakeServer::start(move |r: &Request| Reply::Typed {
        status: if r.method == "DELETE" { 400 } else { 200 },
        content_type: "text/xml",
        body: ok.clone(),
    });
    let ctx = TestContext::new();
    let runs: [&[&str]; 3] = [
        &["sts", "get-caller-identity"],
        &["s3", "ls", "s3://b/"],
        &["s3", "rb", "s3://b"],
    ];
    for args in runs {
        let out = ctx
            .cmd(args)
            .args(["--endpoint-url", &fake.endpoint(), "--region", "us-east-1"])
            .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .env("AWS_MAX_ATTEMPTS", "1")
            .timeout(BOUND)
            .run();
        if args[1] == "rb" {
            // An error body that cannot be read gives the status alone, as botocore does.
            out.assert_code(1);
            out.assert_stderr_contains("An error occurred (400) when calling the DeleteBucket");
        } else {
            out.assert_code(255);
            out.assert_stderr_contains("elements nested more than 200 levels deep");
        }
    }
}

/// A server that answers every request with `head` and then `unit` over and over, without a
/// length, until the client hangs up or `limit` bytes are written. Returns its port and the
/// count of bytes it managed to write (the kernel's socket buffers add a few MiB).
fn endless_server(
    head: &'static str,
    unit: &'static str,
    limit: usize,
) -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{BufRead, BufReader, Write};
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let written = std::sync::Arc::new(AtomicUsize::new(0));
    let count = written.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let count = count.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 2 {
                    line.clear();
                }
                let mut stream = stream;
                let header = format!("HTTP/1.1 200 OK\r\n{head}Connection: close\r\n\r\n");
                if stream.write_all(header.as_bytes()).is_err() {
                    return;
                }
                let chunk = unit.repeat(64 * 1024 / unit.len());
                let mut sent = 0;
                while sent < limit && stream.write_all(chunk.as_bytes()).is_ok() {
                    sent += chunk.len();
                    count.fetch_add(chunk.len(), Ordering::Relaxed);
                }
            });
        }
    });
    (port, written)
}

/// A listing page that never ends is cut off at 64 MiB with a clear error, not read whole
/// (a 512 MB page took 1.6 GB of memory).
#[test]
fn an_endless_listing_page_is_cut_off() {
    const LIMIT: usize = 512 * 1024 * 1024;
    let (port, written) = endless_server(
        "Content-Type: application/xml\r\n",
        "<Contents><Key>k</Key><Size>1</Size></Contents>",
        LIMIT,
    );
    let ctx = TestContext::new();
    let out = ctx
        .cmd(["s3", "ls", "s3://b/"])
        .args(["--endpoint-url", &format!("http://127.0.0.1:{port}")])
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .timeout(BOUND)
        .run();
    assert_eq!(out.code, 255, "{out}");
    out.assert_stderr_contains("is larger than 67108864 bytes, the most awsctl reads into memory");
    let written = written.load(std::sync::atomic::Ordering::Relaxed);
    assert!(written < 96 * 1024 * 1024, "{written} bytes sent");
}

/// Instance metadata that never ends is cut off at 1 MiB (it was read until the timeout).
#[test]
fn an_endless_metadata_answer_is_cut_off() {
    const LIMIT: usize = 512 * 1024 * 1024;
    let (port, written) = endless_server("", "i-0123456789abcdef0", LIMIT);
    let ctx = TestContext::new();
    let out = ctx
        .cmd(["imds", "get", "meta-data/instance-id"])
        .env(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            format!("http://127.0.0.1:{port}/"),
        )
        .env("AWS_METADATA_SERVICE_TIMEOUT", "20")
        .env_remove("AWS_EC2_METADATA_DISABLED")
        .timeout(BOUND)
        .run();
    assert_ne!(out.code, 0, "{out}");
    out.assert_stderr_contains("the answer is larger than 1048576 bytes");
    let written = written.load(std::sync::atomic::Ordering::Relaxed);
    assert!(written < 32 * 1024 * 1024, "{written} bytes sent");
}
