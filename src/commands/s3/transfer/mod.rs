//! The transfer runner that `cp`, `mv` and `sync` share. The bytes move through the
//! transfer engine (`services::s3::transfer`); this folder decides what is transferred, where
//! it lands, and what is printed:
//!
//! - `location`: the two paths as given, checked as the CLI checks them;
//! - `options`: the options new objects carry (content type, metadata, ACL, encryption, ...);
//! - `runner`: the [`Runner`], which runs one upload, download or copy with its result line
//!   (and with `mv` deletes the source once its copy is in place);
//! - `single`: one object or file; `recursive`: a directory walked by `local_tree` or a prefix
//!   listed by `listing`, through a bounded pool; `glacier`: archived objects skipped or not;
//! - `progress` and `report`: the result and progress lines, and the exit code.
//!
//! Where each file or object lands is decided by `commands::s3::paths::under`.

mod glacier;
mod listing;
mod local_tree;
mod location;
mod options;
mod progress;
mod recursive;
mod report;
mod runner;
mod single;

pub use listing::list;
pub use local_tree::{Found, LocalTree};
pub use location::{Location, Paths};
pub use options::check_paths;
pub use progress::drain;
pub use report::{Event, Report};
pub use runner::Runner;

use crate::cli::TransferArgs;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

/// `cp`, or with `moving` `mv`: the same transfers, each source deleted after its copy.
pub async fn copy_or_move(
    paths: Paths,
    recursive: bool,
    args: &TransferArgs,
    moving: bool,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<u8, Error> {
    check_paths(args, &paths.destination)?;
    let mut runner = Runner::new(args, session).await?;
    runner.moving = moving;
    let mut report = runner.report(args, printer, paths.streaming);
    let work = async |report: &mut Report<'_>| {
        transfer(
            &runner,
            report,
            recursive,
            &paths.source,
            &paths.destination,
        )
        .await
    };
    runner.run_interruptible(&mut report, work).await
}

/// A whole directory or prefix, or one object or file (with the progress line meanwhile,
/// unless its bytes go to standard output).
async fn transfer(
    runner: &Runner<'_>,
    report: &mut Report<'_>,
    recursive: bool,
    source: &Location,
    destination: &Location,
) -> Result<(), Error> {
    if recursive {
        return recursive::run(runner, report, source, destination).await;
    }
    let event = if matches!(destination, Location::Stream) {
        single::run(runner, Some(report.printer()), source, destination).await
    } else {
        let work = single::run(runner, None, source, destination);
        progress::with_progress(report, &runner.engine.progress, work).await?
    };
    Ok(report.event(event)?)
}
