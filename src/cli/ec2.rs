//! `awsctl ec2 ...`: the EC2 commands awsctl writes by hand (`run-instances`, for the CLI's
//! `--count`); every other operation comes from the model.

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct Ec2Args {
    #[command(subcommand)]
    pub command: Ec2Command,
}

#[derive(Subcommand, Debug)]
pub enum Ec2Command {
    /// Launches instances.
    RunInstances(Box<RunInstancesArgs>),
}

/// `--dry-run` / `--no-dry-run`: check permissions without doing anything.
#[derive(Args, Debug, Default)]
pub struct DryRunArgs {
    #[arg(long, overrides_with = "no_dry_run")]
    pub dry_run: bool,
    #[arg(long, overrides_with = "dry_run")]
    pub no_dry_run: bool,
}

#[derive(Args, Debug)]
pub struct RunInstancesArgs {
    #[arg(long)]
    pub image_id: Option<String>,
    #[arg(long)]
    pub instance_type: Option<String>,
    /// Number of instances to launch: N, or MIN:MAX.
    #[arg(long)]
    pub count: Option<String>,
    #[arg(long)]
    pub key_name: Option<String>,
    #[arg(long, num_args = 1..)]
    pub security_group_ids: Vec<String>,
    #[arg(long, num_args = 1..)]
    pub security_groups: Vec<String>,
    #[arg(long)]
    pub subnet_id: Option<String>,
    /// The user data: text, file://PATH or fileb://PATH (base64-encoded for you).
    #[arg(long)]
    pub user_data: Option<String>,
    /// `Arn=ARN` or `Name=NAME`, or JSON.
    #[arg(long)]
    pub iam_instance_profile: Option<String>,
    /// `ResourceType=instance,Tags=[{Key=k,Value=v}] ...`, or JSON.
    #[arg(long, num_args = 1..)]
    pub tag_specifications: Vec<String>,
    #[command(flatten)]
    pub dry_run: DryRunArgs,
}
