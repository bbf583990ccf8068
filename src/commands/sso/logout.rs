//! `awsctl sso logout`: every cached IAM Identity Center token is signed out (the portal's
//! Logout, in the token's region) and deleted, and every role credential got with one is
//! deleted from `~/.aws/cli/cache`, across all profiles, as the CLI does.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::commands::Outcome;
use crate::credentials::is_sso_cache_entry;
use crate::error::Error;
use crate::services::Session;
use crate::sso::{api, token_cache};

pub async fn run(session: &Session<'_>) -> Result<Outcome, Error> {
    let settings = session.settings;
    let log = session.log();
    if let Some(dir) = token_cache::dir(&settings.env) {
        for file in json_files(&dir) {
            let Some(token) = token_cache::read::<Value>(&file) else {
                continue;
            };
            let Some(access_token) = token.get("accessToken").and_then(Value::as_str) else {
                continue;
            };
            if let Some(region) = token.get("region").and_then(Value::as_str) {
                let client_settings = api::client_settings(settings, region);
                let client = Session::new(&client_settings);
                match api::logout(&client, access_token).await {
                    Ok(_) => {}
                    // The token may have expired already: it is deleted all the same.
                    Err(e @ Error::Service(_)) => {
                        log.log("awsctl.sso", format_args!("Failed to call logout API: {e}"))
                    }
                    Err(e) => return Err(e),
                }
            }
            std::fs::remove_file(&file)?;
        }
    }
    if let Some(dir) = crate::credentials::role_cache_dir(&settings.env) {
        for file in json_files(&dir) {
            if is_sso_cache_entry(&file) {
                std::fs::remove_file(&file)?;
            }
        }
    }
    Ok(Outcome::Done(0))
}

/// The files of a cache directory (none when it does not exist).
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}
