//! The settings that steer endpoint resolution, resolved with the others (environment
//! variable > the profile's key > default), and one service's view of them for
//! `endpoints::resolve`.

use std::collections::HashMap;

use super::{Settings, SettingsError};
use crate::config::parse_nested;
use crate::endpoints::{AddressingStyle, EndpointSettings, S3Settings, StsEndpoints};
use crate::env::Env;
use crate::model::ServiceModel;

/// Endpoint switches that hold for every service of a command.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EndpointConfig {
    /// `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint`.
    pub use_fips: bool,
    /// `AWS_USE_DUALSTACK_ENDPOINT` / `use_dualstack_endpoint`.
    pub use_dualstack: bool,
    /// The `s3 =` block's `use_dualstack_endpoint`, which S3 and S3 Control prefer.
    pub s3_use_dualstack: Option<bool>,
    pub sts_regional_endpoints: StsEndpoints,
    pub s3: S3Settings,
    /// `AWS_ACCOUNT_ID_ENDPOINT_MODE` / `account_id_endpoint_mode`.
    pub account_id_endpoint_mode: Option<String>,
    /// A value no endpoint can be chosen with. Reported when a command asks for an endpoint,
    /// as the CLI does, so that `configure` still works to correct it.
    pub invalid: Option<InvalidEndpointSetting>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidEndpointSetting {
    StsRegionalEndpoints(String),
    S3UsEast1RegionalEndpoint(String),
}

impl From<InvalidEndpointSetting> for SettingsError {
    fn from(invalid: InvalidEndpointSetting) -> SettingsError {
        match invalid {
            InvalidEndpointSetting::StsRegionalEndpoints(v) => {
                SettingsError::InvalidStsRegionalEndpoints(v)
            }
            InvalidEndpointSetting::S3UsEast1RegionalEndpoint(v) => {
                SettingsError::InvalidS3UsEast1RegionalEndpoint(v)
            }
        }
    }
}

/// botocore's reading of a boolean setting: `true` in any case; anything else is false.
fn boolean(value: &str) -> bool {
    value.trim().eq_ignore_ascii_case("true")
}

impl EndpointConfig {
    pub fn resolve(env: &Env, profile: &HashMap<String, String>) -> EndpointConfig {
        let s3_block = profile
            .get("s3")
            .map(|b| parse_nested(b))
            .unwrap_or_default();
        let setting = |var: &str, key: &str| -> Option<String> {
            env.get(var)
                .map(str::to_string)
                .or_else(|| profile.get(key).filter(|v| !v.is_empty()).cloned())
        };
        let s3_setting = |var: &str, key: &str, block_key: &str| -> Option<String> {
            setting(var, key).or_else(|| s3_block.get(block_key).cloned())
        };
        let mut invalid = None;
        let sts_regional_endpoints =
            match setting("AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints").as_deref() {
                None | Some("regional") => StsEndpoints::Regional,
                Some("legacy") => StsEndpoints::Legacy,
                Some(other) => {
                    invalid = Some(InvalidEndpointSetting::StsRegionalEndpoints(other.into()));
                    StsEndpoints::Regional
                }
            };
        let us_east_1_regional = match s3_setting(
            "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT",
            "",
            "us_east_1_regional_endpoint",
        )
        .as_deref()
        {
            None | Some("regional") => true,
            Some("legacy") => false,
            Some(other) => {
                invalid = Some(InvalidEndpointSetting::S3UsEast1RegionalEndpoint(
                    other.into(),
                ));
                true
            }
        };
        let addressing_style = match s3_block.get("addressing_style").map(String::as_str) {
            Some("path") => AddressingStyle::Path,
            Some("virtual") => AddressingStyle::Virtual,
            _ => AddressingStyle::Auto,
        };
        EndpointConfig {
            use_fips: setting("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")
                .is_some_and(|v| boolean(&v)),
            use_dualstack: setting("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint")
                .is_some_and(|v| boolean(&v)),
            s3_use_dualstack: s3_block.get("use_dualstack_endpoint").map(|v| boolean(v)),
            sts_regional_endpoints,
            s3: S3Settings {
                addressing_style,
                use_accelerate: s3_block
                    .get("use_accelerate_endpoint")
                    .is_some_and(|v| boolean(v)),
                us_east_1_regional,
                use_arn_region: s3_setting(
                    "AWS_S3_USE_ARN_REGION",
                    "s3_use_arn_region",
                    "use_arn_region",
                )
                .map(|v| boolean(&v)),
                disable_multiregion_access_points: s3_setting(
                    "AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS",
                    "s3_disable_multiregion_access_points",
                    "s3_disable_multiregion_access_points",
                )
                .is_some_and(|v| boolean(&v)),
            },
            account_id_endpoint_mode: setting(
                "AWS_ACCOUNT_ID_ENDPOINT_MODE",
                "account_id_endpoint_mode",
            ),
            invalid,
        }
    }
}

/// A service id as the endpoint variables spell it: `Elastic Beanstalk` -> `ELASTIC_BEANSTALK`.
pub fn env_service_id(service_id: &str) -> String {
    service_id
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

impl Settings {
    /// What `endpoints::resolve` needs for one service: the region, the switches above, and
    /// the custom endpoint (`--endpoint-url`, else the service's configured one). The
    /// account id comes from the credentials, which the caller adds when it has them. An
    /// invalid `sts_regional_endpoints` or `us_east_1_regional_endpoint` is an error here.
    pub fn endpoint_settings(
        &self,
        model: &ServiceModel,
    ) -> Result<EndpointSettings, SettingsError> {
        let config = &self.endpoint;
        if let Some(invalid) = &config.invalid {
            return Err(invalid.clone().into());
        }
        let is_s3 = matches!(model.name.as_str(), "s3" | "s3control");
        let use_dualstack = match config.s3_use_dualstack {
            Some(v) if is_s3 => v,
            _ => config.use_dualstack,
        };
        Ok(EndpointSettings {
            region: self.region.as_ref().map(|r| r.value.clone()),
            use_fips: config.use_fips,
            use_dualstack,
            endpoint_url: self.endpoint_url(&env_service_id(&model.metadata.service_id)),
            s3: config.s3.clone(),
            sts_regional_endpoints: config.sts_regional_endpoints,
            account_id: None,
            account_id_endpoint_mode: config.account_id_endpoint_mode.clone(),
            client_context: Vec::new(),
        })
    }
}
