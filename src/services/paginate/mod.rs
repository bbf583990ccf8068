//! botocore's paginators (`botocore/paginate.py`) with the CLI's paging options
//! (`awscli/customizations/paginate.py`): follow the output token until the service has no
//! more, join the result list of every page, stop early at `--max-items` with a resume token,
//! pick up again from `--starting-token`, ask for `--page-size` items per request, and with
//! `--no-paginate` (or a hand-written `--next-token`/`--max-results`) fetch one page as is.

mod token;

use std::future::Future;

use serde_json::{Map, Value};

use crate::error::Error;

/// One operation's entry in the model's `paginators-1.json` (one input and output token and
/// one result key, which covers the services awsctl pages through).
#[derive(Debug)]
pub struct Paginator {
    pub input_token: &'static str,
    pub output_token: &'static str,
    pub limit_key: &'static str,
    pub result_key: &'static str,
}

/// The CLI's paging options, as the user gave them.
#[derive(Debug, Default, Clone)]
pub struct PagingOptions {
    pub starting_token: Option<String>,
    pub page_size: Option<i64>,
    pub max_items: Option<i64>,
    /// False with `--no-paginate`.
    pub paginate: bool,
}

/// What a paginated operation produced.
#[derive(Debug)]
pub enum Paginated {
    /// Paging was off: the one response as the service sent it (with its own `NextToken`).
    Response(Value),
    Pages(Pages),
}

/// Every page fetched, with its result list trimmed by `--starting-token` and `--max-items`
/// as botocore's page iterator yields it, and the token to resume from, if cut short.
#[derive(Debug)]
pub struct Pages {
    pub result_key: &'static str,
    pub pages: Vec<Value>,
    pub resume_token: Option<String>,
}

impl Pages {
    /// `build_full_result`: the pages' lists joined, then `NextToken` when cut short.
    pub fn full_result(&self) -> Value {
        let mut out = Map::new();
        let mut joined: Option<Vec<Value>> = None;
        for page in &self.pages {
            if let Some(Value::Array(items)) = page.get(self.result_key) {
                joined
                    .get_or_insert_with(Vec::new)
                    .extend(items.iter().cloned());
            }
        }
        if let Some(joined) = joined {
            out.insert(self.result_key.to_string(), Value::Array(joined));
        }
        if let Some(t) = &self.resume_token {
            out.insert("NextToken".to_string(), Value::String(t.clone()));
        }
        Value::Object(out)
    }

    /// The documents the CLI's text format prints (`TextFormatter`): one per page, then the
    /// resume token as `{"NextToken": {"NextToken": token}}`, each filtered by `--query`.
    pub fn per_page(&self) -> Vec<Value> {
        let mut documents: Vec<Value> = self
            .pages
            .iter()
            .map(|page| {
                let data = page.get(self.result_key).cloned().unwrap_or(Value::Null);
                Value::Object(Map::from_iter([(self.result_key.to_string(), data)]))
            })
            .collect();
        if let Some(t) = &self.resume_token {
            documents.push(serde_json::json!({ "NextToken": { "NextToken": t } }));
        }
        documents
    }
}

impl Paginated {
    /// What the JSON, table and YAML formats print.
    pub fn into_value(self) -> Value {
        match self {
            Paginated::Response(value) => value,
            Paginated::Pages(pages) => pages.full_result(),
        }
    }
}

/// Runs `fetch` (one request: input in, decoded response out) as many times as paging needs.
pub async fn paginate<F, Fut>(
    paginator: &Paginator,
    mut input: Map<String, Value>,
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
    let mut resume = match &options.starting_token {
        Some(text) => token::decode(text, paginator.input_token)?,
        None => token::Resume {
            token: None,
            skip: 0,
        },
    };
    if let Some(size) = options.page_size {
        input.insert(paginator.limit_key.to_string(), Value::from(size));
    }
    let mut pages = Vec::new();
    let mut resume_token = None;
    let mut total: i64 = 0;
    let mut previous: Option<Value> = None;
    let mut first = true;
    loop {
        match &resume.token {
            Some(t) => input.insert(paginator.input_token.to_string(), t.clone()),
            None => input.remove(paginator.input_token),
        };
        let page = fetch(Value::Object(input.clone())).await?;
        let mut items = match page.get(paginator.result_key) {
            Some(Value::Array(items)) => Some(items.clone()),
            _ => None,
        };
        // Only the first page of a resumed run skips the items already shown.
        let skipped = if first && options.starting_token.is_some() {
            if let Some(items) = &mut items {
                items.drain(..python_index(resume.skip, items.len()));
            }
            resume.skip
        } else {
            0
        };
        first = false;
        let count = items.as_ref().map_or(0, Vec::len) as i64;
        if let Some(max) = options.max_items
            && total + count - max > 0
        {
            let keep = count - (total + count - max);
            if let Some(items) = &mut items {
                items.truncate(python_index(keep, items.len()));
            }
            pages.push(with_items(page, paginator.result_key, items));
            resume_token = Some(token::encode(
                paginator.input_token,
                resume.token.as_ref(),
                Some(keep + skipped),
            ));
            break;
        }
        let next = page
            .get(paginator.output_token)
            .filter(|t| truthy(t))
            .cloned();
        pages.push(with_items(page, paginator.result_key, items));
        total += count;
        let Some(next) = next else {
            break;
        };
        if options.max_items == Some(total) {
            resume_token = Some(token::encode(paginator.input_token, Some(&next), None));
            break;
        }
        if previous.as_ref() == Some(&next) {
            return Err(Error::Pagination(format!(
                "The same next token was received twice: {{'{}': {}}}",
                paginator.input_token,
                python_repr(&next)
            )));
        }
        previous = Some(next.clone());
        resume.token = token::is_token(&next).then_some(next);
    }
    Ok(Paginated::Pages(Pages {
        result_key: paginator.result_key,
        pages,
        resume_token,
    }))
}

/// The page as botocore yields it: its result list replaced by the trimmed one.
fn with_items(mut page: Value, result_key: &str, items: Option<Vec<Value>>) -> Value {
    if let (Some(items), Some(object)) = (items, page.as_object_mut()) {
        object.insert(result_key.to_string(), Value::Array(items));
    }
    page
}

/// `ensure_paging_params_not_set`: paging options make no sense without paging.
fn refuse_paging_options(options: &PagingOptions) -> Result<(), Error> {
    let used: Vec<&str> = [
        ("--starting-token", options.starting_token.is_some()),
        // Python truthiness: a page size or max items of 0 counts as not given.
        ("--page-size", options.page_size.is_some_and(|n| n != 0)),
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

/// Where Python's `list[:i]` / `list[i:]` cut: negative counts from the end, clamped.
fn python_index(i: i64, len: usize) -> usize {
    let len = len as i64;
    let i = if i < 0 { (len + i).max(0) } else { i.min(len) };
    i as usize
}

/// Python truthiness of a token: None, "", 0, [] and {} mean "no more pages".
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

fn python_repr(value: &Value) -> String {
    match value {
        Value::String(s) => format!("'{s}'"),
        other => other.to_string(),
    }
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
