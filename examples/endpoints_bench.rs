//! What endpoint resolution costs, for s3, sts and dynamodb: a cold resolution (the rule set
//! read from the model's text, the trees on the request's path parsed, then evaluated), and a
//! warm one (the parsed rules reused, as every later request of a process does). Both are
//! averaged over many runs; the partitions, read once per process, are loaded beforehand and
//! timed on their own.
//!
//!   cargo run --release --example endpoints_bench

use std::time::{Duration, Instant};

use awsctl::endpoints::{self, Params, ResolvedEndpoint, RuleSet, Val};
use awsctl::model;

fn average(runs: u32, mut f: impl FnMut()) -> Duration {
    let started = Instant::now();
    for _ in 0..runs {
        f();
    }
    started.elapsed() / runs
}

fn main() {
    let s = |v: &str| Val::Str(v.to_string());
    let cases: [(&str, Vec<(&str, Val)>); 4] = [
        ("sts", vec![("Region", s("us-east-1"))]),
        (
            "dynamodb",
            vec![
                ("Region", s("us-east-1")),
                ("AccountId", s("111122223333")),
                ("AccountIdEndpointMode", s("preferred")),
            ],
        ),
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
    ];
    let sts = model::service("sts").unwrap().unwrap();
    let started = Instant::now();
    let mut region = Params::new();
    region.set("Region", s("eu-west-1"));
    endpoints::rule_set(sts).unwrap().evaluate(&region).unwrap();
    println!(
        "first resolution of the process (sts: its rules and the partitions read): {:.3} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    for (service, values) in cases {
        let model = model::service(service).unwrap().unwrap();
        let text = model.endpoint_rule_set.unwrap();
        let mut params = Params::new();
        for (name, value) in values {
            params.set(name, value);
        }
        let cold = average(200, || {
            let rules = RuleSet::parse(text).unwrap();
            rules.evaluate(&params).unwrap();
            // A process keeps its rule sets to the end: dropping is not part of the cost.
            std::mem::forget(rules);
        });
        let rules = endpoints::rule_set(model).unwrap();
        let mut url = String::new();
        let warm = average(20_000, || {
            let endpoint = rules.evaluate(&params).unwrap();
            url = ResolvedEndpoint::from_endpoint(endpoint).unwrap().url;
        });
        println!(
            "{service:9} rule set {:>4} KB   cold {:>6.3} ms   warm {:>6.2} µs   {url}",
            text.len() / 1024,
            cold.as_secs_f64() * 1e3,
            warm.as_secs_f64() * 1e6,
        );
    }
}
