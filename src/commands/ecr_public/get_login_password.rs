//! `awsctl ecr-public get-login-password`: the public registry's GetAuthorizationToken (one
//! `authorizationData` structure, not a list), its password printed as `ecr`'s is.

use serde_json::{Map, Value};

use crate::commands::Outcome;
use crate::commands::ecr::get_login_password::print_password;
use crate::driver::invoke;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(session: &Session<'_>, printer: &mut Printer) -> Result<Outcome, Error> {
    let answer =
        invoke::call_named(session, "ecr-public", "GetAuthorizationToken", Map::new()).await?;
    let token = answer
        .pointer("/authorizationData/authorizationToken")
        .and_then(Value::as_str);
    print_password(token, printer)
}
