//! STS DecodeAuthorizationMessage: the document behind an authorization failure's encoded
//! message, returned as a JSON string.

use serde_json::Value;

use super::{STS, VERSION};
use crate::error::Error;
use crate::protocol::shape::{Member, Shape};
use crate::services::Session;

pub const OPERATION: &str = "DecodeAuthorizationMessage";

static OUTPUT: Shape = Shape::Structure(&[Member::new("DecodedMessage", &Shape::String)]);

pub async fn call(session: &Session<'_>, encoded_message: &str) -> Result<Value, Error> {
    let params = [("EncodedMessage".to_string(), encoded_message.to_string())];
    session
        .call_query(&STS, VERSION, OPERATION, &params, &OUTPUT)
        .await
}
