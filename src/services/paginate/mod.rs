//! botocore's paginators (`botocore/paginate.py`) with the CLI's paging options
//! (`awscli/customizations/paginate.py`), driven by the model's `paginators-1.json`: follow
//! the output tokens until the service has no more, join the result keys of every page,
//! stop early at `--max-items` with a resume token, pick up again from `--starting-token`,
//! ask for `--page-size` items per request, and with `--no-paginate` (or a hand-written
//! token or limit member) fetch one page as is. See docs/paging.md.

mod config;
mod expr;
mod options;
mod pages;
mod run;
mod token;
mod token_blobs;

use std::future::Future;

use serde_json::{Map, Value};

use crate::error::Error;

pub use config::{ConfigError, PaginatorConfig};
pub use expr::Expr;
pub use options::{PagingArgs, paging_arguments};
pub use pages::{Pages, Paginated};
pub use run::{run_paged, run_pages};

/// A hand-written command's paginator: one input and output token and one result key.
#[derive(Debug)]
pub struct Paginator {
    pub input_token: &'static str,
    pub output_token: &'static str,
    pub limit_key: &'static str,
    pub result_key: &'static str,
}

impl Paginator {
    /// The same paginator as the model-driven engine reads it.
    pub fn config(&self) -> PaginatorConfig {
        let entry = serde_json::json!({
            "input_token": self.input_token,
            "output_token": self.output_token,
            "limit_key": self.limit_key,
            "result_key": self.result_key,
        });
        PaginatorConfig::from_entry("", &entry.to_string()).expect("plain member names compile")
    }
}

/// The CLI's paging options, as the user gave them.
#[derive(Debug, Default, Clone)]
pub struct PagingOptions {
    pub starting_token: Option<String>,
    /// An integer, or text for a limit key that is a string.
    pub page_size: Option<Value>,
    pub max_items: Option<i64>,
    /// False with `--no-paginate`.
    pub paginate: bool,
}

/// Runs `fetch` (one request: input in, decoded response out) as many times as paging needs,
/// for the hand-written commands.
pub async fn paginate<F, Fut>(
    paginator: &Paginator,
    input: Map<String, Value>,
    options: &PagingOptions,
    mut fetch: F,
) -> Result<Paginated, Error>
where
    F: FnMut(Value) -> Fut,
    Fut: Future<Output = Result<Value, Error>>,
{
    // A hand-written token or limit means the user pages by hand: the CLI then turns
    // pagination off (check_should_enable_pagination).
    let manual =
        input.contains_key(paginator.input_token) || input.contains_key(paginator.limit_key);
    if manual || !options.paginate {
        refuse_paging_options(options)?;
        return Ok(Paginated::Response(fetch(Value::Object(input)).await?));
    }
    run_pages(&paginator.config(), options, input, |params| {
        fetch(Value::Object(params))
    })
    .await
    .map(Paginated::Pages)
}

/// `ensure_paging_params_not_set` as the hand-written commands report it (botocore's
/// PaginationError, exit 255, as AWS CLI v1 does; the model-driven commands use v2's 252).
fn refuse_paging_options(options: &PagingOptions) -> Result<(), Error> {
    let used: Vec<&str> = [
        ("--starting-token", options.starting_token.is_some()),
        // Python truthiness: a page size or max items of 0 counts as not given.
        (
            "--page-size",
            options
                .page_size
                .as_ref()
                .is_some_and(crate::output::python_truthy),
        ),
        ("--max-items", options.max_items.is_some_and(|n| n != 0)),
    ]
    .iter()
    .filter(|(_, given)| *given)
    .map(|(name, _)| *name)
    .collect();
    if used.is_empty() {
        return Ok(());
    }
    Err(Error::Pagination(format!(
        "Cannot specify --no-paginate along with pagination arguments: {}",
        used.join(", ")
    )))
}

/// Parses an integer option as the CLI does (`int(value)`), with Python's message.
pub fn parse_int(text: &str) -> Result<i64, Error> {
    text.trim()
        .replace('_', "")
        .parse()
        .map_err(|_| Error::Conversion(format!("invalid literal for int() with base 10: '{text}'")))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod run_tests;

#[cfg(test)]
mod model_tests;

/// For the loops that page by hand (s3 ls and rm, IAM markers): botocore's refusal of a token
/// it was given before, which would otherwise fetch the same page forever.
pub fn refuse_repeated_token(
    previous: Option<&str>,
    next: Option<&str>,
    name: &str,
) -> Result<(), Error> {
    match (previous, next) {
        (Some(p), Some(n)) if p == n => Err(Error::Pagination(format!(
            "The same next token was received twice: {{'{name}': '{n}'}}"
        ))),
        _ => Ok(()),
    }
}
