//! `awsctl iam create-user`

use crate::cli::iam::CreateUserArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::params::{self, Validator};
use crate::services::Session;
use crate::services::iam::create_user::{Input, OPERATION, run as call};

pub async fn run(args: &CreateUserArgs, session: &Session<'_>) -> Result<Outcome, Error> {
    let tags = params::structure_list("--tags", &args.tags)?
        .iter()
        .map(|t| {
            let field = |k| t.get(k).map(params::scalar_text).unwrap_or_default();
            (field("Key"), field("Value"))
        })
        .collect();
    let input = Input {
        user_name: args.user_name.clone(),
        path: args.path.clone(),
        permissions_boundary: args.permissions_boundary.clone(),
        tags,
    };
    Validator::default()
        .min_length("UserName", Some(&input.user_name), 1)
        .min_length("Path", input.path.as_deref(), 1)
        .min_length(
            "PermissionsBoundary",
            input.permissions_boundary.as_deref(),
            20,
        )
        .finish()?;
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session, &input).await?,
    })
}
