//! `awsctl cloudformation deploy` and `package`, the CLI's hand-written CloudFormation
//! commands.

mod artifacts;
mod deploy;
mod deployer;
mod package;
mod parameters;
pub mod template;
mod uploader;

use super::Outcome;
use crate::cli::cloudformation::CloudformationCommand;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    command: &CloudformationCommand,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match command {
        CloudformationCommand::Deploy(args) => deploy::run(args, session, printer).await,
        CloudformationCommand::Package(args) => package::run(args, session, printer).await,
    }
}
