//! `awsctl ec2 describe-instances`: every page of results aggregated into one response, as
//! the CLI's paginator does (`--no-paginate`: the first page only, with its NextToken).

use serde_json::{Map, Value};

use crate::cli::ec2::DescribeInstancesArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::params;
use crate::services::Session;
use crate::services::ec2::describe_instances::{Input, OPERATION, call};

pub async fn run(args: &DescribeInstancesArgs, session: &Session<'_>) -> Result<Outcome, Error> {
    let filters = params::structure_list("--filters", &args.filters)?
        .iter()
        .map(|f| {
            (
                f.get("Name").map(params::scalar_text).unwrap_or_default(),
                params::as_list(f.get("Values")),
            )
        })
        .collect();
    let mut input = Input {
        instance_ids: args.instance_ids.clone(),
        filters,
        max_results: args.page_size.as_deref().map(params::integer).transpose()?,
        next_token: None,
        dry_run: args.dry_run.dry_run,
    };
    let mut reservations = Vec::new();
    loop {
        let page = call(session, &input).await?;
        if let Some(Value::Array(items)) = page.get("Reservations") {
            reservations.extend(items.iter().cloned());
        }
        let next = page
            .get("NextToken")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        if !session.settings.paginate {
            let mut only = Map::new();
            only.insert("Reservations".into(), Value::Array(reservations));
            if let Some(token) = next {
                only.insert("NextToken".into(), Value::String(token));
            }
            return Ok(Outcome::Response {
                operation: OPERATION,
                value: Value::Object(only),
            });
        }
        match next {
            Some(token) => input.next_token = Some(token),
            None => break,
        }
    }
    let mut all = Map::new();
    all.insert("Reservations".into(), Value::Array(reservations));
    Ok(Outcome::Response {
        operation: OPERATION,
        value: Value::Object(all),
    })
}
