//! One function per leaf command. API commands return their response for `app` to render;
//! commands with their own output format (the s3 family, configure, imds) print through the
//! [`Printer`] and return their exit code.

pub mod cloudformation;
pub mod codeartifact;
pub mod configure;
pub mod ecr;
pub mod ecr_public;
pub mod eks;
pub mod iam;
pub mod imds;
pub mod logs;
pub mod paging;
pub mod rds;
pub mod s3;
pub mod sso;
pub mod sts;

use serde_json::Value;

use crate::cli::Command;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

/// What a command produced.
pub enum Outcome {
    /// An API response, to be filtered by `--query` and rendered in the `--output` format.
    Response {
        operation: &'static str,
        value: Value,
    },
    /// A paginated response: aggregated for most formats, page by page for text and
    /// yaml-stream.
    Pages {
        operation: &'static str,
        pages: crate::services::paginate::Pages,
    },
    /// A document rendered as responses are (`--output`, `--query`), then `then` printed as it
    /// is: `eks get-token` ends its document with a blank line, as the CLI does.
    Document {
        operation: &'static str,
        value: Value,
        then: &'static str,
    },
    /// The command printed its own output and ends with this exit code.
    Done(u8),
}

impl Outcome {
    /// The exit code of a command that printed its own output (a response means success).
    pub fn code(&self) -> u8 {
        match self {
            Outcome::Response { .. } | Outcome::Pages { .. } | Outcome::Document { .. } => 0,
            Outcome::Done(code) => *code,
        }
    }
}

pub async fn run(
    command: &Command,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match command {
        Command::Sts(args) => sts::run(&args.command, session, printer).await,
        Command::Ecr(args) => ecr::run(&args.command, session, printer).await,
        Command::EcrPublic(args) => ecr_public::run(&args.command, session, printer).await,
        Command::Configure(args) => configure::run(args, session, printer).await,
        Command::Imds(args) => imds::run(&args.command, session, printer).await,
        Command::S3(args) => s3::run(&args.command, session, printer).await,
        Command::Codeartifact(args) => codeartifact::run(&args.command, session, printer).await,
        Command::Eks(args) => eks::run(&args.command, session, printer).await,
        Command::Logs(args) => logs::run(&args.command, session, printer).await,
        Command::Rds(args) => rds::run(&args.command, session, printer).await,
        Command::Iam(args) => iam::run(&args.command, session).await,
        Command::Cloudformation(args) => cloudformation::run(&args.command, session, printer).await,
        Command::Sso(args) => sso::run(&args.command, session, printer).await,
    }
}
