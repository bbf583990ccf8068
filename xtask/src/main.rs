//! awsctl's build-time programs. `models` turns the service models of a botocore release
//! (its `botocore/data/` directory) into the processed models awsctl embeds:
//!
//!   cargo run -p xtask --release -- models DATA_DIR OUT_DIR [--check]
//!
//! `scripts/gen-models.sh` fetches the pinned botocore wheel and runs it; with `--check` it
//! fails when the committed files differ from what the models give (CI runs that).

mod docs;
mod generate;
mod layout;
mod strip;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [cmd, data, out, rest @ ..] if cmd == "models" => {
            let check = rest.iter().any(|a| a == "--check");
            generate::run(&PathBuf::from(data), &PathBuf::from(out), check)
        }
        _ => Err("usage: xtask models BOTOCORE_DATA_DIR OUT_DIR [--check]".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
