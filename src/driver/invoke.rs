//! Sending a model-driven call. The generic protocol layer is not in yet: until it is, a
//! model-driven operation stops here with a plain error rather than pretending to run.

use super::operation::{Request, command_name};
use crate::commands::Outcome;
use crate::error::Error;
use crate::services::Session;

pub async fn run(request: &Request, _session: &Session<'_>) -> Result<Outcome, Error> {
    Err(Error::General(format!(
        "{} cannot be sent yet: the {} protocol is not implemented",
        command_name(request),
        request.model.metadata.protocol
    )))
}
