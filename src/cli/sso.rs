//! `awsctl sso ...`: the commands awsctl writes by hand (`login`, `logout`); the portal's
//! operations (`list-accounts`, `list-account-roles`, ...) come from the model.

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct SsoArgs {
    #[command(subcommand)]
    pub command: SsoCommand,
}

#[derive(Subcommand, Debug)]
pub enum SsoCommand {
    /// Signs in to IAM Identity Center and caches the access token for the profile's session.
    Login(LoginArgs),
    /// Removes every cached IAM Identity Center token and the role credentials got with them.
    Logout,
}

#[derive(Args, Debug)]
pub struct LoginArgs {
    /// Print the sign-in URL instead of opening it in a browser.
    #[arg(long)]
    pub no_browser: bool,
    /// Use the device code flow instead of the authorization code flow.
    #[arg(long)]
    pub use_device_code: bool,
    /// The [sso-session] to sign in to (default: the profile's sso_session).
    #[arg(long, value_name = "NAME")]
    pub sso_session: Option<String>,
}
