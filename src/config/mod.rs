//! The shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`):
//! loading them and looking up profiles and `[services]` blocks.

pub mod edit;
mod ini_file;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use ini_file::{IniError, IniFile, parse_nested};

use crate::env::Env;

/// Both files, as loaded once per invocation.
#[derive(Debug, Default, Clone)]
pub struct SharedConfig {
    pub config: IniFile,
    pub credentials: IniFile,
}

/// Where the two files live: `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/`.
pub fn file_paths(env: &Env) -> (PathBuf, PathBuf) {
    let path = |var: &str, default: &str| match env.get(var) {
        Some(p) => env.expand_tilde(p),
        None => env.expand_tilde(default),
    };
    (
        path("AWS_CONFIG_FILE", "~/.aws/config"),
        path("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials"),
    )
}

impl SharedConfig {
    pub fn load(config: &Path, credentials: &Path) -> Result<SharedConfig, IniError> {
        Ok(SharedConfig {
            config: IniFile::load(config)?,
            credentials: IniFile::load(credentials)?,
        })
    }

    /// The profile's section in the config file: `[default]` (or `[profile default]`) for
    /// the default profile, `[profile NAME]` for the others.
    pub fn config_profile(&self, name: &str) -> Option<HashMap<String, String>> {
        // `[profile 'my prof']` (as configure writes it) is the profile `my prof`, as in botocore.
        let prefixed = self
            .config
            .section_names()
            .find(|s| edit::profile_in_section(s).as_deref() == Some(name))
            .and_then(|s| self.config.section(s));
        if name == "default" {
            // botocore lets `[profile default]` stand for `[default]`, the latter winning.
            return match (self.config.section("default"), prefixed) {
                (Some(mut plain), Some(extra)) => {
                    for (k, v) in extra {
                        plain.entry(k).or_insert(v);
                    }
                    Some(plain)
                }
                (plain, extra) => plain.or(extra),
            };
        }
        prefixed
    }

    /// The profile's section in the credentials file (`[NAME]`, no prefix).
    pub fn credentials_profile(&self, name: &str) -> Option<HashMap<String, String>> {
        self.credentials.section(name)
    }

    pub fn profile_exists(&self, name: &str) -> bool {
        self.config_profile(name).is_some() || self.credentials_profile(name).is_some()
    }

    /// The settings of a profile as the CLI sees them: config-file keys, overridden by the
    /// credentials file's keys for the same profile (botocore merges the two this way).
    pub fn scoped(&self, name: &str) -> HashMap<String, String> {
        let mut merged = self.config_profile(name).unwrap_or_default();
        merged.extend(self.credentials_profile(name).unwrap_or_default());
        merged
    }

    /// Both files from text, for tests of everything that reads them.
    #[cfg(test)]
    pub fn from_strings(config: &str, credentials: &str) -> SharedConfig {
        SharedConfig {
            config: IniFile::parse(Path::new("config"), config).expect("a valid test config file"),
            credentials: IniFile::parse(Path::new("credentials"), credentials)
                .expect("a valid test credentials file"),
        }
    }

    /// An `[sso-session NAME]` section.
    pub fn sso_session(&self, name: &str) -> Option<HashMap<String, String>> {
        self.config
            .section_names()
            .find(|s| edit::sso_session_in_section(s).as_deref() == Some(name))
            .and_then(|s| self.config.section(s))
    }

    /// A `[services NAME]` section.
    pub fn services_section(&self, name: &str) -> Option<HashMap<String, String>> {
        self.config.section(&format!("services {name}"))
    }

    /// Every profile name defined in either file, config file first, without duplicates.
    pub fn profile_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let from_config = self.config.section_names().filter_map(|s| {
            if s == "default" {
                Some(s.to_string())
            } else {
                edit::profile_in_section(s)
            }
        });
        for name in from_config.chain(self.credentials.section_names().map(str::to_string)) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(config: &str, credentials: &str) -> SharedConfig {
        SharedConfig::from_strings(config, credentials)
    }

    #[test]
    fn profiles_come_from_both_files_with_credentials_overriding() {
        let s = shared(
            "[default]\nregion = us-west-2\n[profile dev]\nregion = eu-west-1\noutput = text\n[services local]\nsts =\n  endpoint_url = http://127.0.0.1:1\n",
            "[dev]\nregion = ap-south-1\naws_access_key_id = AKIA\n[ci]\naws_access_key_id = X\n",
        );
        assert_eq!(s.profile_names(), ["default", "dev", "ci"]);
        assert_eq!(s.scoped("dev")["region"], "ap-south-1");
        assert_eq!(s.scoped("dev")["output"], "text");
        assert!(s.profile_exists("ci"));
        assert!(!s.profile_exists("nope"));
        assert!(s.config_profile("ci").is_none());
        assert!(s.services_section("local").unwrap().contains_key("sts"));
    }

    #[test]
    fn quoted_profile_names_are_the_profile() {
        let s = shared(
            "[profile 'my prof']\nregion = eu-west-1\n",
            "[my prof]\nx = y\n",
        );
        assert_eq!(s.profile_names(), ["my prof"]);
        assert_eq!(s.scoped("my prof")["region"], "eu-west-1");
        assert_eq!(s.scoped("my prof")["x"], "y");
    }

    #[test]
    fn profile_default_section_stands_for_default() {
        let s = shared("[profile default]\nregion = eu-north-1\n", "");
        assert_eq!(s.scoped("default")["region"], "eu-north-1");
        let both = shared(
            "[default]\nregion = a\n[profile default]\nregion = b\noutput = text\n",
            "",
        );
        assert_eq!(both.scoped("default")["region"], "a");
        assert_eq!(both.scoped("default")["output"], "text");
    }

    #[test]
    fn file_paths_follow_the_environment() {
        let env = Env::from_pairs([("HOME", "/h"), ("AWS_CONFIG_FILE", "~/cfg")]);
        let (config, credentials) = file_paths(&env);
        assert_eq!(config, PathBuf::from("/h/cfg"));
        assert_eq!(credentials, PathBuf::from("/h/.aws/credentials"));
    }
}
