//! `awsctl ecr get-login-password`: GetAuthorizationToken, the token's base64 `AWS:password`
//! decoded, and only the password printed (for `docker login --password-stdin`).

use base64::Engine;
use serde_json::{Map, Value};

use crate::commands::Outcome;
use crate::driver::invoke;
use crate::error::Error;
use crate::printer::Printer;
use crate::secret::Secret;
use crate::services::Session;

pub async fn run(session: &Session<'_>, printer: &mut Printer) -> Result<Outcome, Error> {
    let answer = invoke::call_named(session, "ecr", "GetAuthorizationToken", Map::new()).await?;
    // The private registry answers a list (one entry per registry asked for; none asked: one).
    let token = answer
        .pointer("/authorizationData/0/authorizationToken")
        .and_then(Value::as_str);
    print_password(token, printer)
}

/// Decodes `token` and prints its password; shared with `ecr-public get-login-password`.
pub fn print_password(token: Option<&str>, printer: &mut Printer) -> Result<Outcome, Error> {
    let token = token.ok_or_else(|| {
        Error::InvalidJsonResponse("the response has no authorization token".into())
    })?;
    let password = password(token)?;
    printer.out_line(password.expose())?;
    Ok(Outcome::Done(0))
}

/// The password of a base64 `user:password` token. The token itself is never put in an error.
pub fn password(token: &str) -> Result<Secret, Error> {
    let bad = || {
        Error::InvalidJsonResponse("the authorization token is not base64 of user:password".into())
    };
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(token.trim())
        .map_err(|_| bad())?;
    let text = String::from_utf8(decoded).map_err(|_| bad())?;
    let (_, password) = text.split_once(':').ok_or_else(bad)?;
    Ok(Secret::new(password.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_follows_the_user() {
        let token = base64::engine::general_purpose::STANDARD.encode("AWS:s3cr3t-pass");
        assert_eq!(password(&token).unwrap().expose(), "s3cr3t-pass");
    }

    #[test]
    fn a_token_without_a_colon_is_refused_without_showing_it() {
        let token = base64::engine::general_purpose::STANDARD.encode("AWSs3cr3t");
        let error = password(&token).unwrap_err().to_string();
        assert!(
            !error.contains("s3cr3t") && !error.contains(&token),
            "{error}"
        );
    }
}
