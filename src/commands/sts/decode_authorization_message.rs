//! `awsctl sts decode-authorization-message [--explain]`

use serde_json::Value;

use super::explain;
use crate::cli::sts::DecodeAuthorizationMessageArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::params::Validator;
use crate::printer::Printer;
use crate::services::Session;
use crate::services::sts::decode_authorization_message::{OPERATION, call};

pub async fn run(
    args: &DecodeAuthorizationMessageArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    Validator::default()
        .min_length("EncodedMessage", Some(&args.encoded_message), 1)
        .finish()?;
    let value = call(session, &args.encoded_message).await?;
    if !args.explain {
        return Ok(Outcome::Response {
            operation: OPERATION,
            value,
        });
    }
    let text = value
        .get("DecodedMessage")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let document: Value = serde_json::from_str(text)
        .map_err(|e| Error::InvalidJsonResponse(format!("the decoded message: {e}")))?;
    printer.out_line(&serde_json::to_string_pretty(&document).map_err(std::io::Error::other)?)?;
    printer.out_line("")?;
    for line in explain::summary(&document) {
        printer.out_line(&line)?;
    }
    Ok(Outcome::Done(0))
}
