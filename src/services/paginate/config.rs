//! One operation's paginator, read from the service's `paginators-1.json`: its input and
//! output tokens, the `more_results` flag, the limit key, the result keys and the keys kept
//! from the first page. Output tokens, result keys and the rest are JMESPath expressions
//! (`NextMarker || Contents[-1].Key`), compiled once here.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::expr::Expr;
use super::token_blobs::TokenShapes;
use crate::model::{ModelError, ServiceModel, ShapeType};

/// A paginator configuration that does not read as botocore's format.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[error("the paginator of {operation} cannot be read: {detail}")]
pub struct ConfigError {
    pub operation: String,
    pub detail: String,
}

/// One entry of `paginators-1.json`, every one-or-many key as a list, as botocore holds it.
#[derive(Debug, Clone)]
pub struct PaginatorConfig {
    /// Input members that carry the tokens, in the model's order.
    pub input_token: Vec<String>,
    /// Where each token comes from in a response, paired with `input_token` by position.
    pub output_token: Vec<Expr>,
    /// A flag whose falsy value means "no more pages", whatever the tokens say.
    pub more_results: Option<Expr>,
    /// The input member that limits a page's size (`--page-size` sets it).
    pub limit_key: Option<String>,
    /// The limit key's shape is a string (Route 53's `MaxItems`), so the page size is sent
    /// as text; otherwise as an integer.
    pub limit_key_is_string: bool,
    /// What the pages are made of; the first is the primary one `--max-items` counts.
    pub result_key: Vec<Expr>,
    /// Keys kept from the first page only (S3's `Name`, `Prefix`, ...).
    pub non_aggregate_keys: Vec<Expr>,
    /// The input tokens' shapes, for binary values inside tokens (read from a model only).
    pub token_shapes: Option<TokenShapes>,
}

/// The raw form: strings or lists of strings.
#[derive(Deserialize)]
struct Raw {
    input_token: OneOrMany,
    output_token: OneOrMany,
    more_results: Option<String>,
    limit_key: Option<String>,
    result_key: Option<OneOrMany>,
    #[serde(default)]
    non_aggregate_keys: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

impl PaginatorConfig {
    /// The entry for `operation` in `pagination` (the JSON text of a service's
    /// `paginators-1.json` `pagination` object); `None` when the operation has none. Only
    /// that one entry is parsed: the others are skipped over as raw text.
    pub fn from_pagination_text(
        pagination: &str,
        operation: &str,
    ) -> Result<Option<PaginatorConfig>, ConfigError> {
        let bad = |detail: String| ConfigError {
            operation: operation.to_string(),
            detail,
        };
        let all: HashMap<&str, &RawValue> =
            serde_json::from_str(pagination).map_err(|e| bad(e.to_string()))?;
        let Some(entry) = all.get(operation) else {
            return Ok(None);
        };
        Self::from_entry(operation, entry.get()).map(Some)
    }

    /// The operation's paginator from a loaded model, with the limit key's type looked up in
    /// the operation's input shape; `None` when the service or the operation has none.
    pub fn for_operation(
        model: &'static ServiceModel,
        operation: &str,
    ) -> Result<Option<PaginatorConfig>, ModelError> {
        let Some(text) = model.paginators else {
            return Ok(None);
        };
        let parsed =
            Self::from_pagination_text(text, operation).map_err(|e| ModelError::Malformed {
                service: model.name.clone(),
                detail: e.to_string(),
            })?;
        let Some(mut config) = parsed else {
            return Ok(None);
        };
        let input = match model.operation(operation)?.and_then(|op| op.input.as_ref()) {
            Some(r) => model.shape(&r.shape)?,
            None => return Ok(Some(config)),
        };
        if let Some(key) = &config.limit_key
            && let Some(member) = input.members.get(key)
        {
            config.limit_key_is_string = model.shape(&member.shape)?.kind == ShapeType::String;
        }
        let members = config
            .input_token
            .iter()
            .filter_map(|t| Some((t.clone(), input.members.get(t)?.shape.clone())))
            .collect();
        config.token_shapes = Some(TokenShapes { model, members });
        Ok(Some(config))
    }

    /// One entry's JSON text.
    pub fn from_entry(operation: &str, entry: &str) -> Result<PaginatorConfig, ConfigError> {
        let bad = |detail: String| ConfigError {
            operation: operation.to_string(),
            detail,
        };
        let raw: Raw = serde_json::from_str(entry).map_err(|e| bad(e.to_string()))?;
        let compile_all = |exprs: Vec<String>| -> Result<Vec<Expr>, ConfigError> {
            exprs
                .iter()
                .map(|e| Expr::compile(e).map_err(&bad))
                .collect()
        };
        let result_key = compile_all(raw.result_key.map(OneOrMany::into_vec).unwrap_or_default())?;
        if result_key.is_empty() {
            return Err(bad("no result_key".into()));
        }
        Ok(PaginatorConfig {
            input_token: raw.input_token.into_vec(),
            output_token: compile_all(raw.output_token.into_vec())?,
            more_results: raw
                .more_results
                .as_deref()
                .map(Expr::compile)
                .transpose()
                .map_err(&bad)?,
            limit_key: raw.limit_key,
            limit_key_is_string: false,
            result_key,
            non_aggregate_keys: compile_all(raw.non_aggregate_keys)?,
            token_shapes: None,
        })
    }

    /// The members the CLI treats as paging by hand: the input tokens, then the limit key.
    pub fn manual_members(&self) -> impl Iterator<Item = &str> {
        self.input_token
            .iter()
            .chain(self.limit_key.iter())
            .map(String::as_str)
    }

    /// The primary result key, the one `--max-items` counts and `--starting-token` skips into.
    pub fn primary_result_key(&self) -> &Expr {
        &self.result_key[0]
    }

    /// The page size as botocore sends it: `str()` for a string limit key, else `int()`.
    pub(crate) fn page_size_value(&self, size: &Value) -> Result<Value, crate::error::Error> {
        let text = match size {
            Value::String(s) => s.clone(),
            other => crate::output::python_str(other).into_owned(),
        };
        if self.limit_key_is_string {
            return Ok(Value::String(text));
        }
        match size {
            Value::Number(n) if n.is_i64() || n.is_u64() => Ok(size.clone()),
            _ => super::parse_int(&text).map(Value::from),
        }
    }
}
