//! What endpoint resolution costs: for s3, sts and dynamodb, the first resolution in a
//! process (reading the rule set and the trees on the request's path), then the average of
//! one resolution over many.
//!
//!   cargo run --release --example endpoints_bench

use std::time::Instant;

use awsctl::endpoints::{self, Params, ResolvedEndpoint, Val};
use awsctl::model;

fn main() {
    let s = |v: &str| Val::Str(v.to_string());
    let cases: [(&str, Vec<(&str, Val)>); 4] = [
        (
            "s3",
            vec![
                ("Region", s("eu-west-1")),
                ("Bucket", s("my-bucket")),
                ("Key", s("a/b.txt")),
            ],
        ),
        (
            "s3",
            vec![
                ("Region", s("us-west-2")),
                (
                    "Bucket",
                    s("arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap"),
                ),
            ],
        ),
        ("sts", vec![("Region", s("us-east-1"))]),
        (
            "dynamodb",
            vec![
                ("Region", s("us-east-1")),
                ("AccountId", s("111122223333")),
                ("AccountIdEndpointMode", s("preferred")),
            ],
        ),
    ];
    for (service, values) in cases {
        let model = model::service(service).unwrap().unwrap();
        let mut params = Params::new();
        for (name, value) in values {
            params.set(name, value);
        }
        // What a command pays once: the rule set read, the trees on this request's path
        // parsed, the partitions loaded (on the first call of the process).
        let started = Instant::now();
        let rules = endpoints::rule_set(model).unwrap();
        rules.evaluate(&params).unwrap();
        let first = started.elapsed();
        const N: u32 = 20_000;
        let started = Instant::now();
        let mut url = String::new();
        for _ in 0..N {
            let endpoint = rules.evaluate(&params).unwrap();
            url = ResolvedEndpoint::from_endpoint(endpoint).unwrap().url;
        }
        let each = started.elapsed() / N;
        println!(
            "{service:9} first {:>6.3} ms   then {:>6.2} µs each   {url}",
            first.as_secs_f64() * 1e3,
            each.as_secs_f64() * 1e6,
        );
    }
}
