//! `awsctl configure ...`: the configure subcommands awsctl implements.

use clap::{Args, Subcommand, ValueEnum};

#[derive(Args, Debug)]
pub struct ConfigureArgs {
    #[command(subcommand)]
    pub command: ConfigureCommand,
}

#[derive(Subcommand, Debug)]
pub enum ConfigureCommand {
    /// Lists the profile, access key, secret key and region in use, and where each came from.
    List,
    /// Prints the resolved credentials in a form other tools and shells take.
    ExportCredentials {
        /// The output format.
        #[arg(long, value_enum, default_value = "process")]
        format: ExportFormat,
    },
    /// Checks the credentials in use and the other sources that hold some, and says what to fix.
    Doctor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Process,
    Env,
    EnvNoExport,
    Powershell,
    WindowsCmd,
    Fish,
}
