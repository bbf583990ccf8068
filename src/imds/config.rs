//! Where and how the instance metadata service is reached, from the environment and the
//! profile as the AWS CLI reads them: each `AWS_*` variable over its config-file key (the
//! environment over the config file, as for every setting in the CLI's configuration
//! documentation); a custom endpoint over the endpoint mode over `http://169.254.169.254/`;
//! a timeout of 1 second and 1 attempt unless `metadata_service_timeout` and
//! `metadata_service_num_attempts` say otherwise.
use std::collections::HashMap;
use std::time::Duration;

use crate::env::Env;

pub const DEFAULT_ENDPOINT: &str = "http://169.254.169.254/";
pub const IPV6_ENDPOINT: &str = "http://[fd00:ec2::254]/";

#[derive(Debug, Clone, PartialEq)]
pub struct ImdsConfig {
    /// `AWS_EC2_METADATA_DISABLED=true`: no traffic at all.
    pub disabled: bool,
    /// Always ends with `/`.
    pub endpoint: String,
    /// Connect and read timeout of every request.
    pub timeout: Duration,
    pub attempts: u32,
    /// No IMDSv1 fallback when no token can be had.
    pub v1_disabled: bool,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ImdsConfigError {
    #[error("Invalid value for {name}: {value}")]
    InvalidNumber { name: &'static str, value: String },
    #[error("Invalid endpoint mode: {0}. Valid values are IPv4 and IPv6.")]
    InvalidMode(String),
}

impl ImdsConfig {
    pub fn resolve(
        env: &Env,
        profile: &HashMap<String, String>,
    ) -> Result<ImdsConfig, ImdsConfigError> {
        let setting = |var: &str, key: &str| {
            env.get(var)
                .map(str::to_string)
                .or_else(|| profile.get(key).cloned())
        };
        let flag = |var: &str, key: &str| {
            setting(var, key).is_some_and(|v| v.eq_ignore_ascii_case("true"))
        };
        let endpoint = match setting(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            "ec2_metadata_service_endpoint",
        ) {
            Some(url) => url,
            None => match setting(
                "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
                "ec2_metadata_service_endpoint_mode",
            ) {
                Some(mode) if mode.eq_ignore_ascii_case("ipv6") => IPV6_ENDPOINT.to_string(),
                Some(mode) if mode.eq_ignore_ascii_case("ipv4") => DEFAULT_ENDPOINT.to_string(),
                Some(mode) => return Err(ImdsConfigError::InvalidMode(mode)),
                None if flag("AWS_IMDS_USE_IPV6", "imds_use_ipv6") => IPV6_ENDPOINT.to_string(),
                None => DEFAULT_ENDPOINT.to_string(),
            },
        };
        let timeout = match setting("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout") {
            None => Duration::from_secs(1),
            // A duration too long to represent (1e20 seconds) is refused, not a panic.
            Some(v) => match v.trim().parse::<f64>().map(Duration::try_from_secs_f64) {
                Ok(Ok(d)) if !d.is_zero() => d,
                _ => {
                    return Err(ImdsConfigError::InvalidNumber {
                        name: "metadata_service_timeout",
                        value: v,
                    });
                }
            },
        };
        let attempts = match setting(
            "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
            "metadata_service_num_attempts",
        ) {
            None => 1,
            Some(v) => match v.trim().parse::<u32>() {
                Ok(n) if n >= 1 => n,
                _ => {
                    return Err(ImdsConfigError::InvalidNumber {
                        name: "metadata_service_num_attempts",
                        value: v,
                    });
                }
            },
        };
        Ok(ImdsConfig {
            disabled: env.is_true("AWS_EC2_METADATA_DISABLED"),
            endpoint: if endpoint.ends_with('/') {
                endpoint
            } else {
                format!("{endpoint}/")
            },
            timeout,
            attempts,
            v1_disabled: flag("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(
        env: &[(&str, &str)],
        profile: &[(&str, &str)],
    ) -> Result<ImdsConfig, ImdsConfigError> {
        let profile = profile
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ImdsConfig::resolve(&Env::from_pairs(env.iter().copied()), &profile)
    }

    #[test]
    fn defaults_are_the_clis() {
        let c = resolve(&[], &[]).unwrap();
        assert_eq!(
            c,
            ImdsConfig {
                disabled: false,
                endpoint: DEFAULT_ENDPOINT.into(),
                timeout: Duration::from_secs(1),
                attempts: 1,
                v1_disabled: false
            }
        );
    }

    #[test]
    fn environment_beats_profile_and_modes_pick_endpoints() {
        let c = resolve(
            &[
                ("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9"),
                ("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "3"),
            ],
            &[
                ("ec2_metadata_service_endpoint", "http://127.0.0.1:8"),
                ("metadata_service_timeout", "2.5"),
            ],
        )
        .unwrap();
        assert_eq!(c.endpoint, "http://127.0.0.1:9/");
        assert_eq!((c.attempts, c.timeout), (3, Duration::from_millis(2500)));
        let v6 = resolve(&[], &[("ec2_metadata_service_endpoint_mode", "IPv6")]).unwrap();
        assert_eq!(v6.endpoint, IPV6_ENDPOINT);
        assert!(resolve(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ipv5")], &[]).is_err());
        assert!(resolve(&[("AWS_METADATA_SERVICE_TIMEOUT", "soon")], &[]).is_err());
        for huge in ["1e20", "inf", "NaN", "-1", "0"] {
            assert_eq!(
                resolve(&[], &[("metadata_service_timeout", huge)]),
                Err(ImdsConfigError::InvalidNumber {
                    name: "metadata_service_timeout",
                    value: huge.into()
                }),
                "{huge}"
            );
        }
        assert!(
            resolve(&[("AWS_EC2_METADATA_DISABLED", "TRUE")], &[])
                .unwrap()
                .disabled
        );
        assert!(
            resolve(&[], &[("ec2_metadata_v1_disabled", "true")])
                .unwrap()
                .v1_disabled
        );
    }
}
