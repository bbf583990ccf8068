//! How long reading one embedded service model takes: decompressing it, reading its index,
//! and parsing every operation and shape it has (a command parses only what it touches).
//! `cargo run --release --example model_load ec2` (scripts/bench.sh runs it).

use std::time::Instant;

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "ec2".into());
    let start = Instant::now();
    let model = awsctl::model::embedded::service(&name)
        .expect("an embedded service")
        .expect("a readable model");
    let loaded = start.elapsed();
    let op = model.operation_names().next().expect("an operation");
    let _ = model.operation(op).expect("readable");
    let first = start.elapsed();
    let mut shapes = 0;
    for shape in model.shape_names() {
        model.shape(shape).expect("readable");
        shapes += 1;
    }
    let all = start.elapsed();
    println!(
        "{name}: loaded in {:.2} ms, first operation at {:.2} ms, all {shapes} shapes at {:.2} ms",
        loaded.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        all.as_secs_f64() * 1e3
    );
}
