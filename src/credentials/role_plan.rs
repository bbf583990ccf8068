//! The plan of a role profile's credentials, made from the parsed config and credentials
//! files alone (no I/O, no clock): where the first credentials come from (the base), then the
//! roles to assume one after the other, the innermost first. Every check of the settings
//! (loops, missing source profiles, both or neither of `source_profile` and
//! `credential_source`) happens here, with the AWS CLI's error texts; `role_runner` executes a
//! finished plan, and the MFA check reads one.

use std::collections::HashMap;

use super::CredentialsError;
use super::cache::KeyArg;
use super::web_identity::WebIdentity;
use crate::config::SharedConfig;
use crate::sso::SsoProfile;

/// A role profile's chain: the base credentials, then `roles` in the order they are assumed
/// (the last one is the profile asked for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleChain {
    pub base: Base,
    pub roles: Vec<RoleStep>,
}

/// Where the chain's first credentials come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// Static keys of a source profile (either file; the credentials file wins per key).
    StaticKeys { profile: String },
    /// A source profile with `role_arn` and `web_identity_token_file`.
    WebIdentity(WebIdentity),
    /// A source profile that signs in with IAM Identity Center.
    Sso(SsoProfile),
    /// A source profile's `credential_process`, run for `profile`.
    Process { command: String, profile: String },
    /// `credential_source` of the innermost role's `profile`.
    CredentialSource {
        source: NamedSource,
        profile: String,
    },
}

/// The values `credential_source` may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedSource {
    Environment,
    EcsContainer,
    Ec2InstanceMetadata,
}

impl NamedSource {
    fn parse(name: &str) -> Option<NamedSource> {
        match name {
            "Environment" => Some(NamedSource::Environment),
            "EcsContainer" => Some(NamedSource::EcsContainer),
            "Ec2InstanceMetadata" => Some(NamedSource::Ec2InstanceMetadata),
            _ => None,
        }
    }

    /// The name as configured, which is also the provider its errors name.
    pub fn name(self) -> &'static str {
        match self {
            NamedSource::Environment => "Environment",
            NamedSource::EcsContainer => "EcsContainer",
            NamedSource::Ec2InstanceMetadata => "Ec2InstanceMetadata",
        }
    }
}

/// One AssumeRole call, with the members the profile configures (empty values count as
/// unset). Without `session_name` the runner generates one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleStep {
    pub profile: String,
    pub role_arn: String,
    pub session_name: Option<String>,
    pub external_id: Option<String>,
    pub mfa_serial: Option<String>,
    pub duration_seconds: Option<i64>,
}

impl RoleStep {
    fn of(profile: &str, config: &HashMap<String, String>) -> RoleStep {
        let get = |k: &str| config.get(k).filter(|v| !v.is_empty()).cloned();
        RoleStep {
            profile: profile.to_string(),
            role_arn: get("role_arn").unwrap_or_default(),
            session_name: get("role_session_name"),
            external_id: get("external_id"),
            mfa_serial: get("mfa_serial"),
            duration_seconds: get("duration_seconds").and_then(|d| d.trim().parse().ok()),
        }
    }

    /// The arguments the role cache's file name is made from: `RoleArn` plus the optional
    /// members that are configured (a generated session name is not one of them).
    pub fn cache_key_args(&self) -> Vec<(&'static str, KeyArg)> {
        let mut args = vec![("RoleArn", KeyArg::Str(self.role_arn.clone()))];
        let optional = [
            ("RoleSessionName", &self.session_name),
            ("ExternalId", &self.external_id),
            ("SerialNumber", &self.mfa_serial),
        ];
        args.extend(
            optional
                .into_iter()
                .filter_map(|(k, v)| Some((k, KeyArg::Str(v.clone()?)))),
        );
        if let Some(d) = self.duration_seconds {
            args.push(("DurationSeconds", KeyArg::Int(d)));
        }
        args
    }
}

impl RoleChain {
    /// The MFA device of the first role that asks for a code, if any does: such credentials
    /// cannot be renewed within one run without asking again.
    pub fn mfa_serial(&self) -> Option<&str> {
        self.roles.iter().find_map(|r| r.mfa_serial.as_deref())
    }
}

/// Whether the chain treats `profile` as a role profile: `role_arn` without
/// `web_identity_token_file` (with it, the profile is the web-identity source).
pub fn assumes_role(config: &HashMap<String, String>) -> bool {
    config.contains_key("role_arn") && !config.contains_key("web_identity_token_file")
}

/// The chain of a role profile (see [`assumes_role`]), checked from the profile down to its
/// base; the first setting that does not add up is the error, as the AWS CLI reports it.
pub fn plan(files: &SharedConfig, profile: &str) -> Result<RoleChain, CredentialsError> {
    let mut visited = vec![profile.to_string()];
    let mut roles = Vec::new();
    let mut current = profile.to_string();
    loop {
        let config = files.scoped(&current);
        roles.push(RoleStep::of(&current, &config));
        match source_of(files, &current, &config, &mut visited)? {
            Next::Base(base) => {
                roles.reverse();
                return Ok(RoleChain { base, roles });
            }
            Next::Role(source) => current = source,
        }
    }
}

/// What a role's source turned out to be: the base, or another role profile to plan.
enum Next {
    Base(Base),
    Role(String),
}

fn source_of(
    files: &SharedConfig,
    profile: &str,
    config: &HashMap<String, String>,
    visited: &mut Vec<String>,
) -> Result<Next, CredentialsError> {
    let invalid = CredentialsError::InvalidConfig;
    match (
        config.get("source_profile"),
        config.get("credential_source"),
    ) {
        (Some(_), Some(_)) => Err(invalid(format!(
            "The profile \"{profile}\" contains both source_profile and credential_source."
        ))),
        (None, None) => Err(CredentialsError::Partial {
            provider: "assume-role",
            missing: "source_profile or credential_source",
        }),
        (None, Some(named)) => match NamedSource::parse(named) {
            Some(source) => Ok(Next::Base(Base::CredentialSource {
                source,
                profile: profile.to_string(),
            })),
            None => Err(invalid(format!(
                "The credential source \"{named}\" referenced in profile \"{profile}\" is not valid."
            ))),
        },
        (Some(source), None) => {
            if !files.profile_exists(source) {
                return Err(invalid(format!(
                    "The source_profile \"{source}\" referenced in the profile \"{profile}\" does not exist."
                )));
            }
            let source_config = files.scoped(source);
            let has_static = has_static_keys(&source_config);
            // A profile may name itself as its source to keep its static keys beside its role.
            if visited.iter().any(|v| v == source) && !(source == profile && has_static) {
                return Err(CredentialsError::InfiniteLoop {
                    profile: source.clone(),
                    visited: visited.clone(),
                });
            }
            visited.push(source.clone());
            source_profile(files, source, &source_config, has_static)
        }
    }
}

fn has_static_keys(config: &HashMap<String, String>) -> bool {
    config.contains_key("aws_access_key_id") || config.contains_key("aws_secret_access_key")
}

/// A source profile's credentials, in the AWS CLI's order: static keys, a role (or a web
/// identity, when it has a token file), IAM Identity Center, a credential process.
fn source_profile(
    files: &SharedConfig,
    source: &str,
    config: &HashMap<String, String>,
    has_static: bool,
) -> Result<Next, CredentialsError> {
    if has_static {
        return Ok(Next::Base(Base::StaticKeys {
            profile: source.to_string(),
        }));
    }
    if config.contains_key("role_arn") {
        return Ok(match WebIdentity::from_profile(config) {
            Some(identity) => Next::Base(Base::WebIdentity(identity)),
            None => Next::Role(source.to_string()),
        });
    }
    if let Some(sso) = crate::sso::profile_sso(files, source, config)? {
        return Ok(Next::Base(Base::Sso(sso)));
    }
    if let Some(command) = config.get("credential_process") {
        return Ok(Next::Base(Base::Process {
            command: command.clone(),
            profile: source.to_string(),
        }));
    }
    Err(CredentialsError::InvalidConfig(format!(
        "The source profile \"{source}\" must have credentials."
    )))
}

/// Whether the profile's role chain asks for an MFA code: such credentials cannot be renewed
/// within one run (botocore: "Cannot refresh credentials: MFA token required.").
pub fn needs_mfa(files: &SharedConfig, profile: &str) -> bool {
    assumes_role(&files.scoped(profile))
        && plan(files, profile).is_ok_and(|chain| chain.mfa_serial().is_some())
}

#[cfg(test)]
mod tests;
