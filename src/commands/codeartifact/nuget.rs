//! `codeartifact login --tool nuget|dotnet`: the repository's `v3/index.json` added as a NuGet
//! source (or updated, when a source already has its URL or the default name `DOMAIN/REPO`),
//! through the tool's own commands, as the CLI does. The tool is asked for its sources first,
//! even for `--dry-run`.

use std::process::Command;

use super::tools::{self, Login};
use crate::error::Error;
use crate::printer::Printer;

pub struct NuGet<'a> {
    /// `nuget` or `dotnet`.
    pub tool: &'a str,
    pub domain: &'a str,
    pub repository: &'a str,
}

/// What login did, for the CLI's message.
pub enum Configured {
    Added(String),
    Updated(String),
    DryRun,
}

impl NuGet<'_> {
    fn list_command(&self) -> Vec<&'static str> {
        match self.tool {
            "dotnet" => vec!["dotnet", "nuget", "list", "source", "--format", "detailed"],
            _ => vec!["nuget", "sources", "list", "-format", "detailed"],
        }
    }

    fn configure_command(&self, add: bool, url: &str, name: &str, token: &str) -> Vec<String> {
        let operation = if add { "add" } else { "update" };
        match self.tool {
            "dotnet" => {
                let mut c = vec!["dotnet", "nuget", operation, "source"];
                match add {
                    true => c.extend([url, "--name", name]),
                    false => c.extend([name, "--source", url]),
                }
                c.extend(["--username", "aws", "--password", token]);
                // Encryption is only there on Windows.
                c.push("--store-password-in-clear-text");
                c.into_iter().map(String::from).collect()
            }
            _ => [
                "nuget",
                "sources",
                operation,
                "-name",
                name,
                "-source",
                url,
                "-username",
                "aws",
                "-password",
                token,
            ]
            .into_iter()
            .map(String::from)
            .collect(),
        }
    }

    pub fn login(
        &self,
        login: &Login<'_>,
        dry_run: bool,
        printer: &mut Printer,
    ) -> Result<Configured, Error> {
        let list = self.list_command();
        let output = match Command::new(list[0]).args(&list[1..]).output() {
            Ok(output) => output,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::General(format!(
                    "{} was not found. Please verify installation.",
                    self.tool
                )));
            }
            Err(e) => return Err(Error::General(e.to_string())),
        };
        if !output.status.success() {
            let listed = list.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>();
            return Err(Error::General(format!(
                "Command '[{}]' returned non-zero exit status {}.",
                listed.join(", "),
                output.status.code().unwrap_or(-1)
            )));
        }
        let sources = parse_sources(&String::from_utf8_lossy(&output.stdout));
        let url = format!("{}v3/index.json", login.endpoint);
        let default = format!("{}/{}", self.domain, self.repository);
        let existing = sources
            .iter()
            .find(|(_, u)| *u == url)
            .or_else(|| sources.iter().find(|(n, _)| *n == default))
            .map(|(n, _)| n.clone());
        let (name, add) = match existing {
            Some(name) => (name, false),
            None => (default, true),
        };
        let command = self.configure_command(add, &url, &name, login.token);
        if dry_run {
            printer.out_line(&command.join(" "))?;
            return Ok(Configured::DryRun);
        }
        if let Err(e) = tools::run_commands(self.tool, &[command], login.token) {
            printer.out_line("Failed to update the NuGet.Config")?;
            return Err(e);
        }
        Ok(match add {
            true => Configured::Added(name),
            false => Configured::Updated(name),
        })
    }
}

/// `N. NAME [Enabled]` lines and the URL on the line after each, from a detailed listing.
fn parse_sources(listing: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = listing
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((number, rest)) = line.split_once(". ") else {
            continue;
        };
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(open) = rest.rfind(" [").filter(|_| rest.ends_with(']')) else {
            continue;
        };
        if let Some(url) = lines.get(i + 1) {
            out.push((rest[..open].trim().to_string(), url.to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_read_from_a_detailed_listing() {
        let listing = "Registered Sources:\n\n  1.  nuget.org [Enabled]\n      https://api.nuget.org/v3/index.json\n  2.  dom/repo [Disabled]\n      https://x/nuget/repo/v3/index.json\n";
        assert_eq!(
            parse_sources(listing),
            vec![
                (
                    "nuget.org".into(),
                    "https://api.nuget.org/v3/index.json".into()
                ),
                (
                    "dom/repo".into(),
                    "https://x/nuget/repo/v3/index.json".into()
                ),
            ]
        );
    }
}
