//! What choosing an s3 command's endpoint costs per request: `services::s3::endpoint::target`
//! (S3's rule set evaluated for the operation, bucket and key, and the URL, headers and signing
//! region built), as every request of `cp`, `sync`, `ls`, ... calls it. "First" is what the
//! first request of a process pays (S3's model and rule set read, the rules on its path
//! parsed); "warm" is every later request, averaged over 20,000 with a different key each.
//!
//!   cargo run --release --example s3_endpoint_bench

use std::time::{Duration, Instant};

use awsctl::cli::GlobalArgs;
use awsctl::env::Env;
use awsctl::services::Session;
use awsctl::services::s3::{S3Request, endpoint};
use awsctl::settings::Settings;

fn main() {
    let env = Env::from_pairs([
        ("HOME", "/nonexistent"),
        ("AWS_CONFIG_FILE", "/nonexistent/config"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials"),
    ]);
    let cases = [
        ("PutObject, virtual-hosted", "my-bucket", None),
        (
            "PutObject, access point ARN",
            "arn:aws:s3:eu-west-1:123456789012:accesspoint/ap",
            None,
        ),
        (
            "PutObject, --endpoint-url (path style)",
            "my-bucket",
            Some("http://127.0.0.1:9000"),
        ),
    ];
    for (i, (name, bucket, endpoint_url)) in cases.into_iter().enumerate() {
        let args = GlobalArgs {
            region: Some("eu-west-1".into()),
            endpoint_url: endpoint_url.map(str::to_string),
            ..Default::default()
        };
        let settings = Settings::resolve(&args, env.clone()).expect("settings");
        let session = Session::new(&settings);
        let request =
            |key: &'static str| S3Request::new("PutObject", "PUT").bucket(bucket).key(key);
        let started = Instant::now();
        let first = endpoint::target(&session, &request("dir/first.txt"), None).expect("resolved");
        let first_time = started.elapsed();
        let keys: Vec<&'static str> = (0..20_000)
            .map(|n| &*Box::leak(format!("dir/file-{n:05}.txt").into_boxed_str()))
            .collect();
        let started = Instant::now();
        let mut url_len = 0;
        for key in &keys {
            url_len += endpoint::target(&session, &request(key), None)
                .expect("resolved")
                .url
                .len();
        }
        let warm = started.elapsed() / keys.len() as u32;
        let label = if i == 0 {
            "first of the process"
        } else {
            "first for this case"
        };
        println!(
            "{name}: {} ({label}: {:.3} ms), warm {:.1} µs a request, 1000 requests {:.1} ms ({url_len} URL bytes)",
            first.url,
            ms(first_time),
            warm.as_secs_f64() * 1e6,
            ms(warm * 1000)
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
