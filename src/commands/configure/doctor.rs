//! `awsctl configure doctor`: resolves the credential chain for the active profile without
//! prompting, looks at every other source that holds credentials, the caller's identity, the
//! files' permissions and the region, and reports the findings of [`crate::doctor`] with what
//! to do. Human text, or JSON when an output format of json is configured; exit 1 when a
//! finding is an error.

use std::cell::RefCell;

use serde_json::{Value, json};
use time::OffsetDateTime;

use super::mask;
use crate::commands::Outcome;
use crate::credentials::prompt::Prompter;
use crate::credentials::{self, ChainContext, Credentials, Source, role_plan};
use crate::doctor::{self, Facts, Finding, Severity, Winner};
use crate::error::Error;
use crate::imds::ImdsError;
use crate::output::OutputFormat;
use crate::printer::Printer;
use crate::protocol::shape::{Member, Shape};
use crate::services::Session;
use crate::services::sts;
use crate::settings::Settings;
use crate::sso;

/// The doctor never asks for an MFA code: it notes that one would be needed.
#[derive(Default)]
struct NoPrompt {
    asked: RefCell<Option<String>>,
}

impl Prompter for NoPrompt {
    fn mfa_code(&self, serial: &str) -> std::io::Result<String> {
        *self.asked.borrow_mut() = Some(serial.to_string());
        Err(std::io::Error::other(
            "configure doctor does not prompt for MFA codes",
        ))
    }
}

static IDENTITY: Shape = Shape::Structure(&[Member::new("Arn", &Shape::String)]);

pub async fn run(session: &Session<'_>, printer: &mut Printer) -> Result<Outcome, Error> {
    let settings = session.settings;
    let now = OffsetDateTime::now_utc();
    let prompter = NoPrompt::default();
    let region = session.region_with_source().await?.map(|(r, _)| r);
    let resolved = {
        let ctx = ChainContext {
            settings,
            region,
            http: session.http()?,
            imds: session.imds()?,
            prompter: &prompter,
            now,
            log: session.log(),
        };
        credentials::resolve(&ctx).await
    };
    let imds = instance_profile(session).await?;
    let identity = match &resolved {
        Ok(c) => Some(caller_arn(session, c).await),
        Err(_) => None,
    };
    let winner = resolved
        .as_ref()
        .map_err(|e| e.to_string())
        .map(|c| Winner {
            source: c.source,
            access_key_id: c.access_key_id.clone(),
            expiration: c.expiration,
        });
    let container = [
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ]
    .iter()
    .any(|v| settings.env.is_set(v));
    let mfa_uncached = prompter.asked.borrow().clone();
    let region = session.region_with_source().await?.map(|(r, _)| r);
    let held = holders(
        settings,
        container,
        imds.as_ref().is_some_and(Option::is_some),
    );
    let facts = Facts {
        profile: settings.profile.clone(),
        mfa_uncached,
        shadowed: held
            .into_iter()
            .filter(|s| winner.as_ref().map_or(true, |w| w.source != *s))
            .collect(),
        winner,
        imds,
        container,
        identity,
        exposed_files: exposed_files(settings),
        keys_in_config: config_keys(settings),
        region,
        sso_token: sso_token(settings),
        now,
    };
    let findings = doctor::examine(&facts);
    if settings.output_configured && settings.output == OutputFormat::Json {
        let text = pretty(&report_json(&facts, &findings));
        printer.out_line(&text)?;
    } else {
        for line in report_text(&facts, &findings) {
            printer.out_line(&line)?;
        }
    }
    let failed = findings.iter().any(|f| f.severity == Severity::Error);
    Ok(Outcome::Done(u8::from(failed)))
}

/// `Some(role)` when IMDS answers (`Some(None)`: it answers but the instance has no role).
async fn instance_profile(session: &Session<'_>) -> Result<Option<Option<String>>, Error> {
    let imds = session.imds()?;
    if imds.config().disabled {
        return Ok(None);
    }
    Ok(
        match imds.get("meta-data/iam/security-credentials/").await {
            Ok(roles) => Some(
                roles
                    .lines()
                    .next()
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .map(str::to_string),
            ),
            // A metadata service without a role answers 404; any other status comes from
            // something else at that address (a proxy, a firewall), not from IMDS.
            Err(ImdsError::NotFound(_)) => Some(None),
            Err(_) => None,
        },
    )
}

/// The sources that hold credentials for the profile, in the chain's order.
fn holders(settings: &Settings, container: bool, instance_role: bool) -> Vec<Source> {
    let profile = &settings.profile_config;
    let has_keys = |section: Option<std::collections::HashMap<String, String>>| {
        section.is_some_and(|s| s.contains_key("aws_access_key_id"))
    };
    let present = [
        (
            Source::Environment,
            settings.env.is_set("AWS_ACCESS_KEY_ID"),
        ),
        (Source::AssumeRole, role_plan::assumes_role(profile)),
        (
            Source::AssumeRoleWithWebIdentity,
            profile.contains_key("web_identity_token_file")
                || settings.env.is_set("AWS_WEB_IDENTITY_TOKEN_FILE"),
        ),
        (
            Source::Sso,
            profile.contains_key("sso_account_id") || profile.contains_key("sso_role_name"),
        ),
        (
            Source::SharedCredentialsFile,
            has_keys(settings.files.credentials_profile(&settings.profile)),
        ),
        (
            Source::CustomProcess,
            profile.contains_key("credential_process"),
        ),
        (
            Source::ConfigFile,
            has_keys(settings.files.config_profile(&settings.profile)),
        ),
        (Source::ContainerRole, container),
        (Source::IamRole, instance_role),
    ];
    present
        .into_iter()
        .filter_map(|(source, held)| held.then_some(source))
        .collect()
}

/// The profile's IAM Identity Center token as the cache holds it now.
fn sso_token(settings: &Settings) -> Option<doctor::SsoToken> {
    let profile = sso::profile_sso(&settings.files, &settings.profile, &settings.profile_config)
        .ok()
        .flatten()?;
    let token = sso::token_cache::dir(&settings.env)
        .and_then(|dir| sso::token::load(&dir, &profile.session).ok());
    Some(doctor::SsoToken {
        session: profile.session.cache_name().to_string(),
        expiration: token.as_ref().and_then(|t| t.expiration()),
        refreshable: profile.session.name.is_some()
            && token.as_ref().is_some_and(|t| t.refresh_token.is_some()),
    })
}

fn config_keys(settings: &Settings) -> bool {
    settings
        .files
        .config_profile(&settings.profile)
        .is_some_and(|s| {
            s.contains_key("aws_access_key_id") || s.contains_key("aws_secret_access_key")
        })
}

/// The credentials file, and the config file when it holds keys, if group or others can
/// read them.
fn exposed_files(settings: &Settings) -> Vec<(String, u32)> {
    let (config, credentials) = crate::config::file_paths(&settings.env);
    let mut files = vec![credentials];
    if config_keys(settings) {
        files.push(config);
    }
    files
        .into_iter()
        .filter_map(|path| {
            let mode = crate::fs::mode_of(&std::fs::metadata(&path).ok()?) & 0o777;
            (mode & 0o077 != 0).then(|| (path.display().to_string(), mode))
        })
        .collect()
}

/// The caller's ARN, asked of STS with the resolved credentials.
async fn caller_arn(session: &Session<'_>, credentials: &Credentials) -> Result<String, String> {
    let region = session
        .settings
        .region
        .as_ref()
        .map_or("us-east-1", |r| r.value.as_str());
    let ctx = session
        .context(region, Some(credentials))
        .map_err(|e| e.to_string())?;
    let value = ctx
        .query(&sts::STS, sts::VERSION, "GetCallerIdentity", &[], &IDENTITY)
        .await
        .map_err(|e| e.to_string())?;
    value["Arn"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "no Arn in the GetCallerIdentity response".to_string())
}

fn report_text(facts: &Facts, findings: &[Finding]) -> Vec<String> {
    let credentials = match &facts.winner {
        Ok(w) => format!(
            "{} (access key {})",
            w.source.name(),
            mask(&w.access_key_id)
        ),
        Err(_) => "<none>".to_string(),
    };
    let shadowed: Vec<&str> = facts.shadowed.iter().map(|s| s.name()).collect();
    let identity = match &facts.identity {
        Some(Ok(arn)) => arn.clone(),
        Some(Err(reason)) => format!("<unverified: {reason}>"),
        None => "<unknown>".to_string(),
    };
    let mut lines = vec![
        format!("Profile:      {}", facts.profile),
        format!("Credentials:  {credentials}"),
        format!(
            "Shadowed:     {}",
            if shadowed.is_empty() {
                "<none>".to_string()
            } else {
                shadowed.join(", ")
            }
        ),
        format!("Identity:     {identity}"),
        format!(
            "Region:       {}",
            facts.region.as_deref().unwrap_or("<not set>")
        ),
        String::new(),
    ];
    if findings.is_empty() {
        lines.push("No problems found.".to_string());
    }
    for f in findings {
        lines.push(format!(
            "{}: {}: {}",
            f.severity.as_str(),
            f.code,
            f.message
        ));
        lines.push(format!("  fix: {}", f.fix));
    }
    lines
}

fn report_json(facts: &Facts, findings: &[Finding]) -> Value {
    let winner = facts.winner.as_ref().ok();
    json!({
        "Profile": facts.profile,
        "CredentialSource": winner.map(|w| w.source.name()),
        "AccessKeyId": winner.map(|w| mask(&w.access_key_id)),
        "ShadowedSources": facts.shadowed.iter().map(|s| s.name()).collect::<Vec<_>>(),
        "Identity": facts.identity.as_ref().and_then(|i| i.as_ref().ok()),
        "Region": facts.region,
        "Findings": findings.iter().map(|f| json!({
            "Severity": f.severity.as_str(),
            "Code": f.code,
            "Message": f.message,
            "Fix": f.fix,
        })).collect::<Vec<_>>(),
    })
}

/// Indented by four spaces, as the CLI's JSON output is.
fn pretty(value: &Value) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(value, &mut serializer).expect("a JSON value serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}
