//! `cloudfront create-distribution --origin-domain-name D [--default-root-object O]`: a
//! distribution config from the CLI's template with one origin (an S3 origin for
//! `*.s3.amazonaws.com`, else a custom HTTP origin); `--distribution-config` becomes optional
//! and cannot be given with them.

use serde_json::{Value, json};

use super::{Customization, ExtraArgument, Given};
use crate::driver::argparse::{Conversion, Nargs};
use crate::driver::call::Call;
use crate::error::Error;

pub const CUSTOMIZATION: Customization = Customization {
    commands: &[("cloudfront", "create-distribution")],
    arguments: &[
        ExtraArgument {
            name: "origin-domain-name",
            nargs: Nargs::One,
            conversion: Conversion::Text,
        },
        ExtraArgument {
            name: "default-root-object",
            nargs: Nargs::One,
            conversion: Conversion::Text,
        },
    ],
    optional: &["distribution-config"],
    hidden: &[],
    removed: &[],
    apply,
    before_build: None,
};

fn apply(given: &Given, call: &mut Call) -> Result<(), Error> {
    let origin = given.all("origin-domain-name").and_then(|v| v.first());
    let root = given.all("default-root-object").and_then(|v| v.first());
    if origin.is_none() && root.is_none() {
        return Ok(());
    }
    if call.params.contains_key("DistributionConfig") {
        let key = match origin {
            Some(_) => "origin_domain_name",
            None => "default_root_object",
        };
        return Err(Error::ParamValidation {
            message: format!(
                "The key \"{key}\" cannot be specified when one of the following keys are also specified: distribution_config"
            ),
            usage: false,
        });
    }
    let mut config = template();
    if let Some(domain) = origin {
        let id = super::cloudfront_paths::unique_string(domain);
        let mut item = json!({"Id": id, "DomainName": domain, "OriginPath": ""});
        if domain.ends_with(".s3.amazonaws.com") {
            item["S3OriginConfig"] = json!({"OriginAccessIdentity": ""});
        } else {
            item["CustomOriginConfig"] =
                json!({"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "http-only"});
        }
        config["Origins"] = json!({"Quantity": 1, "Items": [item]});
        config["DefaultCacheBehavior"]["TargetOriginId"] = Value::String(id);
    }
    if let Some(root) = root {
        config["DefaultRootObject"] = root.as_str().into();
    }
    call.params.insert("DistributionConfig".into(), config);
    Ok(())
}

fn template() -> Value {
    json!({
        "CallerReference": super::cloudfront_paths::unique_string("cli"),
        "Origins": {"Quantity": 0, "Items": []},
        "DefaultCacheBehavior": {
            "TargetOriginId": "placeholder",
            "ForwardedValues": {"QueryString": false, "Cookies": {"Forward": "none"}},
            "TrustedSigners": {"Enabled": false, "Quantity": 0},
            "ViewerProtocolPolicy": "allow-all",
            "MinTTL": 0,
        },
        "Enabled": true,
        "Comment": "",
    })
}
