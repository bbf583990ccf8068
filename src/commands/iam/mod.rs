//! `awsctl iam ...`

mod offline;
mod simulate_custom_policy;
mod simulate_input;
mod simulate_principal_policy;

use super::Outcome;
use crate::cli::iam::IamCommand;
use crate::error::Error;
use crate::services::Session;

pub async fn run(command: &IamCommand, session: &Session<'_>) -> Result<Outcome, Error> {
    match command {
        IamCommand::SimulateCustomPolicy(args) => simulate_custom_policy::run(args, session).await,
        IamCommand::SimulatePrincipalPolicy(args) => {
            simulate_principal_policy::run(args, session).await
        }
    }
}
