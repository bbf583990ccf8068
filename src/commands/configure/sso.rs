//! `awsctl configure sso [--profile NAME] [--use-device-code] [--no-browser]`: the CLI's
//! wizard for an IAM Identity Center profile. Asks for the SSO session (an existing
//! `[sso-session]`, a new one with its start URL, region and scopes, or none for the legacy
//! form), signs in, lists the accounts and roles the user may use (asking which when there are
//! several: a numbered list here, where the CLI draws a menu), asks for the profile's region,
//! output format and name, and writes the profile and session sections with the
//! comment-preserving editor.

use std::collections::HashMap;
use std::io::BufRead;

use serde_json::{Map, Value, json};

use super::Files;
use super::sso_session::{Ask, SessionAnswers, ask_session_settings, write_session};
use crate::commands::Outcome;
use crate::config::SharedConfig;
use crate::config::edit::{Change, profile_to_section};
use crate::driver::invoke;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::settings::Settings;
use crate::sso::sign_in::{self, Options};
use crate::sso::{SsoSession, api, parse_scopes};

pub async fn run(
    files: &Files,
    settings: &Settings,
    options: Options,
    printer: &mut Printer,
    input: impl BufRead,
) -> Result<Outcome, Error> {
    let shared = files.load()?;
    let profile_config = files
        .profile
        .as_deref()
        .map(|p| shared.scoped(p))
        .unwrap_or_default();
    let mut ask = Ask { printer, input };
    let wizard = ask_session(&shared, &profile_config, &mut ask)?;
    let mut profile_values = wizard.profile_values;
    let chosen = sign_in_and_choose(settings, &wizard.target, &options, &mut ask).await?;
    if let Some((account, role)) = &chosen {
        profile_values.push(("sso_account_id", account.clone()));
        profile_values.push(("sso_role_name", role.clone()));
    }
    ask_client_settings(&profile_config, &mut ask, &mut profile_values)?;
    let profile = match &files.profile {
        Some(p) => p.clone(),
        None => {
            let default = chosen.as_ref().map(|(a, r)| format!("{r}-{a}"));
            ask.bracketed("Profile name", default.as_deref(), true)?
                .unwrap_or_default()
        }
    };
    let changes: Vec<Change> = profile_values
        .iter()
        .map(|(k, v)| Change::set(*k, v))
        .collect();
    files.edit_config(&profile_to_section(&profile), &changes)?;
    if let (Some(name), Some(answers)) = (&wizard.session_name, &wizard.new_session) {
        write_session(files, name, answers)?;
    }
    ask.printer
        .out()
        .write_all(conclusion(chosen.is_some(), &profile).as_bytes())?;
    Ok(Outcome::Done(0))
}

/// The session part of the wizard's answers.
struct SessionChoice {
    /// The `[sso-session]` the profile names; `None` for the legacy form.
    session_name: Option<String>,
    /// Where to sign in.
    target: SsoSession,
    /// The settings of a session that does not exist yet (written with the profile).
    new_session: Option<SessionAnswers>,
    /// (key, value) pairs for the profile section so far, in the order the CLI writes them.
    profile_values: Vec<(&'static str, String)>,
}

/// The SSO session: an existing `[sso-session]`, a new one (its settings asked for), or none
/// (the legacy form, with the start URL and region in the profile).
fn ask_session<R: BufRead>(
    shared: &SharedConfig,
    profile_config: &HashMap<String, String>,
    ask: &mut Ask<'_, R>,
) -> Result<SessionChoice, Error> {
    let configured_session = profile_config.get("sso_session").map(String::as_str);
    let prompt = match configured_session {
        Some(name) => format!("SSO session name [{name}]: "),
        None => "SSO session name (Recommended): ".to_string(),
    };
    let Some(name) = ask.value(&prompt, configured_session, false)? else {
        return legacy_session(profile_config, ask);
    };
    let (target, new_session) = match shared.sso_session(&name) {
        Some(_) => (
            crate::sso::login_session(shared, &HashMap::new(), Some(&name))?,
            None,
        ),
        None => {
            let answers = ask_session_settings(ask, &defaults(profile_config))?;
            let target = SsoSession {
                name: Some(name.clone()),
                start_url: answers.start_url.clone(),
                region: answers.region.clone(),
                scopes: answers
                    .scopes
                    .as_deref()
                    .map(parse_scopes)
                    .unwrap_or_default(),
            };
            (target, Some(answers))
        }
    };
    Ok(SessionChoice {
        session_name: Some(name.clone()),
        target,
        new_session,
        profile_values: vec![("sso_session", name)],
    })
}

/// The legacy form: the start URL and region asked for and kept in the profile itself.
fn legacy_session<R: BufRead>(
    profile_config: &HashMap<String, String>,
    ask: &mut Ask<'_, R>,
) -> Result<SessionChoice, Error> {
    ask.printer.out().write_all(
        b"WARNING: Configuring using legacy format (e.g. without an SSO session).\nConsider re-running \"configure sso\" command and providing a session name.\n",
    )?;
    let current = defaults(profile_config);
    let get = |k: &str| current.get(k).map(String::as_str);
    let start_url = ask
        .bracketed("SSO start URL", get("sso_start_url"), true)?
        .unwrap_or_default();
    let region = ask
        .bracketed("SSO region", get("sso_region"), true)?
        .unwrap_or_default();
    Ok(SessionChoice {
        session_name: None,
        target: SsoSession {
            name: None,
            start_url: start_url.clone(),
            region: region.clone(),
            scopes: Vec::new(),
        },
        new_session: None,
        profile_values: vec![("sso_start_url", start_url), ("sso_region", region)],
    })
}

/// Signs in, then the account and role (`None` when the portal does not let the user list
/// them: the profile is then written without them).
async fn sign_in_and_choose<R: BufRead>(
    settings: &Settings,
    target: &SsoSession,
    options: &Options,
    ask: &mut Ask<'_, R>,
) -> Result<Option<(String, String)>, Error> {
    let token = sign_in::sign_in(settings, target, options, ask.printer).await?;
    let access_token = token.access_token.clone().unwrap_or_default();
    let client_settings = api::client_settings(settings, &target.region);
    let client = Session::new(&client_settings);
    match choose_account_and_role(&client, &access_token, ask).await {
        Ok(chosen) => Ok(Some(chosen)),
        Err(e) if api::error_code(&e) == Some("UnauthorizedException") => {
            ask.printer.out().write_all(b"Unable to list AWS accounts and/or roles. Skipping configuring AWS credential provider for profile.\n")?;
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The profile's default region and output format (Enter keeps the current ones).
fn ask_client_settings<R: BufRead>(
    profile_config: &HashMap<String, String>,
    ask: &mut Ask<'_, R>,
    profile_values: &mut Vec<(&'static str, String)>,
) -> Result<(), Error> {
    let get = |k: &str| profile_config.get(k).map(String::as_str);
    if let Some(region) = ask.bracketed("Default client Region", get("region"), false)? {
        profile_values.push(("region", region));
    }
    if let Some(output) = ask.bracketed(
        "CLI default output format (json if not specified)",
        get("output"),
        false,
    )? {
        profile_values.push(("output", output));
    }
    Ok(())
}

/// The closing words: how to use the profile, or only that it was written when no account
/// and role could be chosen.
fn conclusion(chosen: bool, profile: &str) -> String {
    match (chosen, profile.eq_ignore_ascii_case("default")) {
        (true, true) => "awsctl is now configured to use the default profile.\nRun the following command to verify your configuration:\n\nawsctl sts get-caller-identity\n".to_string(),
        (true, false) => format!("To use this profile, specify the profile name using --profile, as shown:\n\nawsctl sts get-caller-identity --profile {profile}\n"),
        (false, _) => format!("Successfully configured SSO for profile: {profile}\n"),
    }
}
/// The start URL and region the profile already names, offered for a new session.
fn defaults(profile: &HashMap<String, String>) -> HashMap<String, String> {
    ["sso_start_url", "sso_region"]
        .iter()
        .filter_map(|k| Some((k.to_string(), profile.get(*k)?.clone())))
        .collect()
}

async fn choose_account_and_role<R: BufRead>(
    client: &Session<'_>,
    access_token: &str,
    ask: &mut Ask<'_, R>,
) -> Result<(String, String), Error> {
    let mut accounts = all_pages(
        client,
        "ListAccounts",
        json!({"accessToken": access_token}),
        "accountList",
    )
    .await?;
    if accounts.is_empty() {
        return Err(Error::General(
            "No AWS accounts are available to you.".into(),
        ));
    }
    let account = if accounts.len() == 1 {
        let id = text(&accounts[0], "accountId");
        ask.printer
            .out()
            .write_all(format!("The only AWS account available to you is: {id}\n").as_bytes())?;
        id
    } else {
        ask.printer.out().write_all(
            format!(
                "There are {} AWS accounts available to you.\n",
                accounts.len()
            )
            .as_bytes(),
        )?;
        accounts.sort_by_key(account_sort_key);
        let shown: Vec<String> = accounts.iter().map(display_account).collect();
        text(&accounts[select(ask, &shown)?], "accountId")
    };
    ask.printer
        .out()
        .write_all(format!("Using the account ID {account}\n").as_bytes())?;
    let roles = all_pages(
        client,
        "ListAccountRoles",
        json!({"accessToken": access_token, "accountId": account}),
        "roleList",
    )
    .await?;
    let mut names: Vec<String> = roles.iter().map(|r| text(r, "roleName")).collect();
    if names.is_empty() {
        return Err(Error::General(format!(
            "No roles are available for the account {account}"
        )));
    }
    let role = if names.len() == 1 {
        ask.printer
            .out()
            .write_all(format!("The only role available to you is: {}\n", names[0]).as_bytes())?;
        names.remove(0)
    } else {
        ask.printer
            .out()
            .write_all(format!("There are {} roles available to you.\n", names.len()).as_bytes())?;
        names.sort_by_key(|n| n.to_lowercase());
        names[select(ask, &names)?].clone()
    };
    ask.printer
        .out()
        .write_all(format!("Using the role name \"{role}\"\n").as_bytes())?;
    Ok((account, role))
}

/// Every page of a portal listing (`nextToken`), the items of `member` in order.
async fn all_pages(
    client: &Session<'_>,
    operation: &str,
    request: Value,
    member: &str,
) -> Result<Vec<Value>, Error> {
    let mut items = Vec::new();
    let mut params: Map<String, Value> = request.as_object().cloned().unwrap_or_default();
    loop {
        let page = invoke::call_named(client, "sso", operation, params.clone()).await?;
        items.extend(page[member].as_array().cloned().unwrap_or_default());
        match page["nextToken"].as_str().filter(|t| !t.is_empty()) {
            Some(next) => {
                params.insert("nextToken".into(), json!(next));
            }
            None => return Ok(items),
        }
    }
}

fn text(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().to_string()
}

/// The CLI's account line: name, e-mail and id, with what is missing left out.
fn display_account(account: &Value) -> String {
    let (name, email, id) = (
        account["accountName"].as_str(),
        account["emailAddress"].as_str(),
        text(account, "accountId"),
    );
    match (name, email) {
        (None, None) => id,
        (Some(n), None) => format!("{n} ({id})"),
        (None, Some(e)) => format!("{e} ({id})"),
        (Some(n), Some(e)) => format!("{n}, {e} ({id})"),
    }
}

/// Named accounts first, by name (else e-mail, else id), case-insensitively.
fn account_sort_key(account: &Value) -> (bool, String) {
    let only_id = account["accountName"].is_null() && account["emailAddress"].is_null();
    let key = ["accountName", "emailAddress", "accountId"]
        .iter()
        .find_map(|k| account[*k].as_str())
        .unwrap_or_default()
        .to_lowercase();
    (only_id, key)
}

/// A numbered list and the number chosen (1 by default).
fn select<R: BufRead>(ask: &mut Ask<'_, R>, options: &[String]) -> Result<usize, Error> {
    for (i, option) in options.iter().enumerate() {
        ask.printer
            .out()
            .write_all(format!("  {}) {option}\n", i + 1).as_bytes())?;
    }
    loop {
        let answer = ask
            .value("Select one [1]: ", Some("1"), true)?
            .unwrap_or_default();
        if let Ok(n) = answer.parse::<usize>()
            && (1..=options.len()).contains(&n)
        {
            return Ok(n - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_are_shown_and_sorted_as_the_cli_shows_them() {
        let a = json!({"accountId": "1", "accountName": "Zeta", "emailAddress": "z@x"});
        let b = json!({"accountId": "2", "emailAddress": "alpha@x"});
        let c = json!({"accountId": "0"});
        assert_eq!(display_account(&a), "Zeta, z@x (1)");
        assert_eq!(display_account(&b), "alpha@x (2)");
        assert_eq!(display_account(&c), "0");
        let mut all = vec![c.clone(), a.clone(), b.clone()];
        all.sort_by_key(account_sort_key);
        assert_eq!(all, [b, a, c]);
    }
}
