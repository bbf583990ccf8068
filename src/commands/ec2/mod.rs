//! `awsctl ec2 ...`

mod describe_instances;
mod run_instances;
mod state_changes;

use super::Outcome;
use crate::cli::ec2::Ec2Command;
use crate::error::Error;
use crate::services::Session;
use crate::services::ec2::state_changes::Change;

pub async fn run(command: &Ec2Command, session: &Session<'_>) -> Result<Outcome, Error> {
    match command {
        Ec2Command::RunInstances(args) => run_instances::run(args, session).await,
        Ec2Command::DescribeInstances(args) => describe_instances::run(args, session).await,
        Ec2Command::TerminateInstances(args) => {
            state_changes::run(Change::Terminate, args, session).await
        }
        Ec2Command::StartInstances(args) => state_changes::run(Change::Start, args, session).await,
        Ec2Command::StopInstances(args) => {
            let change = Change::Stop {
                force: args.force,
                hibernate: args.hibernate,
            };
            state_changes::run(change, &args.ids, session).await
        }
    }
}
