//! `awsctl eks ...`: the commands the CLI adds to the EKS model (`get-token`,
//! `update-kubeconfig`); every other operation comes from the model.

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct EksArgs {
    #[command(subcommand)]
    pub command: EksCommand,
}

#[derive(Subcommand, Debug)]
pub enum EksCommand {
    /// Get a token for authentication with an Amazon EKS cluster.
    GetToken(GetTokenArgs),
    /// Configures kubectl so that you can connect to an Amazon EKS cluster.
    UpdateKubeconfig(UpdateKubeconfigArgs),
}

#[derive(Args, Debug)]
pub struct GetTokenArgs {
    /// The name of the cluster to create a token for.
    #[arg(long)]
    pub cluster_name: Option<String>,
    /// Assume this role for the credentials that sign the token.
    #[arg(long, alias = "role")]
    pub role_arn: Option<String>,
    /// The id of the cluster (local clusters on AWS Outposts only).
    #[arg(long)]
    pub cluster_id: Option<String>,
}

#[derive(Args, Debug)]
pub struct UpdateKubeconfigArgs {
    /// The name of the cluster to create a kubeconfig entry for.
    #[arg(long, required = true)]
    pub name: String,
    /// The kubeconfig file to write (default: the first file of KUBECONFIG, or ~/.kube/config).
    #[arg(long)]
    pub kubeconfig: Option<String>,
    /// An IAM role the user entry assumes (`--role` of its `eks get-token`).
    #[arg(long)]
    pub role_arn: Option<String>,
    /// A proxy URL for the cluster entry.
    #[arg(long)]
    pub proxy_url: Option<String>,
    /// Print the merged kubeconfig to stdout instead of writing it.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the entries written, after the file is written.
    #[arg(long)]
    pub verbose: bool,
    /// The context's name (default: the cluster's ARN).
    #[arg(long)]
    pub alias: Option<String>,
    /// The user's name (default: the cluster's ARN).
    #[arg(long)]
    pub user_alias: Option<String>,
    /// An IAM role to assume for DescribeCluster (a cluster in another account).
    #[arg(long)]
    pub assume_role_arn: Option<String>,
}
