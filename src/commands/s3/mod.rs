//! `awsctl s3 ...`: the high-level S3 commands. They print their own lines through the
//! [`Printer`] (data and success lines on stdout, failures on stderr), ignore `--output`,
//! and end with the s3 family's exit codes (0, 1 for failed operations).
//!
//! One file per command; beside them, what they are built from: `transfer/`, the runner that
//! `cp`, `mv` and `sync` share; `paths/`, where things are (S3 URIs, local paths, and what
//! lies under a directory or prefix); `filter/`, `--include`/`--exclude`; `format.rs`, how
//! dates, sizes and names are printed.

// The commands, one file each.
mod cp;
mod ls;
mod mb;
mod mv;
mod presign;
mod rb;
mod rm;
mod sync;

// What they are built from.
pub mod filter;
mod format;
pub mod paths;
mod transfer;

use super::Outcome;
use crate::cli::S3Command;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    command: &S3Command,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let code = match command {
        S3Command::Ls(args) => ls::run(args, session, printer).await?,
        S3Command::Mb(args) => mb::run(args, session, printer).await?,
        S3Command::Rb(args) => rb::run(args, session, printer).await?,
        S3Command::Rm(args) => rm::run(args, session, printer).await?,
        S3Command::Presign(args) => presign::run(args, session, printer).await?,
        S3Command::Cp(args) => cp::run(args, session, printer).await?,
        S3Command::Mv(args) => mv::run(args, session, printer).await?,
        S3Command::Sync(args) => sync::run(args, session, printer).await?,
    };
    Ok(Outcome::Done(code))
}
