//! EC2 TerminateInstances, StartInstances and StopInstances: the same request (instance ids,
//! dry run) and the same kind of answer (a list of state changes).

use serde_json::Value;

use super::{push_dry_run, shapes};
use crate::error::Error;
use crate::protocol::ec2::push_list;
use crate::protocol::shape::Shape;
use crate::services::Session;

#[derive(Clone, Copy, Debug)]
pub enum Change {
    Terminate,
    Start,
    Stop { force: bool, hibernate: bool },
}

impl Change {
    pub fn operation(self) -> &'static str {
        match self {
            Change::Terminate => "TerminateInstances",
            Change::Start => "StartInstances",
            Change::Stop { .. } => "StopInstances",
        }
    }

    fn output(self) -> &'static Shape {
        match self {
            Change::Terminate => &shapes::TERMINATE_INSTANCES_RESULT,
            Change::Start => &shapes::START_INSTANCES_RESULT,
            Change::Stop { .. } => &shapes::STOP_INSTANCES_RESULT,
        }
    }
}

pub async fn call(
    session: &Session<'_>,
    change: Change,
    instance_ids: &[String],
    dry_run: bool,
) -> Result<Value, Error> {
    let mut params = Vec::new();
    push_list(&mut params, "InstanceId", instance_ids);
    if let Change::Stop { force, hibernate } = change {
        if force {
            params.push(("Force".into(), "true".into()));
        }
        if hibernate {
            params.push(("Hibernate".into(), "true".into()));
        }
    }
    push_dry_run(&mut params, dry_run);
    session
        .call_ec2(change.operation(), &params, change.output())
        .await
}
