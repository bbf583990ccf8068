//! The global options' part of every help page, from the one definition of them (the clap
//! types in `cli/mod.rs`), so the pages cannot drift from what is accepted.

use std::fmt::Write as _;

use clap::CommandFactory;

use super::text::wrap;
use crate::cli::Cli;

struct Global {
    name: String,
    takes_value: bool,
    choices: Vec<String>,
    help: String,
}

fn all() -> Vec<Global> {
    Cli::command()
        .get_arguments()
        .filter(|a| !a.is_hide_set())
        .filter_map(|a| {
            let name = a.get_long()?;
            if name == "help" {
                return None;
            }
            Some(Global {
                name: format!("--{name}"),
                takes_value: a.get_action().takes_values(),
                choices: a
                    .get_possible_values()
                    .iter()
                    .map(|v| v.get_name().to_string())
                    .collect(),
                help: sentence(a.get_help().map(|h| h.to_string()).unwrap_or_default()),
            })
        })
        .collect()
}

/// clap drops the full stop of a one-line doc comment; a page wants it back.
fn sentence(mut text: String) -> String {
    if !text.is_empty() && !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}

/// `[--debug]`, `[--region <value>]`, ...
pub fn synopsis() -> Vec<String> {
    all()
        .into_iter()
        .filter(|g| g.name != "--version")
        .map(|g| match g.takes_value {
            true => format!("[{} <value>]", g.name),
            false => format!("[{}]", g.name),
        })
        .collect()
}

/// The GLOBAL OPTIONS section.
pub fn options(width: usize) -> String {
    let mut out = String::new();
    for g in all() {
        let kind = if g.takes_value { "string" } else { "boolean" };
        let _ = writeln!(out, "       {} ({kind})", g.name);
        out.push_str(&wrap(&g.help, 10, 10, width));
        if !g.choices.is_empty() {
            out.push_str("\n          Possible values:\n\n");
            for c in &g.choices {
                let _ = writeln!(out, "          o {c}\n");
            }
            out.pop();
        }
        out.push('\n');
    }
    out
}
