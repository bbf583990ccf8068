//! `awsctl logs ...`: the command the CLI adds to the CloudWatch Logs model (`tail`); every
//! other operation comes from the model.

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct LogsArgs {
    #[command(subcommand)]
    pub command: LogsCommand,
}

#[derive(Subcommand, Debug)]
pub enum LogsCommand {
    /// Tails the logs for a CloudWatch Logs group.
    Tail(TailArgs),
}

#[derive(Args, Debug)]
pub struct TailArgs {
    /// The name of the CloudWatch Logs group.
    pub group_name: String,
    /// From when: an ISO 8601 timestamp or a relative time (`5m`; units s, m, h, d, w).
    #[arg(long, default_value = "10m")]
    pub since: String,
    /// Keep polling for new events until Control-C.
    #[arg(long)]
    pub follow: bool,
    /// How events are printed.
    #[arg(long, default_value = "detailed", value_parser = ["detailed", "short", "json"])]
    pub format: String,
    /// The filter pattern to use.
    #[arg(long)]
    pub filter_pattern: Option<String>,
    /// Only these log streams.
    #[arg(long, num_args = 1.., conflicts_with = "log_stream_name_prefix")]
    pub log_stream_names: Option<Vec<String>>,
    /// Only log streams whose names begin with this prefix.
    #[arg(long)]
    pub log_stream_name_prefix: Option<String>,
}
