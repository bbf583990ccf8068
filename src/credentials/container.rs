//! The `container-role` source (ECS task roles, EKS Pod Identity):
//! `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `_FULL_URI`, with the authorization token from
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `_TOKEN`. Plain-HTTP full URIs must point at a
//! loopback address or one of the container hosts, as the CLI requires.

use std::net::IpAddr;
use std::time::Duration;

use serde_json::Value;

use super::{Credentials, CredentialsError, Source};
use crate::env::Env;
use crate::http::debug::DebugLog;
use crate::protocol::timestamp;
use crate::secret::Secret;

/// The most of an answer read: credentials are a few hundred bytes.
const MAX_ANSWER: usize = 64 * 1024;

const ECS_HOST: &str = "http://169.254.170.2";
const ALLOWED_HOSTS: &[&str] = &[
    "169.254.170.2",
    "169.254.170.23",
    "fd00:ec2::23",
    "localhost",
];
const ATTEMPTS: u32 = 3;

fn failure(message: impl Into<String>) -> CredentialsError {
    CredentialsError::Retrieval {
        provider: Source::ContainerRole.name(),
        message: message.into(),
    }
}

/// The endpoint, when the environment names one.
pub fn endpoint(env: &Env) -> Result<Option<String>, CredentialsError> {
    if let Some(relative) = env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
        return Ok(Some(format!("{ECS_HOST}{relative}")));
    }
    let Some(full) = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") else {
        return Ok(None);
    };
    let url = reqwest::Url::parse(full).map_err(|_| {
        failure(format!(
            "invalid AWS_CONTAINER_CREDENTIALS_FULL_URI: {full}"
        ))
    })?;
    let host = url
        .host_str()
        .unwrap_or_default()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let loopback = host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if url.scheme() != "https" && !loopback && !ALLOWED_HOSTS.contains(&host.as_str()) {
        return Err(CredentialsError::UnsupportedContainerHost(host));
    }
    Ok(Some(full.to_string()))
}

fn authorization(env: &Env) -> Result<Option<Secret>, CredentialsError> {
    let token = match env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
        Some(path) => Some(std::fs::read_to_string(path).map_err(|e| {
            failure(format!(
                "unable to read the authorization token file {path}: {e}"
            ))
        })?),
        None => env
            .get("AWS_CONTAINER_AUTHORIZATION_TOKEN")
            .map(str::to_string),
    };
    match token {
        Some(t) if t.contains(['\r', '\n']) => Err(CredentialsError::IllegalAuthToken),
        other => Ok(other.map(Secret::new)),
    }
}

pub async fn load(env: &Env, log: DebugLog) -> Result<Option<Credentials>, CredentialsError> {
    let Some(url) = endpoint(env)? else {
        return Ok(None);
    };
    let token = authorization(env)?;
    let mut builder = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_secs(2));
    // An HTTPS full URI is checked against the same bundle as every other request.
    if let Some(path) = env.get("AWS_CA_BUNDLE").filter(|p| !p.is_empty()) {
        let path = env.expand_tilde(path);
        let certs = crate::http::ca_bundle::load(&path).map_err(|e| failure(e.to_string()))?;
        builder = crate::http::ca_bundle::trust(builder, certs);
    }
    let client = builder.build().map_err(|e| failure(e.to_string()))?;
    let mut last = String::new();
    for attempt in 1..=ATTEMPTS {
        if attempt > 1 {
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        let mut request = client.get(&url).header("Accept", "application/json");
        if let Some(token) = &token {
            request = request.header("Authorization", token.expose());
        }
        log.log(
            "awsctl.credentials",
            format_args!("Fetching container credentials, attempt {attempt}"),
        );
        match request.send().await {
            Ok(response) if response.status().is_success() => {
                let body = crate::http::capped::read(response, MAX_ANSWER)
                    .await
                    .map_err(failure)?;
                return parse(&body).map(Some);
            }
            Ok(response) => {
                let status = response.status().as_u16();
                let body = crate::http::capped::read_text(response, MAX_ANSWER)
                    .await
                    .unwrap_or_default();
                last =
                    format!("Received non 200 response ({status}) from container metadata: {body}");
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(failure(format!("Error retrieving metadata: {last}")))
}

fn parse(body: &[u8]) -> Result<Credentials, CredentialsError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| failure(format!("invalid JSON: {e}")))?;
    let field = |k: &str| {
        value
            .get(k)
            .and_then(Value::as_str)
            .ok_or_else(|| failure(format!("Missing required key in response: '{k}'")))
    };
    Ok(Credentials {
        access_key_id: field("AccessKeyId")?.to_string(),
        secret_access_key: Secret::new(field("SecretAccessKey")?),
        session_token: Some(Secret::new(field("Token")?)),
        expiration: Some(
            timestamp::parse(field("Expiration")?).ok_or_else(|| failure("invalid Expiration"))?,
        ),
        account_id: value
            .get("AccountId")
            .and_then(Value::as_str)
            .map(str::to_string),
        source: Source::ContainerRole,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_uris_must_be_loopback_or_container_hosts_over_http() {
        let full = |uri: &str| {
            endpoint(&Env::from_pairs([(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                uri,
            )]))
        };
        assert!(full("http://127.0.0.1:8080/creds").unwrap().is_some());
        assert!(full("http://[::1]:8080/creds").unwrap().is_some());
        assert!(
            full("http://169.254.170.23/v1/credentials")
                .unwrap()
                .is_some()
        );
        assert!(full("https://example.com/creds").unwrap().is_some());
        assert_eq!(
            full("http://example.com/creds").unwrap_err().to_string(),
            "Unsupported host 'example.com'.  Can only retrieve metadata from a loopback address or one of these hosts: 169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost"
        );
        let relative = Env::from_pairs([
            ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/x"),
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1/"),
        ]);
        assert_eq!(
            endpoint(&relative).unwrap().unwrap(),
            "http://169.254.170.2/v2/x"
        );
    }

    #[test]
    fn tokens_with_line_breaks_are_refused() {
        let env = Env::from_pairs([("AWS_CONTAINER_AUTHORIZATION_TOKEN", "abc\r\nX-Injected: 1")]);
        assert_eq!(
            authorization(&env).unwrap_err(),
            CredentialsError::IllegalAuthToken
        );
    }
}
