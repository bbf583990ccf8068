//! Names as the AWS CLI derives them from a model: `xform_name` turns `DescribeInstances`
//! into `describe-instances` and `DryRun` into `dry-run`; three services go by other names
//! on the command line.

/// Operation and member names botocore's regular rule would split wrongly, with the name the
/// CLI uses (botocore 1.43.67's own table of exceptions).
const EXCEPTIONS: &[(&str, &str)] = &[
    (
        "AssociateWhatsAppBusinessAccount",
        "associate-whatsapp-business-account",
    ),
    ("CreateCachediSCSIVolume", "create-cached-iscsi-volume"),
    ("CreateOAuth2Token", "create-oauth2-token"),
    ("CreateOAuth2TokenWithIAM", "create-oauth2-token-with-iam"),
    ("CreateStorediSCSIVolume", "create-stored-iscsi-volume"),
    ("CreateWhatsAppDataset", "create-whatsapp-dataset"),
    ("CreateWhatsAppFlow", "create-whatsapp-flow"),
    (
        "CreateWhatsAppMessageTemplate",
        "create-whatsapp-message-template",
    ),
    (
        "CreateWhatsAppMessageTemplateFromLibrary",
        "create-whatsapp-message-template-from-library",
    ),
    (
        "CreateWhatsAppMessageTemplateMedia",
        "create-whatsapp-message-template-media",
    ),
    ("DeleteWhatsAppFlow", "delete-whatsapp-flow"),
    (
        "DeleteWhatsAppMessageMedia",
        "delete-whatsapp-message-media",
    ),
    (
        "DeleteWhatsAppMessageTemplate",
        "delete-whatsapp-message-template",
    ),
    ("DeprecateWhatsAppFlow", "deprecate-whatsapp-flow"),
    (
        "DescribeCachediSCSIVolumes",
        "describe-cached-iscsi-volumes",
    ),
    (
        "DescribeStorediSCSIVolumes",
        "describe-stored-iscsi-volumes",
    ),
    (
        "DisassociateWhatsAppBusinessAccount",
        "disassociate-whatsapp-business-account",
    ),
    ("ExecutePartiQLBatch", "execute-partiql-batch"),
    ("ExecutePartiQLStatement", "execute-partiql-statement"),
    ("ExecutePartiQLTransaction", "execute-partiql-transaction"),
    (
        "GetLinkedWhatsAppBusinessAccount",
        "get-linked-whatsapp-business-account",
    ),
    (
        "GetLinkedWhatsAppBusinessAccountPhoneNumber",
        "get-linked-whatsapp-business-account-phone-number",
    ),
    ("GetOTelEnrichment", "get-otel-enrichment"),
    ("GetWhatsAppFlow", "get-whatsapp-flow"),
    ("GetWhatsAppFlowPreview", "get-whatsapp-flow-preview"),
    ("GetWhatsAppMessageMedia", "get-whatsapp-message-media"),
    (
        "GetWhatsAppMessageTemplate",
        "get-whatsapp-message-template",
    ),
    (
        "IntrospectOAuth2TokenWithIAM",
        "introspect-oauth2-token-with-iam",
    ),
    (
        "ListHITsForQualificationType",
        "list-hits-for-qualification-type",
    ),
    (
        "ListLinkedWhatsAppBusinessAccounts",
        "list-linked-whatsapp-business-accounts",
    ),
    ("ListWhatsAppFlowAssets", "list-whatsapp-flow-assets"),
    ("ListWhatsAppFlows", "list-whatsapp-flows"),
    (
        "ListWhatsAppMessageTemplates",
        "list-whatsapp-message-templates",
    ),
    (
        "ListWhatsAppTemplateLibrary",
        "list-whatsapp-template-library",
    ),
    ("PostWhatsAppMessageMedia", "post-whatsapp-message-media"),
    ("PublishWhatsAppFlow", "publish-whatsapp-flow"),
    (
        "PutWhatsAppBusinessAccountEventDestinations",
        "put-whatsapp-business-account-event-destinations",
    ),
    ("RevokeOAuth2TokenWithIAM", "revoke-oauth2-token-with-iam"),
    (
        "SendWhatsAppConversionEvent",
        "send-whatsapp-conversion-event",
    ),
    ("SendWhatsAppMessage", "send-whatsapp-message"),
    ("StartOTelEnrichment", "start-otel-enrichment"),
    ("StopOTelEnrichment", "stop-otel-enrichment"),
    ("UpdateWhatsAppFlow", "update-whatsapp-flow"),
    ("UpdateWhatsAppFlowAssets", "update-whatsapp-flow-assets"),
    (
        "UpdateWhatsAppMessageTemplate",
        "update-whatsapp-message-template",
    ),
];

/// Service directory names and the command names the CLI gives them.
const SERVICE_RENAMES: &[(&str, &str)] = &[
    ("s3", "s3api"),
    ("codedeploy", "deploy"),
    ("config", "configservice"),
];

/// botocore's `xform_name(name, '-')`.
pub fn xform_name(name: &str) -> String {
    if name.contains('-') {
        return name.to_string();
    }
    if let Some((_, cli)) = EXCEPTIONS.iter().find(|(model, _)| *model == name) {
        return cli.to_string();
    }
    let chars: Vec<char> = name.chars().collect();
    let chars = split_plural_acronym(chars);
    let chars = split_before_words(&chars);
    split_lower_upper(&chars).to_lowercase()
}

/// `[A-Z]{2,}s$` becomes `-` and its lower case: `ListWebACLs` -> `ListWeb-acls`.
fn split_plural_acronym(chars: Vec<char>) -> Vec<char> {
    let n = chars.len();
    if n < 3 || chars[n - 1] != 's' {
        return chars;
    }
    let capitals = chars[..n - 1]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    if capitals < 2 {
        return chars;
    }
    let start = n - 1 - capitals;
    let mut out: Vec<char> = chars[..start].to_vec();
    out.push('-');
    out.extend(chars[start..].iter().map(|c| c.to_ascii_lowercase()));
    out
}

/// `(.)([A-Z][a-z]+)` -> `\1-\2`, left to right without overlaps, as `re.sub` does.
fn split_before_words(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i + 2 < chars.len()
            && chars[i + 1].is_ascii_uppercase()
            && chars[i + 2].is_ascii_lowercase()
            && chars[i] != '\n';
        if starts_word {
            out.push(chars[i]);
            out.push('-');
            out.push(chars[i + 1]);
            let mut j = i + 2;
            while j < chars.len() && chars[j].is_ascii_lowercase() {
                out.push(chars[j]);
                j += 1;
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `([a-z0-9])([A-Z])` -> `\1-\2`.
fn split_lower_upper(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c.is_ascii_lowercase() || c.is_ascii_digit())
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_uppercase())
        {
            out.push(c);
            out.push('-');
            out.push(chars[i + 1]);
            i += 2;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The command name of a botocore service.
pub fn cli_service_name(service: &str) -> &str {
    SERVICE_RENAMES
        .iter()
        .find(|(model, _)| *model == service)
        .map_or(service, |(_, cli)| cli)
}

/// The botocore service behind a command name, if the command is a service's.
pub fn model_service_name(command: &str) -> Option<&'static str> {
    if let Some((model, _)) = SERVICE_RENAMES.iter().find(|(_, cli)| *cli == command) {
        return Some(model);
    }
    if SERVICE_RENAMES.iter().any(|(model, _)| *model == command) {
        return None;
    }
    crate::model::service_names().find(|name| *name == command)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_as_botocore_splits_them() {
        for (model, cli) in [
            ("DescribeInstances", "describe-instances"),
            ("DryRun", "dry-run"),
            ("ListWebACLs", "list-web-acls"),
            ("GatewayARNs", "gateway-arns"),
            ("SomeCNAMEs", "some-cnames"),
            ("DescribeDBInstances", "describe-db-instances"),
            ("CreateVPCEndpoint", "create-vpc-endpoint"),
            ("GetHLSStreamingSessionURL", "get-hls-streaming-session-url"),
            ("S3Location", "s3-location"),
            ("Ec2TagFilters", "ec2-tag-filters"),
            ("EC2TagFilters", "ec2-tag-filters"),
            (
                "AssociateVPCWithHostedZone",
                "associate-vpc-with-hosted-zone",
            ),
            ("MaxResults", "max-results"),
            ("IPv6Address", "i-pv6-address"),
            (
                "ListHITsForQualificationType",
                "list-hits-for-qualification-type",
            ),
            ("SendWhatsAppMessage", "send-whatsapp-message"),
            (
                "GetLinkedWhatsAppBusinessAccountPhoneNumber",
                "get-linked-whatsapp-business-account-phone-number",
            ),
            ("already-split", "already-split"),
            ("ARN", "arn"),
            ("Arns", "arns"),
            ("A", "a"),
        ] {
            assert_eq!(xform_name(model), cli, "{model}");
        }
    }

    #[test]
    fn three_services_are_renamed() {
        assert_eq!(cli_service_name("s3"), "s3api");
        assert_eq!(cli_service_name("config"), "configservice");
        assert_eq!(model_service_name("s3api"), Some("s3"));
        assert_eq!(model_service_name("deploy"), Some("codedeploy"));
        assert_eq!(model_service_name("codedeploy"), None);
        assert_eq!(model_service_name("ec2"), Some("ec2"));
        assert_eq!(model_service_name("ec3"), None);
    }
}
