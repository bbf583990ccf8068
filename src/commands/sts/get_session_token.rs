//! `awsctl sts get-session-token`

use crate::cli::sts::GetSessionTokenArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::params::{self, Validator};
use crate::secret::Secret;
use crate::services::Session;
use crate::services::sts::get_session_token::{Input, OPERATION, call};

pub async fn run(args: &GetSessionTokenArgs, session: &Session<'_>) -> Result<Outcome, Error> {
    let input = Input {
        duration_seconds: args
            .duration_seconds
            .as_deref()
            .map(params::integer)
            .transpose()?,
        serial_number: args.serial_number.clone(),
        token_code: args.token_code.clone().map(Secret::new),
    };
    Validator::default()
        .min_value("DurationSeconds", input.duration_seconds, 900)
        .min_length("SerialNumber", input.serial_number.as_deref(), 9)
        .min_length(
            "TokenCode",
            input.token_code.as_ref().map(Secret::expose),
            6,
        )
        .finish()?;
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session, &input).await?,
    })
}
