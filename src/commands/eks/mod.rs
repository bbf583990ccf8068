//! `awsctl eks ...`

mod get_token;
mod kubeconfig;
mod role;
mod update_kubeconfig;

use super::Outcome;
use crate::cli::eks::EksCommand;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    command: &EksCommand,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match command {
        EksCommand::GetToken(args) => get_token::run(args, session, printer).await,
        EksCommand::UpdateKubeconfig(args) => update_kubeconfig::run(args, session, printer).await,
    }
}
