//! S3's region redirects: a bucket in another region answers 301 PermanentRedirect with
//! `x-amz-bucket-region`, and awsctl retries once, signed for that region.
//!
//! No peer redirects (moto serves every bucket from every region), so a small fake stands in
//! front of moto: it answers 301 to any request whose SigV4 credential scope names a region
//! other than the bucket's, and forwards the rest to moto unchanged. It imitates S3's
//! documented wire behaviour and nothing more.

use crate::common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use common::s3_fixtures::{create_bucket, mask_dates, put_object};
use common::{Moto, TestContext, http, unique_name};

const REDIRECT_BODY: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.</Message></Error>";

/// How the fake answers a request signed for the wrong region.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// 301 PermanentRedirect with `x-amz-bucket-region`.
    Moved,
    /// 400 AuthorizationHeaderMalformed naming the region in the body only.
    Malformed,
    /// 301 even for the right region (a misbehaving server, to prove awsctl retries once).
    AlwaysMoved,
}

/// The fake: `bucket_region` is where every bucket lives.
struct RedirectingProxy {
    port: u16,
    /// The credential-scope region of each request seen, in order.
    regions: Arc<Mutex<Vec<String>>>,
}

impl RedirectingProxy {
    fn start(upstream: u16, bucket_region: &'static str, answer: Answer) -> RedirectingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let regions = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&regions);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                serve(stream, upstream, bucket_region, answer, &seen);
            }
        });
        RedirectingProxy { port, regions }
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn regions(&self) -> Vec<String> {
        self.regions.lock().unwrap().clone()
    }
}

fn serve(
    mut stream: TcpStream,
    upstream: u16,
    bucket_region: &str,
    answer: Answer,
    seen: &Mutex<Vec<String>>,
) {
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            return;
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_string();
    let path = request_line.next().unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let length: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = raw[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    // Credential=AK/DATE/REGION/s3/aws4_request
    let region = header("authorization")
        .and_then(|a| a.split("Credential=").nth(1).map(str::to_string))
        .and_then(|c| c.split('/').nth(2).map(str::to_string))
        .unwrap_or_default();
    seen.lock().unwrap().push(region.clone());
    let response = if answer == Answer::Malformed && region != bucket_region {
        let body = format!(
            "<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is malformed; the region '{region}' is wrong; expecting '{bucket_region}'</Message><Region>{bucket_region}</Region></Error>"
        );
        format!(
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
    } else if answer == Answer::AlwaysMoved || region != bucket_region {
        format!(
            "HTTP/1.1 301 Moved Permanently\r\nx-amz-bucket-region: {bucket_region}\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{REDIRECT_BODY}",
            REDIRECT_BODY.len()
        )
        .into_bytes()
    } else {
        let forwarded: Vec<(&str, &str)> = headers
            .iter()
            .filter(|(k, _)| !["host", "connection"].contains(&k.to_ascii_lowercase().as_str()))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let r = http::request(upstream, &method, &path, &forwarded, &body).unwrap();
        let mut out = format!("HTTP/1.1 {} X\r\n", r.status);
        for (k, v) in &r.headers {
            if !["content-length", "connection", "transfer-encoding"]
                .contains(&k.to_ascii_lowercase().as_str())
            {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
        }
        out.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            r.body.len()
        ));
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&r.body);
        bytes
    };
    let _ = stream.write_all(&response);
}

#[test]
fn a_permanent_redirect_is_retried_once_in_the_buckets_region() {
    let moto = Moto::shared();
    let bucket = unique_name("moved");
    create_bucket(moto.port(), &bucket);
    put_object(moto.port(), &bucket, "k.txt", b"hello");
    put_object(moto.port(), &bucket, "l.txt", b"hello");
    let proxy = RedirectingProxy::start(moto.port(), "eu-west-1", Answer::Moved);
    let out = TestContext::with_example_credentials()
        .cmd([
            "s3",
            "ls",
            &format!("s3://{bucket}"),
            "--page-size",
            "1",
            "--debug",
            "--endpoint-url",
            &proxy.endpoint(),
        ])
        .run();
    out.assert_success();
    assert_eq!(
        mask_dates(&out.stdout),
        "DATE          5 k.txt\nDATE          5 l.txt\n"
    );
    // The second page goes straight to the region learnt from the first.
    assert_eq!(proxy.regions(), ["us-east-1", "eu-west-1", "eu-west-1"]);
    assert!(
        out.stderr.contains(&format!(
            "S3 client configured for region us-east-1 but the bucket {bucket} is in region eu-west-1; retrying there."
        )),
        "{out}"
    );
}

#[test]
fn a_second_redirect_is_reported_not_followed() {
    let proxy = RedirectingProxy::start(Moto::shared().port(), "eu-west-1", Answer::AlwaysMoved);
    let ctx = TestContext::with_example_credentials();
    let out = ctx
        .cmd([
            "s3",
            "ls",
            "s3://somewhere",
            "--endpoint-url",
            &proxy.endpoint(),
        ])
        .run();
    out.assert_code(254).assert_stdout("");
    assert_output_snapshot!(&ctx, out.stderr);
    assert_eq!(proxy.regions(), ["us-east-1", "eu-west-1"]);
}

#[test]
fn a_malformed_authorization_answer_names_the_region_in_its_body() {
    let moto = Moto::shared();
    let bucket = unique_name("malformed");
    create_bucket(moto.port(), &bucket);
    put_object(moto.port(), &bucket, "dir/k", b"abc");
    let proxy = RedirectingProxy::start(moto.port(), "ap-south-1", Answer::Malformed);
    let out = TestContext::with_example_credentials()
        .cmd([
            "s3",
            "rm",
            &format!("s3://{bucket}/dir/k"),
            "--endpoint-url",
            &proxy.endpoint(),
        ])
        .run();
    out.assert_success()
        .assert_stdout(&format!("delete: s3://{bucket}/dir/k\n"));
    assert_eq!(proxy.regions(), ["us-east-1", "ap-south-1"]);
    assert!(common::s3_fixtures::list_keys(moto.port(), &bucket).is_empty());
}

/// The model-driven s3api commands follow a redirect as the high-level ones do: once, signed
/// for the bucket's region, which later requests of the run use at once (here, a HEAD whose
/// 301 has no body and a paged listing).
#[test]
fn s3api_commands_follow_a_redirect_once_and_keep_the_region() {
    let moto = Moto::shared();
    let bucket = unique_name("apimoved");
    create_bucket(moto.port(), &bucket);
    put_object(moto.port(), &bucket, "k.txt", b"hello");
    put_object(moto.port(), &bucket, "l.txt", b"hello");
    let proxy = RedirectingProxy::start(moto.port(), "eu-west-1", Answer::Moved);
    let ctx = TestContext::with_example_credentials();
    let out = ctx
        .cmd([
            "s3api",
            "head-object",
            "--bucket",
            &bucket,
            "--key",
            "k.txt",
            "--query",
            "ETag",
            "--output",
            "text",
            "--endpoint-url",
            &proxy.endpoint(),
        ])
        .run();
    // moto's ETag of "hello" (the proxy passes HEAD's headers, not its Content-Length).
    out.assert_success()
        .assert_stdout("\"5d41402abc4b2a76b9719d911017c592\"\n");
    assert_eq!(proxy.regions(), ["us-east-1", "eu-west-1"]);
    let out = ctx
        .cmd([
            "s3api",
            "list-objects-v2",
            "--bucket",
            &bucket,
            "--page-size",
            "1",
            "--query",
            "Contents[].Key",
            "--output",
            "text",
            "--debug",
            "--endpoint-url",
            &proxy.endpoint(),
        ])
        .run();
    out.assert_success().assert_stdout("k.txt\nl.txt\n");
    // One process per command: the new one learns the region from its first page again.
    assert_eq!(
        proxy.regions(),
        [
            "us-east-1",
            "eu-west-1",
            "us-east-1",
            "eu-west-1",
            "eu-west-1"
        ]
    );
    assert!(
        out.stderr.contains(&format!(
            "S3 client configured for region us-east-1 but the bucket {bucket} is in region eu-west-1; retrying there."
        )),
        "{out}"
    );
}

/// A second redirect, for the region just learnt, is the service's error (exit 254), as for
/// the high-level commands.
#[test]
fn s3api_reports_a_second_redirect() {
    let proxy = RedirectingProxy::start(Moto::shared().port(), "eu-west-1", Answer::AlwaysMoved);
    let out = TestContext::with_example_credentials()
        .cmd([
            "s3api",
            "list-objects-v2",
            "--bucket",
            "somewhere",
            "--endpoint-url",
            &proxy.endpoint(),
        ])
        .run();
    out.assert_code(254).assert_stdout("");
    assert!(out.stderr.contains("PermanentRedirect"), "{out}");
    assert_eq!(proxy.regions(), ["us-east-1", "eu-west-1"]);
}
