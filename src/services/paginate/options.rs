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
pub(super) const PAGING_ARGUMENTS: [&str; 3] = ["starting-token", "page-size", "max-items"];

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
        let shadowed = shadowed_members(config, input);
        let mut paginate = !args.no_paginate && !manual_member_given(config, args);
        let given: [(&str, Option<Value>); 3] = [
            (
                "starting-token",
                args.starting_token.clone().map(Value::from),
            ),
            ("page-size", args.page_size.clone()),
            ("max-items", args.max_items.clone()),
        ];
        let remaining = if paginate {
            given
                .into_iter()
                .filter_map(|(name, value)| value.map(|v| (name, v)))
                .collect()
        } else {
            not_paginated(given, &shadowed, params)?
        };
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

/// Members whose own argument the paging argument of the same name replaced, as (paging
/// argument, member).
fn shadowed_members<'s>(
    config: &PaginatorConfig,
    input: Option<&'s Shape>,
) -> Vec<(&'static str, &'s str)> {
    input
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
        .collect()
}

/// check_should_enable_pagination: a token or limit member given by hand turns paging off,
/// except members spelled `--max-items` (and `--start-token`, by the CLI's own list). A member
/// the paging argument shadows counts as given when that argument is (a `PageSize` limit key
/// with `--page-size`, omics' `startingToken` with `--starting-token`): paging goes off and
/// the member gets the value, as in v2.
fn manual_member_given(config: &PaginatorConfig, args: &PagingArgs) -> bool {
    config.manual_members().any(|member| {
        let cli = xform_name(member);
        match cli.as_str() {
            "start-token" | "max-items" => false,
            "starting-token" => args.starting_token.is_some(),
            "page-size" if config.limit_key.is_some() => args.page_size.is_some(),
            _ => args.command_line_members.iter().any(|m| m == member),
        }
    })
}

/// Paging is off: paging arguments given with `--no-paginate` are refused
/// (ensure_paging_params_not_set: Python truthiness, shadowed arguments exempt), a shadowed
/// member is put back and takes its argument's value; the other arguments given are left.
fn not_paginated<'n>(
    given: [(&'n str, Option<Value>); 3],
    shadowed: &[(&str, &str)],
    params: &mut Map<String, Value>,
) -> Result<Vec<(&'n str, Value)>, Error> {
    let is_shadowed = |name: &str| shadowed.iter().any(|(n, _)| *n == name);
    let used: Vec<String> = given
        .iter()
        .filter(|(name, value)| !is_shadowed(name) && value.as_ref().is_some_and(python_truthy))
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
    let mut remaining = Vec::new();
    for (name, value) in given {
        let Some(value) = value else { continue };
        match shadowed.iter().find(|(n, _)| *n == name) {
            Some((_, member)) => {
                params.insert(member.to_string(), value);
            }
            None => remaining.push((name, value)),
        }
    }
    Ok(remaining)
}

impl PagingOptions {
    /// The CLI's EC2 page-size injector: `ec2 describe-volumes` and `describe-snapshots`,
    /// paged with no `--page-size` and no parameters but a few, ask for 1000 items a page.
    pub fn add_ec2_default_page_size(
        &mut self,
        service: &str,
        operation: &str,
        params: &Map<String, Value>,
    ) {
        let extra: &[&str] = match (service, operation) {
            ("ec2", "DescribeVolumes") => &[],
            ("ec2", "DescribeSnapshots") => &["OwnerIds", "RestorableByUserIds"],
            _ => return,
        };
        if !self.paginate || self.page_size.is_some() {
            return;
        }
        let allowed = |key: &str| extra.contains(&key) || ["NextToken", "DryRun"].contains(&key);
        if params.keys().all(|k| allowed(k)) {
            self.page_size = Some(Value::from(1000));
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config(entry: Value) -> PaginatorConfig {
        PaginatorConfig::from_entry("Op", &entry.to_string()).unwrap()
    }

    fn list() -> PaginatorConfig {
        config(
            json!({"input_token": "NextToken", "output_token": "NextToken",
                      "limit_key": "MaxResults", "result_key": "Items"}),
        )
    }

    fn shape(members: &[&str]) -> Shape {
        let members: Map<String, Value> = members
            .iter()
            .map(|m| (m.to_string(), json!({"shape": "S"})))
            .collect();
        serde_json::from_value(json!({"type": "structure", "members": members})).unwrap()
    }

    fn decide(
        config: &PaginatorConfig,
        input: &Shape,
        args: &PagingArgs,
        params: &mut Map<String, Value>,
    ) -> Result<PagingOptions, Error> {
        PagingOptions::from_args(config, Some(input), args, params)
    }

    #[test]
    fn paging_options_pass_through_when_paging() {
        let input = shape(&["NextToken", "MaxResults", "Filter"]);
        let args = PagingArgs {
            starting_token: Some("tok".into()),
            page_size: Some(json!(5)),
            max_items: Some(json!("7")),
            ..PagingArgs::default()
        };
        let mut params = Map::from_iter([("Filter".to_string(), json!("x"))]);
        let o = decide(&list(), &input, &args, &mut params).unwrap();
        assert!(o.paginate);
        assert_eq!(o.starting_token.as_deref(), Some("tok"));
        assert_eq!(o.page_size, Some(json!(5)));
        assert_eq!(o.max_items, Some(7));
        assert_eq!(Value::Object(params), json!({"Filter": "x"}));
    }

    #[test]
    fn no_paginate_with_paging_arguments_is_a_usage_error() {
        let input = shape(&["NextToken", "MaxResults"]);
        let args = PagingArgs {
            starting_token: Some("tok".into()),
            page_size: Some(json!(2)),
            max_items: Some(json!(3)),
            no_paginate: true,
            ..PagingArgs::default()
        };
        let e = decide(&list(), &input, &args, &mut Map::new()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Cannot specify --no-paginate along with pagination arguments: --starting-token, --page-size, --max-items"
        );
        assert_eq!(e.exit_code(), 252);
        // Falsy values (0, "") are not "given" to the check; they still reach botocore as a
        // PaginationConfig, which its validation refuses.
        let args = PagingArgs {
            max_items: Some(json!(0)),
            no_paginate: true,
            ..PagingArgs::default()
        };
        let mut params = Map::new();
        let o = decide(&list(), &input, &args, &mut params).unwrap();
        assert!(!o.paginate);
        assert_eq!(
            Value::Object(params),
            json!({"PaginationConfig": {"MaxItems": 0}})
        );
    }

    #[test]
    fn a_token_member_on_the_command_line_pages_by_hand() {
        let input = shape(&["NextToken", "MaxResults"]);
        let mut params = Map::from_iter([("MaxResults".to_string(), json!(3))]);
        let args = PagingArgs {
            command_line_members: vec!["MaxResults".into()],
            ..PagingArgs::default()
        };
        let o = decide(&list(), &input, &args, &mut params).unwrap();
        assert!(!o.paginate);
        assert_eq!(Value::Object(params.clone()), json!({"MaxResults": 3}));
        let args = PagingArgs {
            max_items: Some(json!(4)),
            command_line_members: vec!["MaxResults".into()],
            ..PagingArgs::default()
        };
        let e = decide(&list(), &input, &args, &mut params).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Cannot specify --no-paginate along with pagination arguments: --max-items"
        );
    }

    #[test]
    fn a_token_from_cli_input_json_turns_paging_off_without_the_check() {
        let input = shape(&["NextToken", "MaxResults"]);
        let mut params = Map::from_iter([("NextToken".to_string(), json!("t"))]);
        let args = PagingArgs {
            max_items: Some(json!(2)),
            ..PagingArgs::default()
        };
        let o = decide(&list(), &input, &args, &mut params).unwrap();
        assert!(!o.paginate);
        assert_eq!(
            Value::Object(params),
            json!({"NextToken": "t", "PaginationConfig": {"MaxItems": 2}})
        );
    }

    #[test]
    fn a_shadowed_member_gets_its_value_back_without_paging() {
        // Route 53: the limit key is `MaxItems`, whose `--max-items` the CLI's replaces.
        let route53 = config(
            json!({"input_token": "Marker", "output_token": "NextMarker",
            "more_results": "IsTruncated", "limit_key": "MaxItems", "result_key": "HostedZones"}),
        );
        let input = shape(&["Marker", "MaxItems"]);
        let args = PagingArgs {
            max_items: Some(json!("5")),
            no_paginate: true,
            ..PagingArgs::default()
        };
        let mut params = Map::new();
        let o = decide(&route53, &input, &args, &mut params).unwrap();
        assert!(!o.paginate);
        assert_eq!(Value::Object(params), json!({"MaxItems": "5"}));
        // With paging on, --max-items is the CLI's own.
        let args = PagingArgs {
            max_items: Some(json!("5")),
            ..PagingArgs::default()
        };
        let mut params = Map::new();
        let o = decide(&route53, &input, &args, &mut params).unwrap();
        assert!(o.paginate);
        assert_eq!(o.max_items, Some(5));
        assert!(params.is_empty());
    }

    #[test]
    fn a_start_token_member_skips_the_check_but_still_stops_paging() {
        let c = config(
            json!({"input_token": "StartToken", "output_token": "NextToken",
                              "result_key": "Items"}),
        );
        let input = shape(&["StartToken"]);
        let mut params = Map::from_iter([("StartToken".to_string(), json!("s"))]);
        let args = PagingArgs {
            max_items: Some(json!(1)),
            command_line_members: vec!["StartToken".into()],
            ..PagingArgs::default()
        };
        let o = decide(&c, &input, &args, &mut params).unwrap();
        assert!(!o.paginate);
        assert_eq!(params["PaginationConfig"], json!({"MaxItems": 1}));
    }

    #[test]
    fn a_paging_argument_that_shadows_a_token_or_limit_member_pages_by_hand() {
        // A `PageSize` limit key: --page-size is the member's value, sent once.
        let c = config(
            json!({"input_token": "NextToken", "output_token": "NextToken",
                              "limit_key": "PageSize", "result_key": "Items"}),
        );
        let input = shape(&["NextToken", "PageSize"]);
        let args = PagingArgs {
            page_size: Some(json!(5)),
            ..PagingArgs::default()
        };
        let mut params = Map::new();
        let o = decide(&c, &input, &args, &mut params).unwrap();
        assert!(!o.paginate);
        assert_eq!(Value::Object(params), json!({"PageSize": 5}));
        // ... and the other paging arguments are refused then.
        let args = PagingArgs {
            page_size: Some(json!(5)),
            max_items: Some(json!(2)),
            ..PagingArgs::default()
        };
        let e = decide(&c, &input, &args, &mut Map::new()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Cannot specify --no-paginate along with pagination arguments: --max-items"
        );
        // omics: the input token `startingToken` is what --starting-token fills.
        let c = config(
            json!({"input_token": "startingToken", "output_token": "nextToken",
                              "limit_key": "maxResults", "result_key": "items"}),
        );
        let input = shape(&["startingToken", "maxResults"]);
        let args = PagingArgs {
            starting_token: Some("raw-service-token".into()),
            ..PagingArgs::default()
        };
        let mut params = Map::new();
        let o = decide(&c, &input, &args, &mut params).unwrap();
        assert!(!o.paginate);
        assert_eq!(
            Value::Object(params),
            json!({"startingToken": "raw-service-token"})
        );
    }

    #[test]
    fn ec2_volumes_and_snapshots_ask_for_1000_a_page() {
        let paged = PagingOptions {
            paginate: true,
            ..PagingOptions::default()
        };
        let mut o = paged.clone();
        o.add_ec2_default_page_size("ec2", "DescribeVolumes", &Map::new());
        assert_eq!(o.page_size, Some(json!(1000)));
        let owners = Map::from_iter([("OwnerIds".to_string(), json!(["self"]))]);
        let mut o = paged.clone();
        o.add_ec2_default_page_size("ec2", "DescribeSnapshots", &owners);
        assert_eq!(o.page_size, Some(json!(1000)));
        // Any other parameter, a page size given, paging off or another operation: no.
        let mut o = paged.clone();
        o.add_ec2_default_page_size("ec2", "DescribeVolumes", &owners);
        assert_eq!(o.page_size, None);
        let mut o = paged.clone();
        o.page_size = Some(json!(5));
        o.add_ec2_default_page_size("ec2", "DescribeVolumes", &Map::new());
        assert_eq!(o.page_size, Some(json!(5)));
        let mut o = PagingOptions::default();
        o.add_ec2_default_page_size("ec2", "DescribeVolumes", &Map::new());
        assert_eq!(o.page_size, None);
        let mut o = paged;
        o.add_ec2_default_page_size("ec2", "DescribeInstances", &Map::new());
        assert_eq!(o.page_size, None);
    }

    #[test]
    fn page_size_only_with_a_limit_key() {
        assert_eq!(
            paging_arguments(&list()),
            ["starting-token", "page-size", "max-items"]
        );
        let c = config(
            json!({"input_token": "NextToken", "output_token": "NextToken",
                              "result_key": "Items"}),
        );
        assert_eq!(paging_arguments(&c), ["starting-token", "max-items"]);
    }
}
