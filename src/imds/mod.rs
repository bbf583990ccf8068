//! The instance metadata service client: an IMDSv2 session token (PUT), then GETs carrying
//! it; the CLI's fallback to IMDSv1 when the token cannot be had (403/404/405 or a timeout),
//! its abort on 400, and its short timeouts so that a machine off EC2 never hangs.

mod config;

use std::cell::OnceCell;

pub use config::{DEFAULT_ENDPOINT, ImdsConfig, ImdsConfigError};

use crate::http::debug::DebugLog;

/// The most of one metadata answer read (user data, the largest, is at most 16 KiB).
const MAX_ANSWER: usize = 1024 * 1024;

/// How long a token is asked for, as the CLI asks.
const TOKEN_TTL_SECONDS: &str = "21600";

#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum ImdsError {
    #[error("IMDS is disabled (AWS_EC2_METADATA_DISABLED=true)")]
    Disabled,
    #[error(
        "Error retrieving metadata: Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled"
    )]
    V1Disabled,
    #[error("Bad IMDS request: the token request was refused with 400")]
    BadRequest,
    #[error("Could not reach the instance metadata service at {0}: {1}")]
    Unreachable(String, String),
    #[error("Not found in instance metadata: {0}")]
    NotFound(String),
    #[error("The instance metadata service answered {1} for {0}")]
    Status(String, u16),
}

pub struct ImdsClient {
    config: ImdsConfig,
    http: reqwest::Client,
    log: DebugLog,
    /// The token of this client, fetched once (`None`: IMDSv1).
    token: OnceCell<Option<String>>,
}

enum Failure {
    /// Worth another attempt: a connection problem or a timeout.
    Transient(String),
    Status(u16),
}

impl ImdsClient {
    pub fn new(config: ImdsConfig, log: DebugLog) -> ImdsClient {
        let http = reqwest::Client::builder()
            .connect_timeout(config.timeout)
            .timeout(config.timeout)
            .user_agent(format!("awsctl/{}", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("a client without TLS settings always builds");
        ImdsClient {
            config,
            http,
            log,
            token: OnceCell::new(),
        }
    }

    pub fn config(&self) -> &ImdsConfig {
        &self.config
    }

    fn url(&self, path: &str) -> String {
        format!(
            "{}latest/{}",
            self.config.endpoint,
            path.trim_start_matches('/')
        )
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Result<String, Failure> {
        let response = request
            .send()
            .await
            .map_err(|e| Failure::Transient(e.to_string()))?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(Failure::Status(status));
        }
        crate::http::capped::read_text(response, MAX_ANSWER)
            .await
            .map_err(Failure::Transient)
    }

    /// The session token, or `None` to go on with IMDSv1.
    async fn token(&self) -> Result<Option<String>, ImdsError> {
        if let Some(token) = self.token.get() {
            return Ok(token.clone());
        }
        let url = self.url("api/token");
        let mut token = None;
        for attempt in 1..=self.config.attempts {
            let request = self
                .http
                .put(&url)
                .header("x-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS);
            match self.send(request).await {
                Ok(value) => {
                    token = Some(value);
                    break;
                }
                Err(Failure::Status(400)) => return Err(ImdsError::BadRequest),
                Err(Failure::Status(status)) => {
                    self.log.log(
                        "awsctl.imds",
                        format_args!("Token request answered {status}; using IMDSv1"),
                    );
                    break;
                }
                Err(Failure::Transient(reason)) => {
                    self.log.log(
                        "awsctl.imds",
                        format_args!("Token request attempt {attempt} failed: {reason}"),
                    );
                }
            }
        }
        if token.is_none() && self.config.v1_disabled {
            return Err(ImdsError::V1Disabled);
        }
        Ok(self.token.get_or_init(|| token).clone())
    }

    /// `GET /latest/<path>` (e.g. `meta-data/instance-id`), with the token when there is one.
    pub async fn get(&self, path: &str) -> Result<String, ImdsError> {
        if self.config.disabled {
            return Err(ImdsError::Disabled);
        }
        let token = self.token().await?;
        let url = self.url(path);
        let mut last =
            ImdsError::Unreachable(self.config.endpoint.clone(), "no attempt made".into());
        for _ in 0..self.config.attempts {
            let mut request = self.http.get(&url);
            if let Some(token) = &token {
                request = request.header("x-aws-ec2-metadata-token", token);
            }
            self.log.log("awsctl.imds", format_args!("GET {url}"));
            last = match self.send(request).await {
                Ok(body) if !body.is_empty() => return Ok(body),
                Ok(_) => ImdsError::Status(path.to_string(), 200),
                Err(Failure::Status(404)) => return Err(ImdsError::NotFound(path.to_string())),
                Err(Failure::Status(status)) => ImdsError::Status(path.to_string(), status),
                Err(Failure::Transient(reason)) => {
                    ImdsError::Unreachable(self.config.endpoint.clone(), reason)
                }
            };
        }
        Err(last)
    }

    /// The region of the instance: its availability zone without the zone letter.
    pub async fn region(&self) -> Result<String, ImdsError> {
        let path = "meta-data/placement/availability-zone";
        let mut region = self.get(path).await?.trim().to_string();
        region.pop();
        // Only a DNS label can become part of an endpoint's host name.
        let plausible = !region.is_empty()
            && region
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !plausible {
            return Err(ImdsError::Status(path.to_string(), 200));
        }
        Ok(region)
    }
}
