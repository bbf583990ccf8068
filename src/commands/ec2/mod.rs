//! `awsctl ec2 ...`

mod run_instances;

use super::Outcome;
use crate::cli::ec2::Ec2Command;
use crate::error::Error;
use crate::services::Session;

pub async fn run(command: &Ec2Command, session: &Session<'_>) -> Result<Outcome, Error> {
    match command {
        Ec2Command::RunInstances(args) => run_instances::run(args, session).await,
    }
}
