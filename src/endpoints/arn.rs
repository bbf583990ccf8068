//! `aws.parseArn`: `arn:partition:service:region:account:resource`, the resource split into
//! its `:`- and `/`-separated parts.

use super::value::Val;

pub fn parse_arn(value: &str) -> Option<Val> {
    let mut parts = value.splitn(6, ':');
    let (Some("arn"), Some(partition), Some(service), Some(region), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let resource_id = resource
        .split([':', '/'])
        .map(|p| Val::Str(p.to_string()))
        .collect();
    Some(Val::record(vec![
        ("partition", Val::Str(partition.to_string())),
        ("service", Val::Str(service.to_string())),
        ("region", Val::Str(region.to_string())),
        ("accountId", Val::Str(account.to_string())),
        ("resourceId", Val::Array(resource_id)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_access_point_arn() {
        let arn = parse_arn("arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap").unwrap();
        assert_eq!(arn.field("region"), Some(&Val::Str("us-west-2".into())));
        assert_eq!(
            arn.field("resourceId"),
            Some(&Val::Array(vec![
                Val::Str("accesspoint".into()),
                Val::Str("my-ap".into())
            ]))
        );
    }

    #[test]
    fn rejects_what_is_not_an_arn() {
        assert_eq!(parse_arn("arn:aws:s3:::"), None);
        assert_eq!(parse_arn("arn::s3:us-east-1:1:x"), None);
        assert_eq!(parse_arn("not:aws:s3:r:a:x"), None);
        assert_eq!(parse_arn("my-bucket"), None);
    }
}
