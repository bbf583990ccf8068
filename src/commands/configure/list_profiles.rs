//! `awsctl configure list-profiles`: every profile of both files, one per line, config file
//! first, as v2 prints them.

use super::Files;
use crate::commands::Outcome;
use crate::error::Error;
use crate::printer::Printer;

pub fn run(files: &Files, printer: &mut Printer) -> Result<Outcome, Error> {
    for name in files.load()?.profile_names() {
        printer.out_line(&name)?;
    }
    Ok(Outcome::Done(0))
}
