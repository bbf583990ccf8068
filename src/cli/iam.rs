//! `awsctl iam ...`: the IAM operations awsctl implements.

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct IamArgs {
    #[command(subcommand)]
    pub command: IamCommand,
}

#[derive(Subcommand, Debug)]
pub enum IamCommand {
    /// Creates an IAM user.
    CreateUser(CreateUserArgs),
    /// Creates an access key for a user (the caller when no user is named).
    CreateAccessKey(OptionalUserArgs),
    /// Adds or updates an inline policy of a user.
    PutUserPolicy(PutUserPolicyArgs),
    /// Attaches a managed policy to a user.
    AttachUserPolicy(AttachUserPolicyArgs),
    /// Lists the managed policies attached to a user.
    ListAttachedUserPolicies(ListAttachedUserPoliciesArgs),
    /// Returns a user (the caller when no user is named).
    GetUser(OptionalUserArgs),
    /// Lists the IAM users.
    ListUsers(ListUsersArgs),
    /// Simulates policies given as documents against actions and resources.
    SimulateCustomPolicy(Box<SimulateArgs>),
    /// Simulates the policies of a user, group or role against actions and resources.
    SimulatePrincipalPolicy(Box<SimulatePrincipalArgs>),
}

#[derive(Args, Debug)]
pub struct CreateUserArgs {
    #[arg(long, required = true)]
    pub user_name: String,
    #[arg(long)]
    pub path: Option<String>,
    /// The ARN of the managed policy to use as the user's permissions boundary.
    #[arg(long)]
    pub permissions_boundary: Option<String>,
    /// Tags: `Key=k,Value=v ...` or JSON.
    #[arg(long, num_args = 1..)]
    pub tags: Vec<String>,
}

#[derive(Args, Debug)]
pub struct OptionalUserArgs {
    #[arg(long)]
    pub user_name: Option<String>,
}

#[derive(Args, Debug)]
pub struct PutUserPolicyArgs {
    #[arg(long, required = true)]
    pub user_name: String,
    #[arg(long, required = true)]
    pub policy_name: String,
    /// The policy (JSON, or file://PATH).
    #[arg(long, required = true)]
    pub policy_document: String,
}

#[derive(Args, Debug)]
pub struct AttachUserPolicyArgs {
    #[arg(long, required = true)]
    pub user_name: String,
    #[arg(long, required = true)]
    pub policy_arn: String,
}

#[derive(Args, Debug)]
pub struct ListAttachedUserPoliciesArgs {
    #[arg(long, required = true)]
    pub user_name: String,
    #[arg(long)]
    pub path_prefix: Option<String>,
}

#[derive(Args, Debug)]
pub struct ListUsersArgs {
    #[arg(long)]
    pub path_prefix: Option<String>,
}

/// The parameters both simulate commands share.
#[derive(Args, Debug)]
pub struct SimulateCommon {
    /// Permissions boundary policies (JSON, or file://PATH each).
    #[arg(long, num_args = 1..)]
    pub permissions_boundary_policy_input_list: Vec<String>,
    /// The actions to simulate, such as `iam:CreateUser`.
    #[arg(long, num_args = 1.., required = true)]
    pub action_names: Vec<String>,
    /// The resources to simulate the actions on (default `*`).
    #[arg(long, num_args = 1..)]
    pub resource_arns: Vec<String>,
    /// The ARN of the user to simulate as the caller.
    #[arg(long)]
    pub caller_arn: Option<String>,
    /// Context keys: `ContextKeyName=k,ContextKeyValues=v1,v2,ContextKeyType=string ...` or JSON.
    #[arg(long, num_args = 1..)]
    pub context_entries: Vec<String>,
    /// Beyond the CLI: evaluate the policies locally instead of calling the IAM simulator.
    #[arg(long)]
    pub offline: bool,
}

#[derive(Args, Debug)]
pub struct SimulateArgs {
    /// The policies to simulate (JSON, or file://PATH each).
    #[arg(long, num_args = 1.., required = true)]
    pub policy_input_list: Vec<String>,
    #[command(flatten)]
    pub common: SimulateCommon,
}

#[derive(Args, Debug)]
pub struct SimulatePrincipalArgs {
    /// The user, group or role whose policies are simulated.
    #[arg(long, required = true)]
    pub policy_source_arn: String,
    /// More policies to include (JSON, or file://PATH each).
    #[arg(long, num_args = 1..)]
    pub policy_input_list: Vec<String>,
    #[command(flatten)]
    pub common: SimulateCommon,
}
