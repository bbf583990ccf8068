//! `awsctl iam ...`

mod attach_user_policy;
mod create_access_key;
mod create_user;
mod get_user;
mod list_attached_user_policies;
mod list_users;
mod offline;
mod put_user_policy;
mod simulate_custom_policy;
mod simulate_input;
mod simulate_principal_policy;

use super::Outcome;
use crate::cli::iam::IamCommand;
use crate::error::Error;
use crate::services::Session;

pub async fn run(command: &IamCommand, session: &Session<'_>) -> Result<Outcome, Error> {
    match command {
        IamCommand::CreateUser(args) => create_user::run(args, session).await,
        IamCommand::CreateAccessKey(args) => create_access_key::run(args, session).await,
        IamCommand::PutUserPolicy(args) => put_user_policy::run(args, session).await,
        IamCommand::AttachUserPolicy(args) => attach_user_policy::run(args, session).await,
        IamCommand::ListAttachedUserPolicies(args) => {
            list_attached_user_policies::run(args, session).await
        }
        IamCommand::GetUser(args) => get_user::run(args, session).await,
        IamCommand::ListUsers(args) => list_users::run(args, session).await,
        IamCommand::SimulateCustomPolicy(args) => simulate_custom_policy::run(args, session).await,
        IamCommand::SimulatePrincipalPolicy(args) => {
            simulate_principal_policy::run(args, session).await
        }
    }
}
