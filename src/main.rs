//! The `awsctl` binary: hands the real arguments and environment to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    let env = awsctl::env::Env::from_process();
    ExitCode::from(awsctl::app::main_with(std::env::args_os(), env))
}
