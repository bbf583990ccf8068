//! `configure doctor`'s judgement: from facts about the active profile's credentials (gathered
//! by the command), the findings, each with a severity and what to do. Pure, so that every
//! rule is a unit test.

use time::{Duration, OffsetDateTime};

use crate::credentials::Source;

/// Session credentials closer than this to expiry are reported as expiring.
pub const EXPIRY_WARNING: Duration = Duration::minutes(15);

/// What the command found out; nothing here is secret.
#[derive(Debug, Clone)]
pub struct Facts {
    pub profile: String,
    /// The source that won the chain, or why the chain failed.
    pub winner: Result<Winner, String>,
    /// The MFA serial of a role profile whose session is not cached (resolving would prompt).
    pub mfa_uncached: Option<String>,
    /// Sources other than the winner that hold credentials for this profile.
    pub shadowed: Vec<Source>,
    /// IMDS answered; with the instance profile's role name when there is one.
    pub imds: Option<Option<String>>,
    /// Container credentials are configured (`AWS_CONTAINER_CREDENTIALS_*_URI`).
    pub container: bool,
    /// The caller's ARN from sts get-caller-identity, or why it could not be had.
    pub identity: Option<Result<String, String>>,
    /// Credential files that group or others can read: (path, mode).
    pub exposed_files: Vec<(String, u32)>,
    /// The profile's section in the config file holds access keys.
    pub keys_in_config: bool,
    pub region: Option<String>,
    /// The IAM Identity Center token of an SSO profile, read after the chain ran (so after any
    /// refresh); `None` for other profiles.
    pub sso_token: Option<SsoToken>,
    pub now: OffsetDateTime,
}

#[derive(Debug, Clone)]
pub struct SsoToken {
    /// The `[sso-session]`, or the start URL of a legacy profile.
    pub session: String,
    /// When the cached token expires; `None` when no usable token is cached.
    pub expiration: Option<OffsetDateTime>,
    /// It has a refresh token (an `[sso-session]` token renews itself before it expires).
    pub refreshable: bool,
}

#[derive(Debug, Clone)]
pub struct Winner {
    pub source: Source,
    pub access_key_id: String,
    pub expiration: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub fix: String,
}

fn finding(severity: Severity, code: &'static str, message: String, fix: String) -> Finding {
    Finding {
        severity,
        code,
        message,
        fix,
    }
}

/// Static keys: what a role on the machine is meant to replace.
fn is_static_keys(source: Source) -> bool {
    matches!(
        source,
        Source::Environment | Source::SharedCredentialsFile | Source::ConfigFile
    )
}

fn how_to_drop(source: Source, profile: &str) -> String {
    match source {
        Source::Environment => {
            "unset AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN".to_string()
        }
        Source::ConfigFile => {
            format!("remove the keys from [profile {profile}] in the config file")
        }
        _ => format!("remove the keys of [{profile}] from the credentials file"),
    }
}

/// Every finding, errors first.
pub fn examine(facts: &Facts) -> Vec<Finding> {
    use Severity::*;
    let mut out = Vec::new();
    let profile = &facts.profile;
    if let Some(serial) = &facts.mfa_uncached {
        out.push(finding(
            Warning,
            "mfa-session-missing",
            format!("Profile {profile} assumes a role with MFA ({serial}) and no cached session exists: the next command will ask for a code."),
            format!("Run `awsctl sts get-caller-identity --profile {profile}` once and enter the code; the session is then cached in ~/.aws/cli/cache."),
        ));
    } else if let Err(reason) = &facts.winner {
        out.push(finding(
            Error,
            "no-credentials",
            format!("No usable credentials for profile {profile}: {reason}"),
            "Configure credentials (`awsctl configure`, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or a role) for this profile.".into(),
        ));
    }
    if let Ok(winner) = &facts.winner {
        let roles = match (&facts.imds, facts.container) {
            (_, true) => Some("the container's role".to_string()),
            (Some(Some(role)), _) => Some(format!("the instance profile role {role}")),
            _ => None,
        };
        if let (true, Some(role)) = (is_static_keys(winner.source), roles) {
            out.push(finding(
                Warning,
                "keys-shadow-role",
                format!(
                    "Access keys from {} shadow {role}, which would otherwise be used.",
                    winner.source.name()
                ),
                format!("To use the role, {}.", how_to_drop(winner.source, profile)),
            ));
        }
        if winner.access_key_id.starts_with("AKIA") && facts.imds.is_some() {
            out.push(finding(
                Warning,
                "long-term-keys-on-ec2",
                format!("Long-term access keys (AKIA...) from {} are in use on a machine whose instance metadata service answers.", winner.source.name()),
                "Attach an instance profile role to the instance and drop the long-term keys; rotate them if they were copied here.".into(),
            ));
        }
        if let Some(expiration) = winner.expiration {
            let left = expiration - facts.now;
            if left <= Duration::ZERO {
                out.push(finding(
                    Error,
                    "credentials-expired",
                    format!("The session credentials from {} expired at {expiration}.", winner.source.name()),
                    "Get fresh credentials (for the environment: export new ones; for a role: run any command to refresh).".into(),
                ));
            } else if left < EXPIRY_WARNING {
                out.push(finding(
                    Warning,
                    "credentials-expiring",
                    format!(
                        "The session credentials from {} expire in {} minutes.",
                        winner.source.name(),
                        left.whole_minutes()
                    ),
                    "Refresh them before long-running work.".into(),
                ));
            }
        }
    }
    if let Some(token) = &facts.sso_token {
        let login = format!("Run `awsctl sso login --profile {profile}`.");
        let session = &token.session;
        match token.expiration {
            None => out.push(finding(
                Error,
                "sso-token-missing",
                format!("Profile {profile} signs in with IAM Identity Center ({session}) and no token is cached."),
                login,
            )),
            Some(at) if at <= facts.now => out.push(finding(
                Error,
                "sso-token-expired",
                format!("The IAM Identity Center token for {session} expired at {at} and could not be refreshed."),
                login,
            )),
            Some(at) if at - facts.now < EXPIRY_WARNING && !token.refreshable => {
                out.push(finding(
                    Warning,
                    "sso-token-expiring",
                    format!(
                        "The IAM Identity Center token for {session} expires in {} minutes and cannot be refreshed.",
                        (at - facts.now).whole_minutes()
                    ),
                    format!("{login} before long-running work (an [sso-session] profile refreshes its token)."),
                ))
            }
            Some(_) => {}
        }
    }
    if let Some(Ok(arn)) = &facts.identity
        && arn.ends_with(":root")
    {
        out.push(finding(
            Error,
            "root-credentials",
            format!("The credentials belong to the account's root user ({arn})."),
            "Delete the root user's access keys; use an IAM user or role with only the permissions needed.".into(),
        ));
    }
    for (path, mode) in &facts.exposed_files {
        out.push(finding(
            Error,
            "file-permissions",
            format!("{path} holds credentials and can be read by others (mode {mode:03o})."),
            format!("chmod 600 {path}"),
        ));
    }
    if facts.keys_in_config {
        out.push(finding(
            Warning,
            "keys-in-config-file",
            format!("The config file holds access keys for profile {profile}."),
            "Move aws_access_key_id and aws_secret_access_key to the credentials file (~/.aws/credentials).".into(),
        ));
    }
    if facts.region.is_none() {
        out.push(finding(
            Warning,
            "no-region",
            format!("No region is configured for profile {profile}."),
            "Set one: `region = us-east-1` in the profile, or AWS_REGION.".into(),
        ));
    }
    out.sort_by_key(|f| f.severity);
    out
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
