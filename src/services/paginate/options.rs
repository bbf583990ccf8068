//! The AWS CLI v2's paging decisions for a paginated operation
//! (`awscli/customizations/paginate.py`): paging is off with `--no-paginate`, or when the
//! command line sets one of the service's own token or limit members (paging by hand), or
//! when the parameters carry one (from `--cli-input-json`); `--starting-token`,
//! `--page-size` and `--max-items` are then refused, or, where the operation has a member of
//! that name (Route 53's `MaxItems`), given back to it.

use serde_json::{Map, Value};

use super::PagingOptions;
use super::config::PaginatorConfig;
use super::run::max_items_value;
use crate::driver::names::xform_name;
use crate::error::Error;
use crate::model::Shape;
use crate::output::python_truthy;

/// The paging arguments as the driver parsed them.
#[derive(Debug, Default, Clone)]
pub struct PagingArgs {
    pub starting_token: Option<String>,
    /// Typed as the limit key: an integer, or text when the limit key is a string.
    pub page_size: Option<Value>,
    pub max_items: Option<Value>,
    /// The global `--no-paginate`.
    pub no_paginate: bool,
    /// Input members (API names) given on the command line itself, before
    /// `--cli-input-json`/`--cli-input-yaml` filled in the rest.
    pub command_line_members: Vec<String>,
}

/// The paging arguments the CLI adds, by name.
const PAGING_ARGUMENTS: [&str; 3] = ["starting-token", "page-size", "max-items"];

/// The arguments a paginated operation gets: `--starting-token`, `--page-size` only with a
/// limit key, and `--max-items`.
pub fn paging_arguments(config: &PaginatorConfig) -> Vec<&'static str> {
    PAGING_ARGUMENTS
        .into_iter()
        .filter(|name| *name != "page-size" || config.limit_key.is_some())
        .collect()
}

impl PagingOptions {
    /// Decides whether to page and with what. `params` are the call's parameters (after
    /// `--cli-input-json`); when paging is off a shadowed member gets its value back there,
    /// and paging options that are still given go in as `PaginationConfig`, which the
    /// parameter validation then refuses as an unknown parameter, as botocore does.
    pub fn from_args(
        config: &PaginatorConfig,
        input: Option<&Shape>,
        args: &PagingArgs,
        params: &mut Map<String, Value>,
    ) -> Result<PagingOptions, Error> {
        // Members whose own argument the paging argument of the same name replaced.
        let shadowed: Vec<(&str, &str)> = input
            .into_iter()
            .flat_map(|shape| shape.members.keys())
            .filter_map(|member| {
                let cli = xform_name(member);
                PAGING_ARGUMENTS
                    .iter()
                    .find(|name| **name == cli)
                    .map(|name| (*name, member.as_str()))
            })
            .filter(|(name, _)| *name != "page-size" || config.limit_key.is_some())
            .collect();
        let is_shadowed = |name: &str| shadowed.iter().any(|(n, _)| *n == name);

        // check_should_enable_pagination: a token or limit member given by hand turns paging
        // off, except members spelled like the CLI's own arguments (`--max-items`, and
        // `--start-token` by the CLI's list).
        let mut paginate = !args.no_paginate;
        for member in config.manual_members() {
            let cli = xform_name(member);
            if cli == "start-token" || cli == "max-items" {
                continue;
            }
            if args.command_line_members.iter().any(|m| m == member) {
                paginate = false;
            }
        }
        let given: [(&str, Option<Value>); 3] = [
            (
                "starting-token",
                args.starting_token.clone().map(Value::from),
            ),
            ("page-size", args.page_size.clone()),
            ("max-items", args.max_items.clone()),
        ];
        let mut remaining: Vec<(&str, Value)> = Vec::new();
        if !paginate {
            // ensure_paging_params_not_set: Python truthiness, shadowed arguments exempt.
            let used: Vec<String> = given
                .iter()
                .filter(|(name, value)| {
                    !is_shadowed(name) && value.as_ref().is_some_and(python_truthy)
                })
                .map(|(name, _)| format!("--{name}"))
                .collect();
            if !used.is_empty() {
                return Err(Error::ParamValidation {
                    message: format!(
                        "Cannot specify --no-paginate along with pagination arguments: {}",
                        used.join(", ")
                    ),
                    usage: false,
                });
            }
            // The operation's own argument is put back and takes the value.
            for (name, value) in given {
                let Some(value) = value else { continue };
                match shadowed.iter().find(|(n, _)| *n == name) {
                    Some((_, member)) => {
                        params.insert(member.to_string(), value);
                    }
                    None => remaining.push((name, value)),
                }
            }
        } else {
            remaining = given
                .into_iter()
                .filter_map(|(name, value)| value.map(|v| (name, v)))
                .collect();
        }
        // check_should_enable_pagination_call_parameters: a token or limit member among the
        // parameters (from --cli-input-json too) turns paging off, silently.
        if config.manual_members().any(|m| params.contains_key(m)) {
            paginate = false;
        }
        if !paginate {
            if !remaining.is_empty() {
                let stray: Map<String, Value> = remaining
                    .into_iter()
                    .map(|(name, value)| (config_key(name).to_string(), value))
                    .collect();
                params.insert("PaginationConfig".into(), Value::Object(stray));
            }
            return Ok(PagingOptions {
                paginate: false,
                ..PagingOptions::default()
            });
        }
        let value_of = |name: &str| {
            remaining
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        };
        Ok(PagingOptions {
            starting_token: value_of("starting-token").map(|v| match v {
                Value::String(s) => s,
                other => other.to_string(),
            }),
            page_size: value_of("page-size"),
            max_items: value_of("max-items")
                .as_ref()
                .map(max_items_value)
                .transpose()?,
            paginate: true,
        })
    }
}

/// The key of botocore's `PaginationConfig` each paging argument fills.
fn config_key(argument: &str) -> &'static str {
    match argument {
        "starting-token" => "StartingToken",
        "page-size" => "PageSize",
        _ => "MaxItems",
    }
}
