//! What every operation call shares: the resolved settings, the lazily built HTTP and IMDS
//! clients, the credentials found by the chain (refreshed before they expire), and the
//! region, from the settings or, on EC2, from the instance metadata.

use std::cell::{OnceCell, RefCell};

use serde_json::Value;
use time::OffsetDateTime;

use super::call::CallContext;
use crate::credentials::prompt::{Prompter, TerminalPrompter};
use crate::credentials::{self, ChainContext, Credentials};
use crate::error::Error;
use crate::http::sign::SigningStyle;
use crate::http::{HttpClient, debug::DebugLog};
use crate::imds::{ImdsClient, ImdsConfig};
use crate::protocol::shape::Shape;
use crate::settings::Settings;

/// A service's identity for endpoints and signing.
#[derive(Debug)]
pub struct ServiceMeta {
    /// As in `AWS_ENDPOINT_URL_<ID>` and `[services]` blocks (lower-cased there).
    pub id: &'static str,
    /// The endpoint prefix, which is also botocore's name of the service's model.
    pub endpoint_prefix: &'static str,
    pub signing_name: &'static str,
    pub style: SigningStyle,
}

/// Temporary credentials are refreshed when they come this close to expiry; a failed
/// refresh keeps the old ones (botocore's advisory window)...
const ADVISORY_REFRESH: time::Duration = time::Duration::minutes(15);
/// ...and inside this window a refresh must succeed (the mandatory window).
const MANDATORY_REFRESH: time::Duration = time::Duration::minutes(10);

/// Where the region came from when it was not configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionSource {
    Settings,
    Imds,
}

pub struct Session<'a> {
    pub settings: &'a Settings,
    http: OnceCell<HttpClient>,
    imds: OnceCell<ImdsClient>,
    credentials: RefCell<Option<Credentials>>,
    imds_region: OnceCell<Option<String>>,
    s3_endpoints: super::s3::endpoint::Cache,
    prompter: Box<dyn Prompter>,
}

impl<'a> Session<'a> {
    pub fn new(settings: &'a Settings) -> Self {
        Self::with_prompter(settings, Box::new(TerminalPrompter))
    }

    pub fn with_prompter(settings: &'a Settings, prompter: Box<dyn Prompter>) -> Self {
        Session {
            settings,
            http: OnceCell::new(),
            imds: OnceCell::new(),
            credentials: RefCell::new(None),
            imds_region: OnceCell::new(),
            s3_endpoints: Default::default(),
            prompter,
        }
    }

    /// The S3 endpoints resolved so far (see `s3::endpoint`).
    pub(crate) fn s3_endpoints(&self) -> &super::s3::endpoint::Cache {
        &self.s3_endpoints
    }

    /// A session that signs with `credentials` (a role's, assumed by a command for some of its
    /// calls) instead of looking for any.
    pub fn with_credentials(settings: &'a Settings, credentials: Credentials) -> Self {
        let session = Self::new(settings);
        *session.credentials.borrow_mut() = Some(Credentials {
            // Never refreshed: the chain would find the caller's own credentials.
            expiration: None,
            ..credentials
        });
        session
    }

    pub fn log(&self) -> DebugLog {
        DebugLog {
            enabled: self.settings.debug,
        }
    }

    /// The client is built on first use, so commands that fail early never pay for TLS set-up.
    pub fn http(&self) -> Result<&HttpClient, Error> {
        if let Some(client) = self.http.get() {
            return Ok(client);
        }
        let client = HttpClient::new(self.settings)?;
        Ok(self.http.get_or_init(|| client))
    }

    pub fn imds(&self) -> Result<&ImdsClient, Error> {
        if let Some(client) = self.imds.get() {
            return Ok(client);
        }
        let config = ImdsConfig::resolve(&self.settings.env, &self.settings.profile_config)?;
        Ok(self
            .imds
            .get_or_init(|| ImdsClient::new(config, self.log())))
    }

    /// The credentials (`None` with `--no-sign-request`), found once and refreshed when they
    /// come within 15 minutes of expiry.
    pub async fn credentials(&self) -> Result<Option<Credentials>, Error> {
        if !self.settings.sign_requests {
            return Ok(None);
        }
        let now = OffsetDateTime::now_utc();
        let current = self.credentials.borrow().clone();
        let remaining = current.as_ref().and_then(|c| c.expiration).map(|e| e - now);
        // Role credentials that took an MFA code are not renewed behind the user's back: the
        // code cannot be asked for again mid-run (botocore refuses the same way).
        let locked = current.as_ref().is_some_and(|c| {
            c.source == credentials::Source::AssumeRole
                && credentials::needs_mfa(&self.settings.files, &self.settings.profile)
        });
        match (current, remaining) {
            (Some(c), None) => return Ok(Some(c)),
            (Some(c), Some(left)) if left > ADVISORY_REFRESH => return Ok(Some(c)),
            (Some(c), Some(left)) if left > MANDATORY_REFRESH => {
                if !locked && let Ok(fresh) = self.resolve_credentials(now).await {
                    *self.credentials.borrow_mut() = Some(fresh.clone());
                    return Ok(Some(fresh));
                }
                self.log().log(
                    "awsctl.credentials",
                    "Refreshing temporary credentials failed or needs MFA; using the current ones.",
                );
                return Ok(Some(c));
            }
            (Some(_), Some(_)) if locked => {
                return Err(credentials::CredentialsError::MfaRefreshUnsupported.into());
            }
            _ => {}
        }
        let fresh = self.resolve_credentials(now).await?;
        if fresh.expiration.is_some_and(|e| e <= now) {
            return Err(credentials::CredentialsError::StillExpired.into());
        }
        *self.credentials.borrow_mut() = Some(fresh.clone());
        Ok(Some(fresh))
    }

    async fn resolve_credentials(&self, now: OffsetDateTime) -> Result<Credentials, Error> {
        // The chain's STS calls go to the command's region, the instance's one included when the
        // command already asked IMDS for it; the chain never probes IMDS for a region itself
        // (off EC2 that would cost a second timeout before its own instance-profile probe).
        let region = match &self.settings.region {
            Some(r) => Some(r.value.clone()),
            None => self.imds_region.get().cloned().flatten(),
        };
        let ctx = ChainContext {
            settings: self.settings,
            region,
            http: self.http()?,
            imds: self.imds()?,
            prompter: self.prompter.as_ref(),
            now,
            log: self.log(),
        };
        credentials::resolve(&ctx).await
    }

    /// The region a regional service is called in: the configured one, else (v2) the
    /// instance's from IMDS, else the CLI's NoRegion error.
    pub async fn region(&self) -> Result<String, Error> {
        match self.region_with_source().await? {
            Some((region, _)) => Ok(region),
            None => Err(Error::NoRegion),
        }
    }

    pub async fn region_with_source(&self) -> Result<Option<(String, RegionSource)>, Error> {
        if let Some(r) = &self.settings.region {
            return Ok(Some((r.value.clone(), RegionSource::Settings)));
        }
        if self.imds_region.get().is_none() {
            let imds = self.imds()?;
            let found = if imds.config().disabled {
                None
            } else {
                imds.region().await.ok().filter(|r| !r.is_empty())
            };
            let _ = self.imds_region.set(found);
        }
        Ok(self
            .imds_region
            .get()
            .cloned()
            .flatten()
            .map(|r| (r, RegionSource::Imds)))
    }

    /// One Query-protocol operation with the session's region and credentials.
    pub async fn call_query(
        &self,
        service: &ServiceMeta,
        version: &str,
        operation: &'static str,
        params: &[(String, String)],
        output: &Shape,
    ) -> Result<Value, Error> {
        let (region, credentials) = self.call_inputs().await?;
        self.context(&region, credentials.as_ref())?
            .query(service, version, operation, params, output)
            .await
    }

    /// Region first, then credentials: the CLI reports a missing region before missing keys.
    async fn call_inputs(&self) -> Result<(String, Option<Credentials>), Error> {
        let region = self.region().await?;
        Ok((region, self.credentials().await?))
    }

    /// A call context for the command's own calls (`--endpoint-url` applies).
    pub fn context<'c>(
        &'c self,
        region: &'c str,
        credentials: Option<&'c Credentials>,
    ) -> Result<CallContext<'c>, Error> {
        Ok(CallContext {
            settings: self.settings,
            http: self.http()?,
            region,
            credentials,
            endpoint_option: true,
        })
    }
}
