//! `awsctl configure ...`: the interactive prompts (no subcommand) and the subcommands that
//! read and edit the shared files.

use clap::{Args, Subcommand, ValueEnum};

#[derive(Args, Debug)]
pub struct ConfigureArgs {
    /// Without a subcommand, prompts for keys, region and output format.
    #[command(subcommand)]
    pub command: Option<ConfigureCommand>,
}

#[derive(Subcommand, Debug)]
pub enum ConfigureCommand {
    /// Get a configuration value from the config file.
    Get {
        /// The name of the config value to retrieve.
        #[arg(value_name = "varname")]
        varname: String,
    },
    /// Set a configuration value in the config file.
    Set {
        /// The name of the config value to set.
        #[arg(value_name = "varname")]
        varname: String,
        /// The value to set.
        #[arg(value_name = "value", allow_hyphen_values = true)]
        value: String,
    },
    /// List the profiles available to the AWS CLI.
    ListProfiles,
    /// Lists the profile, access key, secret key and region in use, and where each came from.
    List,
    /// Gets MFA session credentials (GetSessionToken) and writes them into a profile.
    MfaLogin {
        /// The profile to write the temporary credentials to (asked for when not given).
        #[arg(long)]
        update_profile: Option<String>,
        /// How long the credentials last, 900 to 129600 seconds.
        #[arg(long, default_value = "43200")]
        duration_seconds: String,
        /// The MFA device's ARN or serial number (else the profile's mfa_serial, else asked for).
        #[arg(long)]
        serial_number: Option<String>,
    },
    /// Prints the resolved credentials in a form other tools and shells take.
    ExportCredentials {
        /// The output format.
        #[arg(long, value_enum, default_value = "process")]
        format: ExportFormat,
    },
    /// Checks the credentials in use and the other sources that hold some, and says what to fix.
    Doctor,
    /// Creates or updates a profile that gets credentials from IAM Identity Center (signs in).
    Sso {
        /// Print the sign-in URL instead of opening it in a browser.
        #[arg(long)]
        no_browser: bool,
        /// Use the device code flow instead of the authorization code flow.
        #[arg(long)]
        use_device_code: bool,
    },
    /// Creates or updates an [sso-session] section.
    SsoSession,
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
