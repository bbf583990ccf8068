//! What `codeartifact login` does for each tool, as the CLI does it: pip and npm are told by
//! their own `config set` commands (which write pip.conf and .npmrc), twine's `~/.pypirc` is
//! written directly. `--dry-run` prints the commands or the file instead.

use std::path::Path;
use std::process::Command;

use super::pypirc::Pypirc;
use crate::error::Error;
use crate::printer::Printer;

/// The pieces of a login.
pub struct Login<'a> {
    pub token: &'a str,
    pub endpoint: &'a str,
    pub namespace: Option<&'a str>,
}

/// `pip config set global.index-url https://aws:TOKEN@HOST/PATH/simple/`.
pub fn pip_commands(login: &Login<'_>) -> Result<Vec<Vec<String>>, Error> {
    let url = reqwest::Url::parse(login.endpoint)
        .map_err(|e| Error::General(format!("Invalid repository endpoint: {e}")))?;
    let netloc = netloc(&url);
    let index = format!(
        "{}://aws:{}@{netloc}{}simple/",
        url.scheme(),
        login.token,
        url.path()
    );
    Ok(vec![strings(&[
        "pip",
        "config",
        "set",
        "global.index-url",
        &index,
    ])])
}

/// `npm config set [SCOPE:]registry URL`, then `always-auth` and `_authToken` for the URL.
pub fn npm_commands(login: &Login<'_>) -> Result<Vec<Vec<String>>, Error> {
    let scope = login.namespace.map(npm_scope).transpose()?;
    let registry = match &scope {
        Some(scope) => format!("{scope}:registry"),
        None => "registry".to_string(),
    };
    let url = reqwest::Url::parse(login.endpoint)
        .map_err(|e| Error::General(format!("Invalid repository endpoint: {e}")))?;
    let prefix = format!("//{}{}", netloc(&url), url.path());
    Ok(vec![
        strings(&["npm", "config", "set", &registry, login.endpoint]),
        strings(&[
            "npm",
            "config",
            "set",
            &format!("{prefix}:always-auth"),
            "true",
        ]),
        strings(&[
            "npm",
            "config",
            "set",
            &format!("{prefix}:_authToken"),
            login.token,
        ]),
    ])
}

/// `swift package-registry set URL [--scope S]`, then `swift package-registry login URLlogin`
/// (the token goes to `~/.netrc`, see [`netrc`]).
pub fn swift_commands(login: &Login<'_>) -> Result<Vec<Vec<String>>, Error> {
    let mut set = strings(&["swift", "package-registry", "set", login.endpoint]);
    if let Some(scope) = login.namespace {
        let valid = scope.len() <= 39
            && scope.starts_with(|c: char| c.is_ascii_alphanumeric())
            && !scope.ends_with('-')
            && !scope.contains("--")
            && scope.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid {
            return Err(Error::General(
                "Invalid scope name, scope must contain URL-safe characters, no leading dots or underscores and no more than 39 characters".into(),
            ));
        }
        set.extend(["--scope".to_string(), scope.to_string()]);
    }
    let login_url = format!("{}login", login.endpoint);
    Ok(vec![
        set,
        strings(&["swift", "package-registry", "login", &login_url]),
    ])
}

/// The `~/.netrc` line swift reads the token from.
pub fn netrc_entry(login: &Login<'_>) -> Result<String, Error> {
    let url = reqwest::Url::parse(login.endpoint)
        .map_err(|e| Error::General(format!("Invalid repository endpoint: {e}")))?;
    Ok(format!(
        "machine {} login token password {}",
        url.host_str().unwrap_or_default(),
        login.token
    ))
}

/// `~/.netrc` with the host's password replaced by the token, or the entry appended.
pub fn netrc(existing: Option<&str>, login: &Login<'_>) -> Result<String, Error> {
    let entry = netrc_entry(login)?;
    let Some(contents) = existing else {
        return Ok(format!("{entry}\n"));
    };
    let host = reqwest::Url::parse(login.endpoint)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    // `machine HOST login ANY password OLD`: OLD becomes the token, wherever it appears.
    let pattern = format!(
        r"(\bmachine\s+{}\s+login\s+\S+\s+password\s+)(\S+)",
        regex_lite::escape(&host)
    );
    let re = regex_lite::Regex::new(&pattern).map_err(|e| Error::General(e.to_string()))?;
    let updated = re.replace_all(contents, |c: &regex_lite::Captures<'_>| {
        format!("{}{}", &c[1], login.token)
    });
    if updated != contents {
        return Ok(updated.into_owned());
    }
    Ok(match contents.ends_with('\n') {
        true => format!("{contents}{entry}\n"),
        false => format!("{contents}\n{entry}\n"),
    })
}

/// `@scope` from `scope` or `@scope`, checked as the CLI checks it.
fn npm_scope(namespace: &str) -> Result<String, Error> {
    let scope = match namespace.starts_with('@') {
        true => namespace.to_string(),
        false => format!("@{namespace}"),
    };
    let first = scope[1..].chars().next();
    let valid =
        first.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-~".contains(c));
    if !valid {
        return Err(Error::General(
            "Invalid scope name, scope must contain URL-safe characters, no leading dots or underscores".into(),
        ));
    }
    Ok(scope)
}

/// The host and port as the URL has them (`urlsplit(...).netloc`).
fn netloc(url: &reqwest::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

/// Each command and a blank line, as `--dry-run` shows them.
pub fn print_commands(commands: &[Vec<String>], printer: &mut Printer) -> Result<(), Error> {
    for command in commands {
        printer.out_line(&command.join(" "))?;
        printer.out_line("")?;
    }
    Ok(())
}

/// Runs each command, its output captured; npm's `always-auth` may fail (npm 9 dropped it).
pub fn run_commands(tool: &str, commands: &[Vec<String>], token: &str) -> Result<(), Error> {
    for command in commands {
        let ignore_errors = tool == "npm" && command.iter().any(|a| a.contains("always-auth"));
        let output = match Command::new(&command[0]).args(&command[1..]).output() {
            Ok(output) => output,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::General(format!(
                    "{tool} was not found. Please verify installation."
                )));
            }
            Err(e) => return Err(Error::General(e.to_string())),
        };
        if output.status.success() || ignore_errors {
            continue;
        }
        let code = output.status.code().unwrap_or(-1);
        let listed = command
            .iter()
            .map(|w| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let message = format!("Command '[{listed}]' returned non-zero exit status {code}.")
            .replace(token, "******");
        let stderr = String::from_utf8_lossy(&output.stderr).replace(token, "******");
        return Err(Error::General(format!(
            "{message} Stderr from command:\n{stderr}"
        )));
    }
    Ok(())
}

/// `~/.pypirc` with the `codeartifact` server added or updated (the CLI's default file when
/// there is none).
pub fn pypirc(path: &Path, login: &Login<'_>) -> Result<String, Error> {
    let mut rc = match std::fs::read_to_string(path) {
        Ok(text) => {
            let invalid = || Error::General(format!("{} is in an invalid state.", path.display()));
            let mut rc = Pypirc::parse(&text).map_err(|_| invalid())?;
            let servers = rc.get("distutils", "index-servers").ok_or_else(invalid)?;
            let mut list: Vec<&str> = servers
                .split('\n')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            if !list.contains(&"codeartifact") {
                list.push("codeartifact");
                let joined = format!("\n{}", list.join("\n"));
                rc.set("distutils", "index-servers", &joined);
            }
            rc
        }
        Err(_) => {
            let mut rc = Pypirc::default();
            rc.set("distutils", "index-servers", "\npypi\ncodeartifact");
            rc
        }
    };
    rc.set("codeartifact", "repository", login.endpoint);
    rc.set("codeartifact", "username", "aws");
    rc.set("codeartifact", "password", login.token);
    Ok(rc.write())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login() -> Login<'static> {
        Login {
            token: "TOK",
            endpoint: "https://d-111.d.codeartifact.us-west-2.amazonaws.com/pypi/repo/",
            namespace: None,
        }
    }

    #[test]
    fn pip_gets_the_index_url_with_the_token() {
        assert_eq!(
            pip_commands(&login()).unwrap()[0].join(" "),
            "pip config set global.index-url https://aws:TOK@d-111.d.codeartifact.us-west-2.amazonaws.com/pypi/repo/simple/"
        );
    }

    #[test]
    fn npm_gets_a_scoped_registry_and_its_token() {
        let mut l = login();
        l.namespace = Some("team");
        let commands = npm_commands(&l).unwrap();
        assert_eq!(commands[0][3], "@team:registry");
        assert_eq!(
            commands[2][3],
            "//d-111.d.codeartifact.us-west-2.amazonaws.com/pypi/repo/:_authToken"
        );
        l.namespace = Some("_bad");
        assert!(npm_commands(&l).is_err());
    }

    #[test]
    fn netrc_entries_are_replaced_or_appended() {
        let entry =
            "machine d-111.d.codeartifact.us-west-2.amazonaws.com login token password TOK\n";
        assert_eq!(netrc(None, &login()).unwrap(), entry);
        assert_eq!(
            netrc(Some("machine other login a password b"), &login()).unwrap(),
            format!("machine other login a password b\n{entry}")
        );
        assert_eq!(
            netrc(Some("machine  d-111.d.codeartifact.us-west-2.amazonaws.com\n  login x password old # k\n"), &login()).unwrap(),
            "machine  d-111.d.codeartifact.us-west-2.amazonaws.com\n  login x password TOK # k\n"
        );
    }

    #[test]
    fn a_new_pypirc_is_the_clis_default() {
        let text = pypirc(Path::new("/nonexistent/.pypirc"), &login()).unwrap();
        assert_eq!(
            text,
            "[distutils]\nindex-servers = \n\tpypi\n\tcodeartifact\n\n[codeartifact]\nrepository = https://d-111.d.codeartifact.us-west-2.amazonaws.com/pypi/repo/\nusername = aws\npassword = TOK\n\n"
        );
    }
}
