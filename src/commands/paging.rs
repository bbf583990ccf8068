//! The CLI's paging options turned into the paginator's, and its result into an outcome:
//! shared by every paginated command. `--page-size` and `--max-items` are argparse `int`
//! arguments in the CLI, so a bad value is a usage error (252) with argparse's words.

use super::Outcome;
use crate::cli::PagingArgs;
use crate::error::Error;
use crate::services::paginate::{Paginated, PagingOptions, parse_int};

pub fn options(args: &PagingArgs, paginate: bool) -> Result<PagingOptions, Error> {
    let int = |name: &str, text: &Option<String>| {
        text.as_deref()
            .map(|t| {
                parse_int(t).map_err(|_| Error::ParamValidation {
                    message: format!("argument {name}: invalid int value: '{t}'"),
                    usage: false,
                })
            })
            .transpose()
    };
    Ok(PagingOptions {
        starting_token: args.starting_token.clone(),
        page_size: int("--page-size", &args.page_size)?.map(serde_json::Value::from),
        max_items: int("--max-items", &args.max_items)?,
        paginate,
    })
}

pub fn outcome(operation: &'static str, result: Paginated) -> Outcome {
    match result {
        Paginated::Response(value) => Outcome::Response { operation, value },
        Paginated::Pages(pages) => Outcome::Pages { operation, pages },
    }
}
