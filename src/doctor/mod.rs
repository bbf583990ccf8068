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

/// Every finding, errors first (in the order of the rules below within each severity).
pub fn examine(facts: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(mfa_or_no_credentials(facts));
    if let Ok(winner) = &facts.winner {
        out.extend(keys_shadow_role(facts, winner));
        out.extend(long_term_keys_on_ec2(facts, winner));
        out.extend(session_expiry(facts, winner));
    }
    out.extend(sso_token(facts));
    out.extend(root_credentials(facts));
    out.extend(exposed_files(facts));
    out.extend(keys_in_config(facts));
    out.extend(no_region(facts));
    out.sort_by_key(|f| f.severity);
    out
}

/// A role that would ask for an MFA code is a warning (the doctor never asks); otherwise a
/// chain that found nothing is an error.
fn mfa_or_no_credentials(facts: &Facts) -> Option<Finding> {
    let profile = &facts.profile;
    if let Some(serial) = &facts.mfa_uncached {
        return Some(finding(
            Severity::Warning,
            "mfa-session-missing",
            format!(
                "Profile {profile} assumes a role with MFA ({serial}) and no cached session exists: the next command will ask for a code."
            ),
            format!(
                "Run `awsctl sts get-caller-identity --profile {profile}` once and enter the code; the session is then cached in ~/.aws/cli/cache."
            ),
        ));
    }
    let reason = facts.winner.as_ref().err()?;
    Some(finding(
        Severity::Error,
        "no-credentials",
        format!("No usable credentials for profile {profile}: {reason}"),
        "Configure credentials (`awsctl configure`, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or a role) for this profile.".into(),
    ))
}

/// Static keys in use where the container or the instance has a role.
fn keys_shadow_role(facts: &Facts, winner: &Winner) -> Option<Finding> {
    let role = match (&facts.imds, facts.container) {
        (_, true) => "the container's role".to_string(),
        (Some(Some(role)), _) => format!("the instance profile role {role}"),
        _ => return None,
    };
    is_static_keys(winner.source).then(|| {
        finding(
            Severity::Warning,
            "keys-shadow-role",
            format!(
                "Access keys from {} shadow {role}, which would otherwise be used.",
                winner.source.name()
            ),
            format!(
                "To use the role, {}.",
                how_to_drop(winner.source, &facts.profile)
            ),
        )
    })
}

fn long_term_keys_on_ec2(facts: &Facts, winner: &Winner) -> Option<Finding> {
    (winner.access_key_id.starts_with("AKIA") && facts.imds.is_some()).then(|| finding(
        Severity::Warning,
        "long-term-keys-on-ec2",
        format!("Long-term access keys (AKIA...) from {} are in use on a machine whose instance metadata service answers.", winner.source.name()),
        "Attach an instance profile role to the instance and drop the long-term keys; rotate them if they were copied here.".into(),
    ))
}

/// Session credentials that have expired, or expire within [`EXPIRY_WARNING`].
fn session_expiry(facts: &Facts, winner: &Winner) -> Option<Finding> {
    let expiration = winner.expiration?;
    let left = expiration - facts.now;
    if left <= Duration::ZERO {
        return Some(finding(
            Severity::Error,
            "credentials-expired",
            format!("The session credentials from {} expired at {expiration}.", winner.source.name()),
            "Get fresh credentials (for the environment: export new ones; for a role: run any command to refresh).".into(),
        ));
    }
    (left < EXPIRY_WARNING).then(|| {
        finding(
            Severity::Warning,
            "credentials-expiring",
            format!(
                "The session credentials from {} expire in {} minutes.",
                winner.source.name(),
                left.whole_minutes()
            ),
            "Refresh them before long-running work.".into(),
        )
    })
}

/// An SSO profile's token: missing, expired, or expiring without a way to refresh it.
fn sso_token(facts: &Facts) -> Option<Finding> {
    let token = facts.sso_token.as_ref()?;
    let profile = &facts.profile;
    let login = format!("Run `awsctl sso login --profile {profile}`.");
    let session = &token.session;
    match token.expiration {
        None => Some(finding(
            Severity::Error,
            "sso-token-missing",
            format!(
                "Profile {profile} signs in with IAM Identity Center ({session}) and no token is cached."
            ),
            login,
        )),
        Some(at) if at <= facts.now => Some(finding(
            Severity::Error,
            "sso-token-expired",
            format!(
                "The IAM Identity Center token for {session} expired at {at} and could not be refreshed."
            ),
            login,
        )),
        Some(at) if at - facts.now < EXPIRY_WARNING && !token.refreshable => Some(finding(
            Severity::Warning,
            "sso-token-expiring",
            format!(
                "The IAM Identity Center token for {session} expires in {} minutes and cannot be refreshed.",
                (at - facts.now).whole_minutes()
            ),
            format!(
                "{login} before long-running work (an [sso-session] profile refreshes its token)."
            ),
        )),
        Some(_) => None,
    }
}

fn root_credentials(facts: &Facts) -> Option<Finding> {
    let Some(Ok(arn)) = &facts.identity else {
        return None;
    };
    arn.ends_with(":root").then(|| finding(
        Severity::Error,
        "root-credentials",
        format!("The credentials belong to the account's root user ({arn})."),
        "Delete the root user's access keys; use an IAM user or role with only the permissions needed.".into(),
    ))
}

fn exposed_files(facts: &Facts) -> Vec<Finding> {
    facts
        .exposed_files
        .iter()
        .map(|(path, mode)| {
            finding(
                Severity::Error,
                "file-permissions",
                format!("{path} holds credentials and can be read by others (mode {mode:03o})."),
                format!("chmod 600 {path}"),
            )
        })
        .collect()
}

fn keys_in_config(facts: &Facts) -> Option<Finding> {
    facts.keys_in_config.then(|| finding(
        Severity::Warning,
        "keys-in-config-file",
        format!("The config file holds access keys for profile {}.", facts.profile),
        "Move aws_access_key_id and aws_secret_access_key to the credentials file (~/.aws/credentials).".into(),
    ))
}

fn no_region(facts: &Facts) -> Option<Finding> {
    facts.region.is_none().then(|| {
        finding(
            Severity::Warning,
            "no-region",
            format!("No region is configured for profile {}.", facts.profile),
            "Set one: `region = us-east-1` in the profile, or AWS_REGION.".into(),
        )
    })
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
