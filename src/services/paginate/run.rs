//! The page loop of botocore's `PageIterator`: send the first request with the starting
//! token and page size in, follow the output tokens until they run out (or `more_results`
//! says so), skip into the first page when resuming, stop at `--max-items` (inside a page if
//! need be) with a resume token, and refuse a token received twice.

use std::future::Future;

use serde_json::{Map, Value};

use super::config::PaginatorConfig;
use super::expr::Expr;
use super::expr::{python_len, python_slice, set_value};
use super::pages::{Pages, Paginated};
use super::token::{self, Resume, is_token};
use super::{PagingOptions, parse_int};
use crate::error::Error;
use crate::output::{python_truthy, python_value_repr};

/// One operation call: `--no-paginate` sends the parameters once and hands back the response
/// as the service sent it; otherwise every page is fetched and kept for the formatters.
/// `send` makes one request from the parameters and returns the parsed response.
pub async fn run_paged<F, Fut>(
    config: &PaginatorConfig,
    options: &PagingOptions,
    params: Map<String, Value>,
    send: F,
) -> Result<Paginated, Error>
where
    F: FnMut(Map<String, Value>) -> Fut,
    Fut: Future<Output = Result<Value, Error>>,
{
    let mut send = send;
    if !options.paginate {
        return Ok(Paginated::Response(send(params).await?));
    }
    run_pages(config, options, params, send)
        .await
        .map(Paginated::Pages)
}

/// Every page, as `PageIterator.__iter__` yields them.
pub async fn run_pages<F, Fut>(
    config: &PaginatorConfig,
    options: &PagingOptions,
    mut params: Map<String, Value>,
    mut send: F,
) -> Result<Pages, Error>
where
    F: FnMut(Map<String, Value>) -> Fut,
    Fut: Future<Output = Result<Value, Error>>,
{
    // `Paginator._extract_paging_params` comes first: its errors win over a bad token.
    let max_items = options.max_items;
    let page_size = page_size_param(config, options)?;
    let resume = options
        .starting_token
        .as_deref()
        .map(|t| token::decode(t, &config.input_token))
        .transpose()?;
    // The token the current request was sent with: what a cut inside its page resumes from.
    let mut next_token = first_token(config, resume.as_ref());
    if let Some(r) = &resume {
        inject(&mut params, &r.tokens);
    }
    if let Some((key, size)) = page_size {
        params.insert(key, size);
    }

    let primary = config.primary_result_key();
    let mut pages = Pages::new(config.result_key.clone());
    let mut previous: Option<Map<String, Value>> = None;
    let mut total: i64 = 0;
    let mut first = true;
    loop {
        let mut page = send(params.clone()).await?;
        let mut starting_truncation = 0;
        if first {
            if let Some(Resume { skip, .. }) = &resume {
                starting_truncation = *skip;
                skip_into_first_page(config, &mut page, *skip);
            }
            first = false;
            pages.non_aggregate = non_aggregate_part(config, &page);
        }
        let count = python_len(&primary.search(&page));
        let truncate_amount = max_items.map_or(0, |max| total + count - max);
        if truncate_amount > 0 {
            let keep = count - truncate_amount;
            truncate_page(primary, &mut page, keep);
            pages.resume_token = Some(resume_token(
                config,
                next_token,
                Some(keep + starting_truncation),
            )?);
            pages.pages.push(page);
            break;
        }
        total += count;
        next_token = next_tokens(config, &page);
        pages.pages.push(page);
        if next_token.values().all(Value::is_null) {
            break;
        }
        if max_items == Some(total) {
            // On a page boundary: the service's own token is where to resume.
            pages.resume_token = Some(resume_token(config, next_token, None)?);
            break;
        }
        if previous.as_ref() == Some(&next_token) {
            return Err(Error::Pagination(format!(
                "The same next token was received twice: {}",
                python_value_repr(&Value::Object(next_token))
            )));
        }
        inject(&mut params, &next_token);
        previous = Some(next_token.clone());
    }
    Ok(pages)
}

/// The limit key and its value for `--page-size`; refused when the operation has no limit key.
fn page_size_param(
    config: &PaginatorConfig,
    options: &PagingOptions,
) -> Result<Option<(String, Value)>, Error> {
    let Some(size) = &options.page_size else {
        return Ok(None);
    };
    let Some(key) = &config.limit_key else {
        return Err(Error::Pagination(
            "PageSize parameter is not supported for the pagination interface for \
             this operation."
                .into(),
        ));
    };
    Ok(Some((key.clone(), config.page_size_value(size)?)))
}

/// The token the first request goes with: the starting token's, or none (every input token
/// null).
fn first_token(config: &PaginatorConfig, resume: Option<&Resume>) -> Map<String, Value> {
    match resume {
        Some(r) => r.tokens.clone(),
        None => config
            .input_token
            .iter()
            .map(|k| (k.clone(), Value::Null))
            .collect(),
    }
}

/// The page's primary result cut to its first `keep` items (`--max-items` reached mid-page).
fn truncate_page(primary: &Expr, page: &mut Value, keep: i64) {
    let original = match primary.search(page) {
        Value::Null => Value::Array(Vec::new()),
        found => found,
    };
    if let (Some(object), Some(kept)) = (
        page.as_object_mut(),
        python_slice(&original, None, Some(keep)),
    ) {
        set_value(object, primary.text(), kept);
    }
}

/// `_inject_token_into_kwargs`: a token is sent unless it is None or "None", which removes
/// the member instead. Every key of a decoded starting token is sent, as botocore does.
fn inject(params: &mut Map<String, Value>, tokens: &Map<String, Value>) {
    for (name, value) in tokens {
        if is_token(value) {
            params.insert(name.clone(), value.clone());
        } else {
            params.shift_remove(name);
        }
    }
}

/// `_get_next_token`: each output token searched in the page, falsy ones as None; nothing
/// at all when `more_results` is falsy.
fn next_tokens(config: &PaginatorConfig, page: &Value) -> Map<String, Value> {
    if let Some(more) = &config.more_results
        && !python_truthy(&more.search(page))
    {
        return Map::new();
    }
    config
        .output_token
        .iter()
        .zip(&config.input_token)
        .map(|(output, input)| {
            let found = output.search(page);
            let token = if python_truthy(&found) {
                found
            } else {
                Value::Null
            };
            (input.clone(), token)
        })
        .collect()
}

/// `_handle_first_request`: drop the items already shown from the primary result key, and
/// empty the other result keys (numbers stay: DynamoDB's `Count` still says what the
/// service evaluated).
fn skip_into_first_page(config: &PaginatorConfig, page: &mut Value, skip: i64) {
    let Some(object) = page.as_object_mut() else {
        return;
    };
    let primary = config.primary_result_key();
    let found = primary.search(&Value::Object(object.clone()));
    let data = python_slice(&found, Some(skip), None).unwrap_or(Value::Null);
    set_value(object, primary.text(), data);
    for key in &config.result_key[1..] {
        let sample = key.search(&Value::Object(object.clone()));
        let empty = match sample {
            Value::Array(_) => Value::Array(Vec::new()),
            Value::String(_) => Value::String(String::new()),
            Value::Number(_) | Value::Bool(_) => sample,
            _ => Value::Null,
        };
        set_value(object, key.text(), empty);
    }
}

/// `_record_non_aggregate_key_values`: every non-aggregate key of the first page, `null`
/// when the page has none.
fn non_aggregate_part(config: &PaginatorConfig, page: &Value) -> Map<String, Value> {
    let mut part = Map::new();
    for key in &config.non_aggregate_keys {
        set_value(&mut part, key.text(), key.search(page));
    }
    part
}

/// The `resume_token` setter: the token's keys must be the input tokens (and the truncate
/// amount), or botocore refuses it as a bad starting token.
fn resume_token(
    config: &PaginatorConfig,
    mut tokens: Map<String, Value>,
    truncate_amount: Option<i64>,
) -> Result<String, Error> {
    let mut want: Vec<&str> = config.input_token.iter().map(String::as_str).collect();
    if truncate_amount.is_some() {
        want.push("boto_truncate_amount");
        tokens.shift_remove("boto_truncate_amount");
    }
    let mut have: Vec<&str> = tokens.keys().map(String::as_str).collect();
    if truncate_amount.is_some() {
        have.push("boto_truncate_amount");
    }
    want.sort_unstable();
    have.sort_unstable();
    if want != have {
        let mut shown = tokens.clone();
        if let Some(n) = truncate_amount {
            shown.insert("boto_truncate_amount".into(), Value::from(n));
        }
        return Err(Error::BadStartingToken(python_value_repr(&Value::Object(
            shown,
        ))));
    }
    let blobs = config
        .token_shapes
        .as_ref()
        .map(|shapes| shapes.blob_paths(&tokens))
        .unwrap_or_default();
    Ok(token::encode_with_blobs(&tokens, truncate_amount, blobs))
}

/// `--max-items` as botocore reads it: `int(value)`.
pub fn max_items_value(value: &Value) -> Result<i64, Error> {
    match value {
        Value::Number(n) if n.is_i64() => Ok(n.as_i64().expect("checked")),
        Value::Number(n) => Ok(n.as_f64().unwrap_or(0.0).trunc() as i64),
        Value::String(s) => parse_int(s),
        other => parse_int(&crate::output::python_str(other)),
    }
}
