//! `awsctl cloudformation package` (not written yet).

use crate::cli::cloudformation::PackageArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    _args: &PackageArgs,
    _session: &Session<'_>,
    _printer: &mut Printer,
) -> Result<Outcome, Error> {
    Err(Error::General(
        "cloudformation package is not written yet".into(),
    ))
}
