//! The paging options the CLI adds to every paginated operation (`--starting-token`,
//! `--page-size`, `--max-items`). Integers stay text until the command parses them, so a bad
//! value gets Python's `int()` message as in the CLI.

use clap::Args;

#[derive(Args, Debug, Clone, Default)]
pub struct PagingArgs {
    /// A token to specify where to start paginating (the NextToken of a truncated response).
    #[arg(long, value_name = "TOKEN")]
    pub starting_token: Option<String>,
    /// The size of each page to get in the AWS service call.
    #[arg(long, value_name = "INTEGER")]
    pub page_size: Option<String>,
    /// The total number of items to return in the command's output.
    #[arg(long, value_name = "INTEGER")]
    pub max_items: Option<String>,
}
