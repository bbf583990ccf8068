//! Access point ARNs in place of a bucket name (`s3://arn:aws:s3:us-west-2:123456789012:
//! accesspoint/ap/key`): where such a path splits into bucket and key, which ARNs a request
//! accepts as its bucket, and the ones the s3 commands refuse (Object Lambda access points,
//! Outposts buckets), with the AWS CLI's patterns and messages. S3's endpoint rules then send
//! the request to the access point's host.

use std::sync::OnceLock;

use regex_lite::Regex;

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("a valid pattern"))
}

/// Path patterns whose `bucket` is an ARN (with a `/` of its own) and `key` the rest.
fn path_patterns() -> [&'static Regex; 4] {
    static ACCESS_POINT: OnceLock<Regex> = OnceLock::new();
    static OUTPOST_ACCESS_POINT: OnceLock<Regex> = OnceLock::new();
    static OUTPOST_BUCKET: OnceLock<Regex> = OnceLock::new();
    static OBJECT_LAMBDA: OnceLock<Regex> = OnceLock::new();
    [
        regex(
            &ACCESS_POINT,
            r"^(?P<bucket>arn:(aws).*:s3:[a-z\-0-9]*:[0-9]{12}:accesspoint[:/][^/]+)/?(?P<key>.*)$",
        ),
        regex(
            &OUTPOST_ACCESS_POINT,
            r"^(?P<bucket>arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63})[/:]?(?P<key>.*)$",
        ),
        regex(
            &OUTPOST_BUCKET,
            r"^(?P<bucket>arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]bucket[/:][a-zA-Z0-9\-]{1,63})[/:]?(?P<key>.*)$",
        ),
        regex(
            &OBJECT_LAMBDA,
            r"^(?P<bucket>arn:(aws).*:s3-object-lambda:[a-z\-0-9]+:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-]{1,63})[/:]?(?P<key>.*)$",
        ),
    ]
}

/// `bucket/key` where the bucket is a resource ARN, split after the ARN.
pub fn split(path: &str) -> Option<(String, String)> {
    path_patterns().into_iter().find_map(|re| {
        let found = re.captures(path)?;
        Some((found["bucket"].to_string(), found["key"].to_string()))
    })
}

/// The ARNs botocore accepts as a request's `Bucket`.
pub const VALID_S3_ARN: &str = r"^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$|^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63}$";

pub fn is_valid(bucket: &str) -> bool {
    static VALID: OnceLock<Regex> = OnceLock::new();
    regex(&VALID, VALID_S3_ARN).is_match(bucket)
}

/// Why the s3 commands refuse this bucket, when it is an ARN they do not take.
pub fn unsupported(bucket: &str) -> Option<&'static str> {
    let [_, _, outpost_bucket, object_lambda] = path_patterns();
    if object_lambda.is_match(bucket) {
        return Some(
            "s3 commands do not support S3 Object Lambda resources. Use s3api commands instead.",
        );
    }
    if outpost_bucket.is_match(bucket) {
        return Some(
            "s3 commands do not support Outpost Bucket ARNs. Use s3control commands instead.",
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_point_paths_split_after_the_arn() {
        let ap = "arn:aws:s3:us-west-2:123456789012:accesspoint/ap";
        assert_eq!(
            split(&format!("{ap}/dir/key")),
            Some((ap.to_string(), "dir/key".to_string()))
        );
        assert_eq!(split(ap), Some((ap.to_string(), String::new())));
        let colon = "arn:aws:s3:us-west-2:123456789012:accesspoint:ap";
        assert_eq!(
            split(&format!("{colon}/k")),
            Some((colon.to_string(), "k".to_string()))
        );
        let outpost = "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01234567890123456/accesspoint/ap";
        assert_eq!(
            split(&format!("{outpost}/k")),
            Some((outpost.to_string(), "k".to_string()))
        );
        assert_eq!(split("bucket/arn:aws:s3:x"), None);
        assert_eq!(split("my-bucket/key"), None);
    }

    #[test]
    fn valid_and_refused_arns() {
        assert!(is_valid("arn:aws:s3:us-west-2:123456789012:accesspoint/ap"));
        assert!(is_valid(
            "arn:aws-cn:s3:cn-north-1:123456789012:accesspoint:ap"
        ));
        assert!(!is_valid("arn:aws:s3:us-west-2:123456789012:bucket/b"));
        assert!(!is_valid("my-bucket"));
        let lambda = "arn:aws:s3-object-lambda:us-west-2:123456789012:accesspoint/ol";
        assert!(unsupported(lambda).unwrap().contains("Object Lambda"));
        let bucket = "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-1/bucket/b";
        assert!(unsupported(bucket).unwrap().contains("Outpost Bucket"));
        assert_eq!(
            unsupported("arn:aws:s3:us-west-2:123456789012:accesspoint/ap"),
            None
        );
    }
}
