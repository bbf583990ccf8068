//! `awsctl codeartifact login --tool pip|npm|twine --domain D --repository R`:
//! GetAuthorizationToken and GetRepositoryEndpoint, then the tool configured to use the
//! repository with the token (see `tools.rs` and `nuget.rs`), and the CLI's lines about it.

use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::macros::format_description;

use super::nuget::{Configured, NuGet};
use super::tools::{self, Login};
use crate::cli::codeartifact::LoginArgs;
use crate::commands::Outcome;
use crate::driver::invoke;
use crate::error::Error;
use crate::printer::Printer;
use crate::secret::Secret;
use crate::services::Session;

pub async fn run(
    args: &LoginArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let tool = args.tool.to_lowercase();
    let format = match tool.as_str() {
        "npm" => "npm",
        "pip" | "twine" => "pypi",
        "swift" => "swift",
        _ => "nuget",
    };
    let (token, expiration) = authorization_token(session, args).await?;
    let endpoint = repository_endpoint(session, args, format).await?;
    if args.namespace.is_some() && !["npm", "swift"].contains(&tool.as_str()) {
        return Err(Error::General(format!(
            "Argument --namespace is not supported for {tool}"
        )));
    }
    let login = Login {
        token: token.expose(),
        endpoint: &endpoint,
        namespace: args.namespace.as_deref(),
    };
    if tool == "nuget" || tool == "dotnet" {
        let nuget = NuGet {
            tool: &tool,
            domain: &args.domain,
            repository: &args.repository,
        };
        match nuget.login(&login, args.dry_run, printer)? {
            Configured::DryRun => {}
            Configured::Added(name) => {
                printer.out_line(&format!(
                    "Added source {name} to the user level NuGet.Config"
                ))?;
                success("nuget", &endpoint, expiration, printer)?;
            }
            Configured::Updated(name) => {
                printer.out_line(&format!("Updated source {name} in the NuGet.Config"))?;
                success("nuget", &endpoint, expiration, printer)?;
            }
        }
        return Ok(Outcome::Done(0));
    }
    if tool == "twine" {
        return twine(session, &login, args.dry_run, expiration, printer);
    }
    let commands = match tool.as_str() {
        "pip" => tools::pip_commands(&login)?,
        "swift" => {
            let commands = tools::swift_commands(&login)?;
            netrc(session, &login, args.dry_run, printer)?;
            commands
        }
        _ => tools::npm_commands(&login)?,
    };
    if args.dry_run {
        tools::print_commands(&commands, printer)?;
        return Ok(Outcome::Done(0));
    }
    tools::run_commands(&tool, &commands, login.token)?;
    success(&tool, &endpoint, expiration, printer)?;
    Ok(Outcome::Done(0))
}

fn twine(
    session: &Session<'_>,
    login: &Login<'_>,
    dry_run: bool,
    expiration: OffsetDateTime,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let home = session.settings.env.home().unwrap_or_default();
    let path = home.join(".pypirc");
    let text = tools::pypirc(&path, login)?;
    if dry_run {
        printer.out_line("Dryrun mode is enabled, not writing to pypirc.")?;
        printer.out_line(&format!(
            "{} would have been set to the following:",
            path.display()
        ))?;
        printer.out_line("")?;
        printer.out_line(&text)?;
        return Ok(Outcome::Done(0));
    }
    crate::fs::write_whole(&path, text.as_bytes(), 0o600).map_err(Error::Io)?;
    // An existing file keeps its name but not looser permissions.
    set_private(&path);
    success("twine", login.endpoint, expiration, printer)?;
    Ok(Outcome::Done(0))
}

/// Swift reads the token from `~/.netrc` (on macOS the CLI gives it to the keychain instead;
/// awsctl does as on Linux).
fn netrc(
    session: &Session<'_>,
    login: &Login<'_>,
    dry_run: bool,
    printer: &mut Printer,
) -> Result<(), Error> {
    let path = session
        .settings
        .env
        .home()
        .unwrap_or_default()
        .join(".netrc");
    if dry_run {
        printer.out_line("Dryrun mode is enabled, not writing to netrc.")?;
        printer.out_line(&format!(
            "The following line would have been written to {}:",
            path.display()
        ))?;
        printer.out_line("")?;
        printer.out_line(&tools::netrc_entry(login)?)?;
        printer.out_line("")?;
        printer.out_line("And would have run the following commands:")?;
        printer.out_line("")?;
        return Ok(());
    }
    let existing = std::fs::read_to_string(&path).ok();
    let text = tools::netrc(existing.as_deref(), login)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(Error::Io)?;
    }
    crate::fs::write_whole(&path, text.as_bytes(), 0o600).map_err(Error::Io)?;
    set_private(&path);
    Ok(())
}

/// 0600 exactly, whatever the umask (where files have Unix modes).
fn set_private(path: &std::path::Path) {
    if let Ok(file) = std::fs::File::open(path) {
        let _ = crate::fs::set_mode(&file, 0o600);
    }
}

async fn authorization_token(
    session: &Session<'_>,
    args: &LoginArgs,
) -> Result<(Secret, OffsetDateTime), Error> {
    let mut params = Map::new();
    params.insert("domain".into(), args.domain.clone().into());
    if let Some(owner) = &args.domain_owner {
        params.insert("domainOwner".into(), owner.clone().into());
    }
    if let Some(seconds) = args.duration_seconds.filter(|s| *s != 0) {
        params.insert("durationSeconds".into(), seconds.into());
    }
    let answer =
        invoke::call_named(session, "codeartifact", "GetAuthorizationToken", params).await?;
    let token = answer
        .get("authorizationToken")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::InvalidJsonResponse("no authorizationToken".into()))?;
    let expiration = answer
        .get("expiration")
        .and_then(timestamp)
        .ok_or_else(|| Error::InvalidJsonResponse("no expiration".into()))?;
    Ok((Secret::new(token), expiration))
}

/// A response timestamp as the engine gives it (ISO 8601 text, or epoch seconds).
fn timestamp(value: &Value) -> Option<OffsetDateTime> {
    match value {
        Value::Number(n) => {
            let nanos = (n.as_f64()? * 1e9) as i128;
            OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
        }
        Value::String(s) => {
            OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
        }
        _ => None,
    }
}

async fn repository_endpoint(
    session: &Session<'_>,
    args: &LoginArgs,
    format: &str,
) -> Result<String, Error> {
    let mut params = Map::new();
    params.insert("domain".into(), args.domain.clone().into());
    params.insert("repository".into(), args.repository.clone().into());
    params.insert("format".into(), format.into());
    if let Some(kind) = &args.endpoint_type {
        params.insert("endpointType".into(), kind.clone().into());
    }
    if let Some(owner) = &args.domain_owner {
        params.insert("domainOwner".into(), owner.clone().into());
    }
    let answer =
        invoke::call_named(session, "codeartifact", "GetRepositoryEndpoint", params).await?;
    answer
        .get("repositoryEndpoint")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| Error::InvalidJsonResponse("no repositoryEndpoint".into()))
}

/// "Successfully configured ..." and "Login expires in 12 hours at ...".
fn success(
    tool: &str,
    endpoint: &str,
    expiration: OffsetDateTime,
    printer: &mut Printer,
) -> Result<(), Error> {
    // 30 seconds more, so that 11:59:31 left reads as 12 hours.
    let left = (expiration - OffsetDateTime::now_utc()).whole_seconds() + 30;
    let shown = expiration.to_offset(time::UtcOffset::UTC);
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]+00:00");
    printer.out_line(&format!(
        "Successfully configured {tool} to use AWS CodeArtifact repository {endpoint} "
    ))?;
    printer.out_line(&format!(
        "Login expires in {} at {}",
        relative(left),
        shown.format(&format).unwrap_or_default()
    ))?;
    Ok(())
}

/// The CLI's relative time: the largest non-zero unit, and the next one when it is non-zero
/// too ("1 hour and 30 minutes"). Logins last 12 hours at most, so days are the largest.
fn relative(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let units = [
        ("day", seconds / 86_400),
        ("hour", seconds % 86_400 / 3_600),
        ("minute", seconds % 3_600 / 60),
    ];
    let mut words = Vec::new();
    let mut previous = false;
    for (unit, value) in units {
        if value > 0 {
            if previous {
                words.push("and".to_string());
            }
            words.push(value.to_string());
            words.push(if value == 1 {
                unit.to_string()
            } else {
                format!("{unit}s")
            });
        }
        if previous {
            break;
        }
        previous = value > 0;
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times_read_as_the_clis() {
        assert_eq!(relative(12 * 3600 + 1), "12 hours");
        assert_eq!(relative(3600 + 1800), "1 hour and 30 minutes");
        assert_eq!(relative(86_400 + 300), "1 day");
        assert_eq!(relative(60), "1 minute");
    }
}
