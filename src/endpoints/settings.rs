//! The settings endpoint resolution reads, as one value the driver fills from `Settings`
//! (`--endpoint-url`, the region, FIPS and dual-stack, S3's and STS's own switches), and
//! the built-in parameters they become.

use super::Val;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AddressingStyle {
    /// Virtual-hosted where the bucket name allows it.
    #[default]
    Auto,
    Path,
    Virtual,
}

/// `sts_regional_endpoints`: v2's default is `regional`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StsEndpoints {
    Legacy,
    #[default]
    Regional,
}

/// S3's switches (the profile's `s3 =` block and its environment variables).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Settings {
    pub addressing_style: AddressingStyle,
    pub use_accelerate: bool,
    /// `us_east_1_regional_endpoint`: `regional` (v2's default) or `legacy` (`s3.amazonaws.com`).
    pub us_east_1_regional: bool,
    pub use_arn_region: Option<bool>,
    pub disable_multiregion_access_points: bool,
}

impl Default for S3Settings {
    fn default() -> S3Settings {
        S3Settings {
            addressing_style: AddressingStyle::Auto,
            use_accelerate: false,
            us_east_1_regional: true,
            use_arn_region: None,
            disable_multiregion_access_points: false,
        }
    }
}

/// Everything endpoint resolution needs from the settings, for one service.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EndpointSettings {
    pub region: Option<String>,
    pub use_fips: bool,
    pub use_dualstack: bool,
    /// The chosen custom endpoint: `--endpoint-url`, else the service's configured one.
    pub endpoint_url: Option<String>,
    pub s3: S3Settings,
    pub sts_regional_endpoints: StsEndpoints,
    /// The account of the credentials, for account-based endpoints (DynamoDB).
    pub account_id: Option<String>,
    /// `account_id_endpoint_mode`: `preferred` (default), `required` or `disabled`.
    pub account_id_endpoint_mode: Option<String>,
    /// Client context parameters by the rule set's name (`DisableS3ExpressSessionAuth`).
    pub client_context: Vec<(String, Val)>,
}

/// The regions whose STS requests go to `sts.amazonaws.com` under `legacy`.
const LEGACY_GLOBAL_STS_REGIONS: &[&str] = &[
    "ap-northeast-1",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "aws-global",
    "ca-central-1",
    "eu-central-1",
    "eu-north-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];

impl EndpointSettings {
    /// The value of a built-in parameter (`AWS::Region`, `SDK::Endpoint`, ...), if the
    /// settings give one. As in the CLI, a custom endpoint turns FIPS and dual-stack off and
    /// S3 to path style (unless `virtual` is asked for).
    pub fn built_in(&self, name: &str) -> Option<Val> {
        let flag = |b: bool| Some(Val::Bool(b));
        let text = |s: &Option<String>| s.clone().map(Val::Str);
        let region = self.region.as_deref();
        let custom = self.endpoint_url.is_some();
        match name {
            "AWS::Region" => text(&self.region),
            "AWS::UseFIPS" => flag(self.use_fips && !custom),
            "AWS::UseDualStack" => flag(self.use_dualstack && !custom),
            "SDK::Endpoint" => text(&self.endpoint_url),
            "AWS::S3::ForcePathStyle" => flag(self.force_path_style()),
            "AWS::S3::Accelerate" => flag(self.s3.use_accelerate),
            "AWS::S3::UseGlobalEndpoint" => {
                flag(!self.s3.us_east_1_regional && matches!(region, None | Some("us-east-1")))
            }
            "AWS::S3::UseArnRegion" => flag(self.s3.use_arn_region.unwrap_or(true)),
            "AWS::S3Control::UseArnRegion" => flag(self.s3.use_arn_region.unwrap_or(false)),
            "AWS::S3::DisableMultiRegionAccessPoints" => {
                flag(self.s3.disable_multiregion_access_points)
            }
            "AWS::STS::UseGlobalEndpoint" => flag(
                self.sts_regional_endpoints == StsEndpoints::Legacy
                    && !custom
                    && region.is_some_and(|r| LEGACY_GLOBAL_STS_REGIONS.contains(&r)),
            ),
            "AWS::Auth::AccountId" => text(&self.account_id),
            "AWS::Auth::AccountIdEndpointMode" => text(&self.account_id_endpoint_mode),
            _ => None,
        }
    }

    /// Accelerate never goes path style; a custom endpoint does unless `virtual` is set.
    fn force_path_style(&self) -> bool {
        match &self.endpoint_url {
            _ if self.s3.use_accelerate => false,
            Some(url) if !is_s3_accelerate_url(url) => {
                self.s3.addressing_style != AddressingStyle::Virtual
            }
            _ => self.s3.addressing_style == AddressingStyle::Path,
        }
    }

    pub(crate) fn client_context_param(&self, name: &str) -> Option<Val> {
        self.client_context
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

/// `https://s3-accelerate[.dualstack].amazonaws.com`: an endpoint URL that is S3 Transfer
/// Acceleration's own.
fn is_s3_accelerate_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if !matches!(scheme, "http" | "https") || !host.ends_with("amazonaws.com") {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 3 || labels[0] != "s3-accelerate" {
        return false;
    }
    let features = &labels[1..labels.len() - 2];
    features.len() <= 1 && features.iter().all(|f| *f == "dualstack")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sts_goes_global_only_under_legacy_in_its_old_regions() {
        let mut s = EndpointSettings {
            region: Some("eu-west-1".into()),
            ..Default::default()
        };
        assert_eq!(
            s.built_in("AWS::STS::UseGlobalEndpoint"),
            Some(Val::Bool(false))
        );
        s.sts_regional_endpoints = StsEndpoints::Legacy;
        assert_eq!(
            s.built_in("AWS::STS::UseGlobalEndpoint"),
            Some(Val::Bool(true))
        );
        s.region = Some("af-south-1".into());
        assert_eq!(
            s.built_in("AWS::STS::UseGlobalEndpoint"),
            Some(Val::Bool(false))
        );
        s.region = Some("us-east-1".into());
        s.endpoint_url = Some("http://127.0.0.1:5000".into());
        assert_eq!(
            s.built_in("AWS::STS::UseGlobalEndpoint"),
            Some(Val::Bool(false))
        );
    }

    #[test]
    fn a_custom_endpoint_turns_fips_and_dualstack_off_and_s3_to_path_style() {
        let mut s = EndpointSettings {
            use_fips: true,
            use_dualstack: true,
            endpoint_url: Some("http://localhost:9000".into()),
            ..Default::default()
        };
        assert_eq!(s.built_in("AWS::UseFIPS"), Some(Val::Bool(false)));
        assert_eq!(s.built_in("AWS::UseDualStack"), Some(Val::Bool(false)));
        assert_eq!(s.built_in("AWS::S3::ForcePathStyle"), Some(Val::Bool(true)));
        s.s3.addressing_style = AddressingStyle::Virtual;
        assert_eq!(
            s.built_in("AWS::S3::ForcePathStyle"),
            Some(Val::Bool(false))
        );
        s.s3.addressing_style = AddressingStyle::Auto;
        s.endpoint_url = Some("https://s3-accelerate.dualstack.amazonaws.com".into());
        assert_eq!(
            s.built_in("AWS::S3::ForcePathStyle"),
            Some(Val::Bool(false))
        );
        s.s3.use_accelerate = true;
        s.s3.addressing_style = AddressingStyle::Path;
        assert_eq!(
            s.built_in("AWS::S3::ForcePathStyle"),
            Some(Val::Bool(false))
        );
        assert!(!is_s3_accelerate_url("https://s3-accelerate.example.com"));
        assert!(!is_s3_accelerate_url(
            "https://s3-accelerate.foo.amazonaws.com"
        ));
    }

    #[test]
    fn s3_switches_become_built_ins() {
        let mut s = EndpointSettings::default();
        assert_eq!(
            s.built_in("AWS::S3::ForcePathStyle"),
            Some(Val::Bool(false))
        );
        assert_eq!(
            s.built_in("AWS::S3::UseGlobalEndpoint"),
            Some(Val::Bool(false))
        );
        assert_eq!(s.built_in("AWS::S3::UseArnRegion"), Some(Val::Bool(true)));
        assert_eq!(
            s.built_in("AWS::S3Control::UseArnRegion"),
            Some(Val::Bool(false))
        );
        s.s3.addressing_style = AddressingStyle::Path;
        s.s3.us_east_1_regional = false;
        assert_eq!(s.built_in("AWS::S3::ForcePathStyle"), Some(Val::Bool(true)));
        assert_eq!(
            s.built_in("AWS::S3::UseGlobalEndpoint"),
            Some(Val::Bool(true))
        );
        s.region = Some("eu-west-1".into());
        assert_eq!(
            s.built_in("AWS::S3::UseGlobalEndpoint"),
            Some(Val::Bool(false))
        );
    }
}
