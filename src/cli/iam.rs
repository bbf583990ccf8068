//! `awsctl iam ...`: the IAM commands awsctl writes by hand, the policy simulators with
//! `--offline` (every other operation comes from the model).

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct IamArgs {
    #[command(subcommand)]
    pub command: IamCommand,
}

#[derive(Subcommand, Debug)]
pub enum IamCommand {
    /// Simulates policies given as documents against actions and resources.
    SimulateCustomPolicy(Box<SimulateArgs>),
    /// Simulates the policies of a user, group or role against actions and resources.
    SimulatePrincipalPolicy(Box<SimulatePrincipalArgs>),
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
