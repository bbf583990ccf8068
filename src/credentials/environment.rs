//! The `env` source: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`
//! (or the legacy `AWS_SECURITY_TOKEN`), `AWS_CREDENTIAL_EXPIRATION`, `AWS_ACCOUNT_ID`.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{Credentials, CredentialsError, Source};
use crate::env::Env;
use crate::secret::Secret;

pub fn load(env: &Env) -> Result<Option<Credentials>, CredentialsError> {
    let partial = |missing| CredentialsError::Partial {
        provider: "env",
        missing,
    };
    let (key, secret) = match (
        env.get("AWS_ACCESS_KEY_ID"),
        env.get("AWS_SECRET_ACCESS_KEY"),
    ) {
        (None, None) => return Ok(None),
        (Some(_), None) => return Err(partial("AWS_SECRET_ACCESS_KEY")),
        // As botocore: without a key id the environment has nothing, whatever else is set.
        (None, Some(_)) => return Ok(None),
        (Some(k), Some(s)) => (k, s),
    };
    let expiration = match env.get("AWS_CREDENTIAL_EXPIRATION") {
        None => None,
        Some(v) => Some(OffsetDateTime::parse(v, &Rfc3339).map_err(|_| {
            CredentialsError::InvalidExpiration {
                provider: "env",
                value: v.to_string(),
            }
        })?),
    };
    Ok(Some(Credentials {
        access_key_id: key.to_string(),
        secret_access_key: Secret::new(secret),
        session_token: env
            .get("AWS_SECURITY_TOKEN")
            .or_else(|| env.get("AWS_SESSION_TOKEN"))
            .map(Secret::new),
        expiration,
        account_id: env.get("AWS_ACCOUNT_ID").map(str::to_string),
        source: Source::Environment,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_token_legacy_token_and_expiration() {
        let env = Env::from_pairs([
            ("AWS_ACCESS_KEY_ID", "AKIA"),
            ("AWS_SECRET_ACCESS_KEY", "s"),
            ("AWS_SECURITY_TOKEN", "legacy"),
            ("AWS_CREDENTIAL_EXPIRATION", "2026-11-23T17:00:00Z"),
        ]);
        let c = load(&env).unwrap().unwrap();
        assert_eq!(c.session_token.unwrap().expose(), "legacy");
        assert_eq!(c.expiration.unwrap().unix_timestamp(), 1_795_453_200);
        let env = Env::from_pairs([("AWS_SECRET_ACCESS_KEY", "s")]);
        assert!(
            load(&env).unwrap().is_none(),
            "a secret alone is not credentials"
        );
        assert!(load(&Env::default()).unwrap().is_none());
    }
}
