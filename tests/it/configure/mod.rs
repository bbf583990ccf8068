//! The `configure` commands: doctor, get/set, the interactive prompts, list-profiles, mfa-login.

mod doctor;
mod get_set;
mod interactive;
mod list_profiles;
mod mfa_login;
