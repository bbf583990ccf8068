//! `awsctl configure list`: the profile, keys and region in use, each with where it came
//! from, in v2's (2.31 and later) layout. The credentials are found by running the chain, so
//! the source shown is the one every other command would use.

use super::mask;
use crate::commands::Outcome;
use crate::credentials::CredentialsError;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::services::session::RegionSource;
use crate::settings::Origin;

struct Row {
    value: String,
    kind: String,
    location: String,
}

impl Row {
    fn new(value: impl Into<String>, kind: impl Into<String>, location: impl Into<String>) -> Row {
        Row {
            value: value.into(),
            kind: kind.into(),
            location: location.into(),
        }
    }

    fn not_set() -> Row {
        Row::new("<not set>", "None", "None")
    }
}

fn line(name: &str, row: &Row) -> String {
    format!(
        "{name:<10} : {:<24} : {:<16} : {}",
        row.value, row.kind, row.location
    )
}

/// A list of variable names as Python prints it, which is how the CLI shows them.
fn python_list(names: &[&str]) -> String {
    format!(
        "[{}]",
        names
            .iter()
            .map(|n| format!("'{n}'"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

pub async fn run(session: &Session<'_>, printer: &mut Printer) -> Result<Outcome, Error> {
    let settings = session.settings;
    let profile = if settings.profile_from_cli {
        Row::new(&settings.profile, "manual", "--profile")
    } else if settings
        .env
        .get("AWS_PROFILE")
        .or(settings.env.get("AWS_DEFAULT_PROFILE"))
        .is_some()
    {
        Row::new(
            &settings.profile,
            "env",
            python_list(&["AWS_PROFILE", "AWS_DEFAULT_PROFILE"]),
        )
    } else {
        Row::not_set()
    };
    let (access_key, secret_key) = match session.credentials().await {
        Ok(Some(c)) => (
            Row::new(mask(&c.access_key_id), c.source.name(), ""),
            Row::new(mask(c.secret_access_key.expose()), c.source.name(), ""),
        ),
        Ok(None) | Err(Error::Credentials(CredentialsError::NotFound)) => {
            (Row::not_set(), Row::not_set())
        }
        Err(e) => return Err(e),
    };
    let region = match session.region_with_source().await? {
        None => Row::not_set(),
        Some((value, RegionSource::Imds)) => Row::new(value, "imds", ""),
        Some((value, RegionSource::Settings)) => match settings.region.as_ref().map(|r| r.origin) {
            Some(Origin::CommandLine) => Row::new(value, "manual", "--region"),
            Some(Origin::Environment(_)) => Row::new(
                value,
                "env",
                python_list(&["AWS_REGION", "AWS_DEFAULT_REGION"]),
            ),
            _ => Row::new(
                value,
                "config-file",
                settings
                    .env
                    .get("AWS_CONFIG_FILE")
                    .unwrap_or("~/.aws/config"),
            ),
        },
    };
    printer.out_line(&line("NAME", &Row::new("VALUE", "TYPE", "LOCATION")))?;
    for (name, row) in [
        ("profile", &profile),
        ("access_key", &access_key),
        ("secret_key", &secret_key),
        ("region", &region),
    ] {
        printer.out_line(&line(name, row))?;
    }
    Ok(Outcome::Done(0))
}
