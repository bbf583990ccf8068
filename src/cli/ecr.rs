//! `awsctl ecr ...` and `awsctl ecr-public ...`: the commands the CLI adds to the ECR models
//! (`get-login-password`); every other operation comes from the model.

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct EcrArgs {
    #[command(subcommand)]
    pub command: EcrCommand,
}

#[derive(Subcommand, Debug)]
pub enum EcrCommand {
    /// Prints a password for container clients such as Docker (`docker login -u AWS --password-stdin`).
    GetLoginPassword,
}

#[derive(Args, Debug)]
pub struct EcrPublicArgs {
    #[command(subcommand)]
    pub command: EcrPublicCommand,
}

#[derive(Subcommand, Debug)]
pub enum EcrPublicCommand {
    /// Prints a password for container clients such as Docker, for the public registry.
    GetLoginPassword,
}
