//! `awsctl s3 cp SOURCE DESTINATION`: one object in any direction (local to S3, S3 to local,
//! S3 to S3, `-` standard input to S3, S3 to `-` standard output), or with `--recursive` a
//! whole directory or prefix, through the transfer runner.

use super::transfer::{Paths, copy_or_move};
use crate::cli::CpArgs;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(args: &CpArgs, session: &Session<'_>, printer: &mut Printer) -> Result<u8, Error> {
    let paths = Paths::check("cp", &args.source, &args.destination, args.recursive)?;
    copy_or_move(
        paths,
        args.recursive,
        &args.transfer,
        false,
        session,
        printer,
    )
    .await
}
