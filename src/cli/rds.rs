//! `awsctl rds ...`: the command the CLI adds to the RDS model (`generate-db-auth-token`);
//! every other operation comes from the model.

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct RdsArgs {
    #[command(subcommand)]
    pub command: RdsCommand,
}

#[derive(Subcommand, Debug)]
pub enum RdsCommand {
    /// Generates an auth token used to connect to a db with IAM credentials.
    GenerateDbAuthToken(GenerateDbAuthTokenArgs),
}

#[derive(Args, Debug)]
pub struct GenerateDbAuthTokenArgs {
    /// The hostname of the database to connect to.
    #[arg(long, required = true)]
    pub hostname: String,
    /// The port number the database is listening on.
    #[arg(long, required = true)]
    pub port: u16,
    /// The username to log in as.
    #[arg(long, required = true)]
    pub username: String,
}
