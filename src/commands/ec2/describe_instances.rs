//! `awsctl ec2 describe-instances`: automatic pagination with the CLI's paging options
//! (`--max-items`, `--starting-token`, `--page-size`, `--no-paginate`) through the shared
//! paginator, pages joined on `Reservations`.

use serde_json::{Map, Value};

use crate::cli::ec2::DescribeInstancesArgs;
use crate::commands::{Outcome, paging};
use crate::error::Error;
use crate::params;
use crate::services::Session;
use crate::services::ec2::describe_instances::{Input, OPERATION, call};
use crate::services::paginate::{self, Paginator};

/// `DescribeInstances` in botocore's `paginators-1.json`.
const PAGINATOR: Paginator = Paginator {
    input_token: "NextToken",
    output_token: "NextToken",
    limit_key: "MaxResults",
    result_key: "Reservations",
};

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
    let base = Input {
        instance_ids: args.instance_ids.clone(),
        filters,
        dry_run: args.dry_run.dry_run,
        ..Default::default()
    };
    let options = paging::options(&args.paging, session.settings.paginate)?;
    let result = paginate::paginate(&PAGINATOR, Map::new(), &options, |page: Value| {
        let mut input = base.clone();
        input.next_token = page
            .get("NextToken")
            .and_then(Value::as_str)
            .map(str::to_string);
        input.max_results = page.get("MaxResults").and_then(Value::as_i64);
        async move { call(session, &input).await }
    })
    .await?;
    Ok(paging::outcome(OPERATION, result))
}
