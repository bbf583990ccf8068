//! EC2 DescribeInstances: one page per call; the command pages through them.

use serde_json::Value;

use super::{push_dry_run, shapes};
use crate::error::Error;
use crate::protocol::ec2::push_list;
use crate::services::Session;

pub const OPERATION: &str = "DescribeInstances";

#[derive(Debug, Default, Clone)]
pub struct Input {
    pub instance_ids: Vec<String>,
    /// (Name, Values)
    pub filters: Vec<(String, Vec<String>)>,
    pub max_results: Option<i64>,
    pub next_token: Option<String>,
    pub dry_run: bool,
}

pub async fn call(session: &Session<'_>, input: &Input) -> Result<Value, Error> {
    let mut params = Vec::new();
    push_list(&mut params, "InstanceId", &input.instance_ids);
    for (i, (name, values)) in input.filters.iter().enumerate() {
        params.push((format!("Filter.{}.Name", i + 1), name.clone()));
        push_list(&mut params, &format!("Filter.{}.Value", i + 1), values);
    }
    if let Some(n) = input.max_results {
        params.push(("MaxResults".into(), n.to_string()));
    }
    if let Some(token) = &input.next_token {
        params.push(("NextToken".into(), token.clone()));
    }
    push_dry_run(&mut params, input.dry_run);
    session
        .call_ec2(OPERATION, &params, &shapes::DESCRIBE_INSTANCES_RESULT)
        .await
}
