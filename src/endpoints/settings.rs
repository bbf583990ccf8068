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

impl EndpointSettings {
    /// The value of a built-in parameter (`AWS::Region`, `SDK::Endpoint`, ...), if the
    /// settings give one.
    pub fn built_in(&self, name: &str) -> Option<Val> {
        let flag = |b: bool| Some(Val::Bool(b));
        let text = |s: &Option<String>| s.clone().map(Val::Str);
        let region = self.region.as_deref();
        match name {
            "AWS::Region" => text(&self.region),
            "AWS::UseFIPS" => flag(self.use_fips),
            "AWS::UseDualStack" => flag(self.use_dualstack),
            "SDK::Endpoint" => text(&self.endpoint_url),
            "AWS::S3::ForcePathStyle" => flag(self.s3.addressing_style == AddressingStyle::Path),
            "AWS::S3::Accelerate" => flag(self.s3.use_accelerate),
            "AWS::S3::UseGlobalEndpoint" => {
                flag(!self.s3.us_east_1_regional && matches!(region, None | Some("us-east-1")))
            }
            "AWS::S3::UseArnRegion" | "AWS::S3Control::UseArnRegion" => {
                self.s3.use_arn_region.map(Val::Bool)
            }
            "AWS::S3::DisableMultiRegionAccessPoints" => {
                flag(self.s3.disable_multiregion_access_points)
            }
            // The rules themselves keep the global endpoint to the regions that had it.
            "AWS::STS::UseGlobalEndpoint" => flag(
                self.sts_regional_endpoints == StsEndpoints::Legacy && self.endpoint_url.is_none(),
            ),
            "AWS::Auth::AccountId" => text(&self.account_id),
            "AWS::Auth::AccountIdEndpointMode" => text(&self.account_id_endpoint_mode),
            _ => None,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sts_goes_global_only_under_legacy_without_a_custom_endpoint() {
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
        s.endpoint_url = Some("http://127.0.0.1:5000".into());
        assert_eq!(
            s.built_in("AWS::STS::UseGlobalEndpoint"),
            Some(Val::Bool(false))
        );
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
        assert_eq!(s.built_in("AWS::S3::UseArnRegion"), None);
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
