//! Prints the endpoint awsctl chooses for each case of a JSON file (a service, an operation,
//! its input, a config file's `[default]` profile and environment variables): the URL, or
//! `ERROR` and the message. `scripts/endpoints-vs-botocore.sh` compares the lines with what
//! botocore chooses for the same cases.
//!
//!   cargo run --example endpoints_for_cases -- tests/data/endpoint-side-by-side.json

use awsctl::cli::GlobalArgs;
use awsctl::config::SharedConfig;
use awsctl::endpoints;
use awsctl::env::Env;
use awsctl::model;
use awsctl::settings::Settings;
use serde_json::Value;

fn main() {
    let path = std::env::args().nth(1).expect("a cases file");
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (config_path, credentials_path) = (dir.path().join("config"), dir.path().join("none"));
    for case in cases {
        let text = |k: &str| case[k].as_str().unwrap_or_default().to_string();
        let env: Vec<(String, String)> = case["env"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        std::fs::write(&config_path, format!("[default]\n{}\n", text("config"))).unwrap();
        let files = SharedConfig::load(&config_path, &credentials_path).unwrap();
        let settings =
            Settings::resolve_with_files(&GlobalArgs::default(), Env::from_pairs(env), files);
        let model = model::service(&text("service")).unwrap().unwrap();
        let op = model.operation(&text("op")).unwrap().unwrap();
        let input = case["params"].as_object().cloned().unwrap_or_default();
        let result = settings.map_err(|e| e.to_string()).and_then(|settings| {
            let endpoint_settings = settings
                .endpoint_settings(model)
                .map_err(|e| e.to_string())?;
            endpoints::resolve(model, op, &input, &endpoint_settings).map_err(|e| e.to_string())
        });
        match result {
            Ok(endpoint) => println!("{}", endpoint.url),
            Err(e) => println!("ERROR {e}"),
        }
    }
}
