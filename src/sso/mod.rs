//! IAM Identity Center (SSO): which start URL, region and session a profile signs in with, as
//! botocore reads them from `[profile ...]` and `[sso-session ...]` sections. The token cache,
//! the OIDC sign-in flows and the API calls live in the submodules; the credential source is
//! `credentials::sso`, the commands `sso login|logout` and `configure sso|sso-session`.

pub mod api;
pub mod auth_code_flow;
pub mod browser;
pub mod device_flow;
pub mod loopback;
pub mod registration;
pub mod sign_in;
pub mod timefmt;
pub mod token;
pub mod token_cache;

use std::collections::HashMap;

use sha1::{Digest, Sha1};

use crate::config::SharedConfig;
use crate::credentials::CredentialsError;
use crate::error::Error;

/// Where tokens come from: an `[sso-session NAME]` (refreshable tokens, `name` set) or the
/// legacy `sso_start_url` / `sso_region` in the profile itself (`name` unset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoSession {
    pub name: Option<String>,
    pub start_url: String,
    pub region: String,
    /// `sso_registration_scopes`, split on commas (empty when not configured).
    pub scopes: Vec<String>,
}

impl SsoSession {
    /// What the token cache is keyed by and what errors name: the session, else the start URL.
    pub fn cache_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.start_url)
    }

    /// The token's file name in `~/.aws/sso/cache` (without `.json`): the SHA-1 of the
    /// session's name, or of the start URL for a legacy profile.
    pub fn token_key(&self) -> String {
        hex_sha1(self.cache_name().as_bytes())
    }
}

/// A profile whose credentials come from IAM Identity Center.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoProfile {
    pub session: SsoSession,
    pub account_id: String,
    pub role_name: String,
}

pub fn hex_sha1(bytes: &[u8]) -> String {
    Sha1::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `sso_registration_scopes` as the CLI splits it: on commas, blanks dropped.
pub fn parse_scopes(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The SSO settings of `profile` (its merged keys in `config`) for the credential chain:
/// `None` when the profile names neither `sso_account_id` nor `sso_role_name`; an error when it
/// names one but the settings do not add up (botocore's SSOProvider checks).
pub fn profile_sso(
    files: &SharedConfig,
    profile: &str,
    config: &HashMap<String, String>,
) -> Result<Option<SsoProfile>, CredentialsError> {
    if !config.contains_key("sso_account_id") && !config.contains_key("sso_role_name") {
        return Ok(None);
    }
    let invalid = CredentialsError::InvalidConfig;
    let mut merged = config.clone();
    let mut required = vec![
        "sso_role_name",
        "sso_account_id",
        "sso_start_url",
        "sso_region",
    ];
    let session_name = config.get("sso_session").cloned();
    if let Some(name) = &session_name {
        let session = files.sso_session(name).ok_or_else(|| {
            invalid(format!(
                "The specified sso-session does not exist: \"{name}\""
            ))
        })?;
        for (key, value) in session {
            if let Some(own) = merged.get(&key)
                && *own != value
            {
                return Err(invalid(format!(
                    "The value for {key} is inconsistent between profile ({own}) and sso-session ({value})."
                )));
            }
            merged.insert(key, value);
        }
        required.push("sso_session");
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|k| !merged.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        return Err(invalid(format!(
            "The profile \"{profile}\" is configured to use SSO but is missing required configuration: {}",
            missing.join(", ")
        )));
    }
    Ok(Some(SsoProfile {
        session: SsoSession {
            name: session_name,
            start_url: merged["sso_start_url"].clone(),
            region: merged["sso_region"].clone(),
            scopes: merged
                .get("sso_registration_scopes")
                .map(|s| parse_scopes(s))
                .unwrap_or_default(),
        },
        account_id: merged["sso_account_id"].clone(),
        role_name: merged["sso_role_name"].clone(),
    }))
}

/// The session `sso login` signs in to: `--sso-session`, else the profile's `sso_session`,
/// else the profile's legacy settings. The CLI's InvalidSSOConfigError is a configuration
/// error (exit 253).
pub fn login_session(
    files: &SharedConfig,
    profile_config: &HashMap<String, String>,
    explicit: Option<&str>,
) -> Result<SsoSession, Error> {
    const REQUIRED: [&str; 2] = ["sso_start_url", "sso_region"];
    let missing_in = |config: &HashMap<String, String>| -> Vec<&str> {
        REQUIRED
            .iter()
            .copied()
            .filter(|k| !config.contains_key(*k))
            .collect()
    };
    let name = explicit
        .map(str::to_string)
        .or_else(|| profile_config.get("sso_session").cloned());
    if let Some(name) = name {
        let config = files.sso_session(&name).ok_or_else(|| {
            Error::Configuration(format!(
                "The specified sso-session does not exist: \"{name}\""
            ))
        })?;
        let missing = missing_in(&config);
        if !missing.is_empty() {
            return Err(Error::Configuration(format!(
                "Missing the following required SSO configuration values: {}. ",
                missing.join(", ")
            )));
        }
        return Ok(SsoSession {
            start_url: config["sso_start_url"].clone(),
            region: config["sso_region"].clone(),
            scopes: config
                .get("sso_registration_scopes")
                .map(|s| parse_scopes(s))
                .unwrap_or_default(),
            name: Some(name),
        });
    }
    let missing = missing_in(profile_config);
    if !missing.is_empty() {
        return Err(Error::Configuration(format!(
            "Missing the following required SSO configuration values: {}. To make sure this profile is properly configured to use SSO, please run: awsctl configure sso",
            missing.join(", ")
        )));
    }
    Ok(SsoSession {
        name: None,
        start_url: profile_config["sso_start_url"].clone(),
        region: profile_config["sso_region"].clone(),
        scopes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(config: &str) -> SharedConfig {
        SharedConfig::from_strings(config, "")
    }

    #[test]
    fn session_profiles_merge_the_session_section() {
        let f = files(
            "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access, ,x\n",
        );
        let p = profile_sso(&f, "dev", &f.scoped("dev")).unwrap().unwrap();
        assert_eq!(p.session.name.as_deref(), Some("corp"));
        assert_eq!(p.session.region, "eu-west-1");
        assert_eq!(p.session.scopes, ["sso:account:access", "x"]);
        // sha1("corp"), as the CLI names the file.
        assert_eq!(
            p.session.token_key(),
            "ee0bfd2552fbd840c02cc48b6e823320543c450f"
        );
        assert_eq!(
            (p.account_id.as_str(), p.role_name.as_str()),
            ("111122223333", "Dev")
        );
    }

    #[test]
    fn legacy_profiles_key_by_start_url() {
        let f = files(
            "[profile old]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n",
        );
        let p = profile_sso(&f, "old", &f.scoped("old")).unwrap().unwrap();
        assert_eq!(p.session.name, None);
        assert_eq!(
            p.session.token_key(),
            hex_sha1(b"https://x.awsapps.com/start")
        );
    }

    #[test]
    fn bad_settings_are_reported_as_botocore_reports_them() {
        let f = files(
            "[profile a]\nsso_account_id = 1\n[profile b]\nsso_session = nope\nsso_role_name = R\n[profile c]\nsso_session = s\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n[sso-session s]\nsso_start_url = u\nsso_region = eu-west-1\n[profile none]\nregion = x\n",
        );
        let err = |p: &str| profile_sso(&f, p, &f.scoped(p)).unwrap_err().to_string();
        assert_eq!(
            err("a"),
            "The profile \"a\" is configured to use SSO but is missing required configuration: sso_role_name, sso_start_url, sso_region"
        );
        assert_eq!(
            err("b"),
            "The specified sso-session does not exist: \"nope\""
        );
        assert_eq!(
            err("c"),
            "The value for sso_region is inconsistent between profile (us-east-1) and sso-session (eu-west-1)."
        );
        assert!(
            profile_sso(&f, "none", &f.scoped("none"))
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn login_finds_the_session_or_says_what_is_missing() {
        let f = files(
            "[profile a]\nsso_session = s\n[sso-session s]\nsso_start_url = u\n[profile legacy]\nsso_start_url = u\nsso_region = r\n",
        );
        let e = login_session(&f, &f.scoped("a"), None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Missing the following required SSO configuration values: sso_region. "
        );
        assert_eq!(e.exit_code(), 253);
        let legacy = login_session(&f, &f.scoped("legacy"), None).unwrap();
        assert_eq!((legacy.name, legacy.region.as_str()), (None, "r"));
        let e = login_session(&f, &f.scoped("legacy"), Some("other")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "The specified sso-session does not exist: \"other\""
        );
    }
}
