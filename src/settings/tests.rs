//! The settings-precedence cases of the AWS CLI v2: a command-line option over an environment
//! variable over the config file over the default (as the CLI's configuration documentation
//! states), with v2's own choices where v1 differed (`AWS_PROFILE` before
//! `AWS_DEFAULT_PROFILE`, `AWS_REGION` before `AWS_DEFAULT_REGION`).

use super::*;
use crate::endpoints::{AddressingStyle, StsEndpoints};

fn resolve(
    args: GlobalArgs,
    env: &[(&str, &str)],
    config: &str,
) -> Result<Settings, SettingsError> {
    Settings::resolve_with_files(
        &args,
        Env::from_pairs(env.iter().copied()),
        SharedConfig::from_strings(config, ""),
    )
}

const CONFIG: &str = "[default]\nregion = us-west-2\noutput = table\n[profile dev]\nregion = eu-west-1\n[profile other]\nregion = ap-south-1\n";

#[test]
fn region_precedence_is_option_then_aws_region_then_default_region_then_profile() {
    let region = |args: GlobalArgs, env: &[(&str, &str)]| {
        resolve(args, env, CONFIG).unwrap().region.unwrap()
    };
    let env = [
        ("AWS_REGION", "eu-central-1"),
        ("AWS_DEFAULT_REGION", "ca-central-1"),
    ];
    let with_option = GlobalArgs {
        region: Some("sa-east-1".into()),
        ..Default::default()
    };
    assert_eq!(region(with_option, &env).value, "sa-east-1");
    let r = region(GlobalArgs::default(), &env);
    assert_eq!(
        (r.value.as_str(), r.origin),
        ("eu-central-1", Origin::Environment("AWS_REGION"))
    );
    assert_eq!(
        region(GlobalArgs::default(), &env[1..]).value,
        "ca-central-1"
    );
    let r = region(GlobalArgs::default(), &[]);
    assert_eq!(
        (r.value.as_str(), r.origin),
        ("us-west-2", Origin::ConfigFile)
    );
}

#[test]
fn profile_precedence_is_option_then_aws_profile_then_aws_default_profile() {
    let env = [("AWS_PROFILE", "dev"), ("AWS_DEFAULT_PROFILE", "other")];
    let s = resolve(GlobalArgs::default(), &env, CONFIG).unwrap();
    assert_eq!(
        (s.profile.as_str(), s.region.unwrap().value.as_str()),
        ("dev", "eu-west-1")
    );
    assert!(!s.profile_from_cli);
    let s = resolve(GlobalArgs::default(), &env[1..], CONFIG).unwrap();
    assert_eq!(s.profile, "other");
    let args = GlobalArgs {
        profile: Some("other".into()),
        ..Default::default()
    };
    let s = resolve(args, &env, CONFIG).unwrap();
    assert_eq!(s.profile, "other");
    assert!(s.profile_from_cli);
}

#[test]
fn unknown_profile_is_an_error_even_when_default_is_named() {
    let args = GlobalArgs {
        profile: Some("nope".into()),
        ..Default::default()
    };
    let err = resolve(args, &[], CONFIG).unwrap_err();
    assert_eq!(
        err.to_string(),
        "The config profile (nope) could not be found"
    );
    let err = resolve(GlobalArgs::default(), &[("AWS_PROFILE", "default")], "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "The config profile (default) could not be found"
    );
    // The implicit default profile may be absent.
    assert!(resolve(GlobalArgs::default(), &[], "").is_ok());
}

#[test]
fn output_precedence_and_validation() {
    let s = resolve(GlobalArgs::default(), &[], CONFIG).unwrap();
    assert!(matches!(s.output, OutputFormat::Table));
    let s = resolve(
        GlobalArgs::default(),
        &[("AWS_DEFAULT_OUTPUT", "text")],
        CONFIG,
    )
    .unwrap();
    assert!(matches!(s.output, OutputFormat::Text));
    let args = GlobalArgs {
        output: Some("yaml".into()),
        ..Default::default()
    };
    assert!(matches!(
        resolve(args, &[("AWS_DEFAULT_OUTPUT", "text")], CONFIG)
            .unwrap()
            .output,
        OutputFormat::Yaml
    ));
    assert!(matches!(
        resolve(GlobalArgs::default(), &[], "").unwrap().output,
        OutputFormat::Json
    ));
    let err = resolve(GlobalArgs::default(), &[("AWS_DEFAULT_OUTPUT", "xml")], "").unwrap_err();
    assert_eq!(err.to_string(), "Unknown output type: xml");
}

#[test]
fn retry_settings_are_validated_as_v2_does() {
    let s = resolve(GlobalArgs::default(), &[], "").unwrap();
    assert_eq!(
        s.retry,
        RetryConfig {
            mode: RetryMode::Standard,
            max_attempts: 3
        }
    );
    let s = resolve(
        GlobalArgs::default(),
        &[("AWS_MAX_ATTEMPTS", "5")],
        "[default]\nmax_attempts = 2\nretry_mode = adaptive\n",
    )
    .unwrap();
    assert_eq!(
        s.retry,
        RetryConfig {
            mode: RetryMode::Adaptive,
            max_attempts: 5
        }
    );
    let err = resolve(GlobalArgs::default(), &[("AWS_RETRY_MODE", "legacy")], "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Invalid value provided to \"mode\": \"legacy\" must be one of: \"standard\" or \"adaptive\""
    );
    let err = resolve(GlobalArgs::default(), &[("AWS_MAX_ATTEMPTS", "0")], "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Value provided to \"max_attempts\": 0 must be an integer greater than or equal to one."
    );
}

#[test]
fn endpoint_url_precedence() {
    let config = "[default]\nendpoint_url = http://profile\nservices = local\n[services local]\nsts =\n  endpoint_url = http://services-sts\n";
    let s = |env: &[(&str, &str)], option: Option<&str>| {
        let args = GlobalArgs {
            endpoint_url: option.map(str::to_string),
            ..Default::default()
        };
        resolve(args, env, config).unwrap()
    };
    let env = [
        ("AWS_ENDPOINT_URL_STS", "http://env-sts"),
        ("AWS_ENDPOINT_URL", "http://env-global"),
    ];
    assert_eq!(
        s(&env, Some("http://option")).endpoint_url("STS").unwrap(),
        "http://option"
    );
    assert_eq!(s(&env, None).endpoint_url("STS").unwrap(), "http://env-sts");
    assert_eq!(
        s(&env, None).endpoint_url("S3").unwrap(),
        "http://env-global"
    );
    assert_eq!(
        s(&[], None).endpoint_url("STS").unwrap(),
        "http://services-sts"
    );
    assert_eq!(s(&[], None).endpoint_url("EC2").unwrap(), "http://profile");
    let ignoring = [("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"), env[0]];
    assert_eq!(s(&ignoring, None).endpoint_url("STS"), None);
    assert_eq!(
        s(&ignoring, Some("http://option"))
            .endpoint_url("STS")
            .unwrap(),
        "http://option"
    );
}

#[test]
fn missing_services_section_is_reported() {
    let err = resolve(GlobalArgs::default(), &[], "[default]\nservices = gone\n").unwrap_err();
    assert!(
        err.to_string()
            .contains("the \"gone\" services configuration does not exist")
    );
}

#[test]
fn bad_region_and_timeouts() {
    let args = GlobalArgs {
        region: Some("us east".into()),
        ..Default::default()
    };
    let err = resolve(args, &[], "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Provided region_name 'us east' doesn't match a supported format."
    );
    let args = GlobalArgs {
        cli_read_timeout: Some(0),
        cli_connect_timeout: Some(5),
        ..Default::default()
    };
    let s = resolve(args, &[], "").unwrap();
    assert_eq!(s.timeouts.read, None);
    assert_eq!(s.timeouts.connect, Some(Duration::from_secs(5)));
}

#[test]
fn ca_bundle_precedence() {
    let s = resolve(
        GlobalArgs::default(),
        &[("HOME", "/h"), ("AWS_CA_BUNDLE", "~/ca.pem")],
        "[default]\nca_bundle = /p.pem\n",
    )
    .unwrap();
    assert_eq!(s.tls.ca_bundle.unwrap(), PathBuf::from("/h/ca.pem"));
    let s = resolve(
        GlobalArgs::default(),
        &[],
        "[default]\nca_bundle = /p.pem\n",
    )
    .unwrap();
    assert_eq!(s.tls.ca_bundle.unwrap(), PathBuf::from("/p.pem"));
}

#[test]
fn endpoint_switches_come_from_the_environment_then_the_profile() {
    let config = "[default]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = TRUE\nsts_regional_endpoints = legacy\ns3 =\n  addressing_style = path\n  use_accelerate_endpoint = true\n  us_east_1_regional_endpoint = legacy\n  use_dualstack_endpoint = false\n  use_arn_region = true\n";
    let from_profile = resolve(GlobalArgs::default(), &[], config)
        .unwrap()
        .endpoint;
    assert!(from_profile.use_fips && from_profile.use_dualstack);
    assert_eq!(from_profile.sts_regional_endpoints, StsEndpoints::Legacy);
    assert_eq!(from_profile.s3.addressing_style, AddressingStyle::Path);
    assert!(from_profile.s3.use_accelerate && !from_profile.s3.us_east_1_regional);
    assert_eq!(from_profile.s3.use_arn_region, Some(true));
    let env = [
        ("AWS_USE_FIPS_ENDPOINT", "false"),
        ("AWS_USE_DUALSTACK_ENDPOINT", "no"),
        ("AWS_STS_REGIONAL_ENDPOINTS", "regional"),
        ("AWS_S3_USE_ARN_REGION", "false"),
    ];
    let from_env = resolve(GlobalArgs::default(), &env, config)
        .unwrap()
        .endpoint;
    assert!(!from_env.use_fips && !from_env.use_dualstack);
    assert_eq!(from_env.sts_regional_endpoints, StsEndpoints::Regional);
    assert_eq!(from_env.s3.use_arn_region, Some(false));
    let defaults = resolve(GlobalArgs::default(), &[], "").unwrap().endpoint;
    assert_eq!(defaults, EndpointConfig::default());

    // A bad value stops a command when it needs an endpoint, not before (configure can
    // still fix it).
    let settings = resolve(
        GlobalArgs::default(),
        &[("AWS_STS_REGIONAL_ENDPOINTS", "global")],
        "",
    )
    .unwrap();
    let sts = crate::model::service("sts").unwrap().unwrap();
    assert_eq!(
        settings.endpoint_settings(sts).unwrap_err().to_string(),
        "STS regional endpoints option global is invalid. Valid values are: legacy, regional"
    );
}

#[test]
fn a_service_sees_its_own_endpoint_url_and_s3_its_own_dualstack() {
    let config = "[default]\nregion = eu-west-1\nuse_dualstack_endpoint = true\nservices = local\ns3 =\n  use_dualstack_endpoint = false\n[services local]\nsts =\n  endpoint_url = http://127.0.0.1:5000\n";
    let settings = resolve(
        GlobalArgs::default(),
        &[(
            "AWS_ENDPOINT_URL_ELASTIC_BEANSTALK",
            "http://127.0.0.1:6000",
        )],
        config,
    )
    .unwrap();
    let of = |name: &str| {
        settings
            .endpoint_settings(crate::model::service(name).unwrap().unwrap())
            .unwrap()
    };
    let sts = of("sts");
    assert_eq!(sts.endpoint_url.as_deref(), Some("http://127.0.0.1:5000"));
    assert_eq!(sts.region.as_deref(), Some("eu-west-1"));
    assert!(sts.use_dualstack);
    assert!(!of("s3").use_dualstack);
    assert_eq!(of("s3").endpoint_url, None);
    assert_eq!(
        of("elasticbeanstalk").endpoint_url.as_deref(),
        Some("http://127.0.0.1:6000")
    );
    assert_eq!(env_service_id("Elastic Beanstalk"), "ELASTIC_BEANSTALK");
}
