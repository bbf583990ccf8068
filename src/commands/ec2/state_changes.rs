//! `awsctl ec2 terminate-instances | start-instances | stop-instances`

use crate::cli::ec2::InstanceIdsArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::services::Session;
use crate::services::ec2::state_changes::{Change, call};

pub async fn run(
    change: Change,
    args: &InstanceIdsArgs,
    session: &Session<'_>,
) -> Result<Outcome, Error> {
    let value = call(session, change, &args.instance_ids, args.dry_run.dry_run).await?;
    Ok(Outcome::Response {
        operation: change.operation(),
        value,
    })
}
