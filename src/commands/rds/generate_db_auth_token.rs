//! `awsctl rds generate-db-auth-token`: an IAM database password, which is a SigV4 presigned
//! URL for `https://HOST:PORT/?Action=connect&DBUser=USER` signed for the `rds-db` service in
//! the session's region, valid for 15 minutes, printed without its `https://`. No request is
//! made.

use std::time::{Duration, SystemTime};

use crate::cli::rds::GenerateDbAuthTokenArgs;
use crate::commands::Outcome;
use crate::credentials::Credentials;
use crate::error::Error;
use crate::http::sign::{Payload, Signer, SigningStyle};
use crate::printer::Printer;
use crate::services::Session;

/// How long the token is accepted, as botocore makes it.
const EXPIRES_IN: Duration = Duration::from_secs(900);
const SCHEME: &str = "https://";

pub async fn run(
    args: &GenerateDbAuthTokenArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let region = session.region().await?;
    let credentials = session.credentials().await?.ok_or(Error::Credentials(
        crate::credentials::CredentialsError::NotFound,
    ))?;
    let time = session.http()?.clock().now();
    let token = token(args, &region, &credentials, time)?;
    printer.out_line(&token)?;
    Ok(Outcome::Done(0))
}

/// The token for these arguments, signed at `time`.
pub fn token(
    args: &GenerateDbAuthTokenArgs,
    region: &str,
    credentials: &Credentials,
    time: SystemTime,
) -> Result<String, Error> {
    let user = crate::http::sign::append_query("", &[("", args.username.clone())]);
    let url = format!(
        "{SCHEME}{}:{}/?Action=connect&DBUser{}",
        args.hostname,
        args.port,
        // `append_query` gave `?=VALUE`, the value encoded as query values are.
        &user[1..]
    );
    let signed = Signer {
        credentials,
        region,
        service: "rds-db",
        time,
        style: SigningStyle::Standard,
    }
    .presign_with("GET", &url, EXPIRES_IN, &[], Payload::Bytes(b""))
    .map_err(|e| Error::Signing(e.to_string()))?;
    Ok(signed[SCHEME.len()..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    fn credentials(token: Option<&str>) -> Credentials {
        Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            session_token: token.map(Secret::new),
            expiration: None,
            account_id: None,
            source: crate::credentials::Source::Environment,
        }
    }

    #[test]
    fn the_token_is_a_presigned_connect_url_without_its_scheme() {
        let args = GenerateDbAuthTokenArgs {
            hostname: "db.example.com".into(),
            port: 5432,
            username: "iam user".into(),
        };
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let token = token(&args, "eu-west-1", &credentials(None), time).unwrap();
        let prefix = "db.example.com:5432/?Action=connect&DBUser=iam%20user&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20231114%2Feu-west-1%2Frds-db%2Faws4_request&X-Amz-Date=20231114T221320Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=";
        assert!(token.starts_with(prefix), "{token}");
        assert_eq!(token.len(), prefix.len() + 64, "{token}");
    }

    #[test]
    fn a_session_token_is_signed_into_the_url() {
        let args = GenerateDbAuthTokenArgs {
            hostname: "h".into(),
            port: 3306,
            username: "u".into(),
        };
        let token = token(
            &args,
            "us-east-1",
            &credentials(Some("tok/en")),
            SystemTime::now(),
        )
        .unwrap();
        assert!(token.contains("&X-Amz-Security-Token=tok%2Fen&"), "{token}");
    }
}
