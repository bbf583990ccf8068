//! `awsctl configure ...`

mod doctor;
mod export_credentials;
mod list;

use super::Outcome;
use crate::cli::ConfigureCommand;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    command: &ConfigureCommand,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    match command {
        ConfigureCommand::List => list::run(session, printer).await,
        ConfigureCommand::ExportCredentials { format } => {
            export_credentials::run(session, *format, printer).await
        }
        ConfigureCommand::Doctor => doctor::run(session, printer).await,
    }
}

/// How the CLI shows a secret it must not print: 16 stars and the last 4 characters.
pub fn mask(value: &str) -> String {
    let tail: String = value
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("****************{tail}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_like_the_cli() {
        assert_eq!(super::mask("AKIAIOSFODNN7EXAMPLE"), "****************MPLE");
        assert_eq!(super::mask("s"), "****************s");
    }
}
