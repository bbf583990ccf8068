//! `awsctl s3 ...`: the high-level S3 commands. They print their own lines through the
//! [`Printer`] (data and success lines on stdout, failures on stderr), ignore `--output`,
//! and end with the s3 family's exit codes (0, 1 for failed operations).

mod arn;
mod cp;
mod cp_recursive;
mod cp_report;
mod cp_single;
pub mod filter;
mod fnmatch;
mod format;
mod listing;
mod local_path;
mod local_tree;
mod ls;
mod mb;
mod mv;
mod presign;
mod rb;
mod rm;
mod sync;
mod sync_plan;
mod transfer_options;
pub mod uri;

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
