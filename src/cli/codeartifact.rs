//! `awsctl codeartifact ...`: the command the CLI adds to the CodeArtifact model (`login`);
//! every other operation comes from the model.

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct CodeartifactArgs {
    #[command(subcommand)]
    pub command: CodeartifactCommand,
}

#[derive(Subcommand, Debug)]
pub enum CodeartifactCommand {
    /// Sets up the idiomatic tool for your package format to use your CodeArtifact repository.
    Login(LoginArgs),
}

#[derive(Args, Debug)]
pub struct LoginArgs {
    /// The tool you want to connect with your repository.
    #[arg(long, required = true, value_parser = ["swift", "nuget", "dotnet", "npm", "pip", "twine"])]
    pub tool: String,
    /// Your CodeArtifact domain name.
    #[arg(long, required = true)]
    pub domain: String,
    /// The AWS account ID that owns your CodeArtifact domain.
    #[arg(long)]
    pub domain_owner: Option<String>,
    /// Associates a namespace (an npm scope) with your repository tool.
    #[arg(long)]
    pub namespace: Option<String>,
    /// The time, in seconds, that the login information is valid.
    #[arg(long)]
    pub duration_seconds: Option<i64>,
    /// Your CodeArtifact repository name.
    #[arg(long, required = true)]
    pub repository: String,
    /// The type of endpoint you want the tool to interact with.
    #[arg(long)]
    pub endpoint_type: Option<String>,
    /// Only print what would be run or written (this prints the auth token).
    #[arg(long)]
    pub dry_run: bool,
}
