//! S3 paths on the command line (`s3://bucket/key`): splitting, the checks the CLI makes
//! before any request, and the bucket-name rules.

use super::arn;
use crate::error::Error;

/// A bucket and a key (possibly empty, possibly a prefix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Path {
    pub bucket: String,
    pub key: String,
}

impl S3Path {
    /// `bucket/key` with an optional `s3://` in front, split at the first `/` (after the ARN
    /// when the bucket is an access point ARN), as the CLI's `find_bucket_key` does (`ls` and
    /// `presign` accept a path without the scheme).
    pub fn split(path: &str) -> S3Path {
        let path = path.strip_prefix("s3://").unwrap_or(path);
        if let Some((bucket, key)) = arn::split(path) {
            return S3Path { bucket, key };
        }
        let (bucket, key) = path.split_once('/').unwrap_or((path, ""));
        S3Path {
            bucket: bucket.to_string(),
            key: key.to_string(),
        }
    }

    /// Requires the `s3://` scheme: `mb`, `rb` and `rm` refuse anything else, with the CLI's
    /// message (`usage` is the command's synopsis, e.g. `<S3Uri>`).
    pub fn require(path: &str, usage: &str) -> Result<S3Path, Error> {
        if !path.starts_with("s3://") {
            return Err(Error::ParamValidation {
                message: format!("{usage}\nError: Invalid argument type"),
                usage: false,
            });
        }
        Ok(S3Path::split(path))
    }

    /// `s3://bucket/key` as the CLI prints it.
    pub fn uri(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.key)
    }
}

/// botocore's check of a bucket name in any request, made before the request is sent:
/// `^[a-zA-Z0-9.\-_]{1,255}$` (legacy names with capitals and underscores still exist) or an
/// access point ARN. The s3 commands also refuse Object Lambda and Outposts bucket ARNs.
pub fn check_bucket(bucket: &str) -> Result<(), Error> {
    let invalid = |message: String| Error::ParamValidation {
        message: format!("Parameter validation failed:\n{message}"),
        usage: false,
    };
    if let Some(reason) = arn::unsupported(bucket) {
        return Err(invalid(reason.to_string()));
    }
    let valid = (1..=255).contains(&bucket.len())
        && bucket
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if valid || arn::is_valid(bucket) {
        return Ok(());
    }
    Err(invalid(format!(
        "Invalid bucket name \"{bucket}\": Bucket name must match the regex \"^[a-zA-Z0-9.\\-_]{{1,255}}$\" or be an ARN matching the regex \"{}\"",
        arn::VALID_S3_ARN
    )))
}

/// The rules for a new bucket's name (S3's general purpose bucket naming rules); the reason
/// it breaks one, if it does.
pub fn new_bucket_problem(bucket: &str) -> Option<&'static str> {
    let b = bucket.as_bytes();
    if !(3..=63).contains(&b.len()) {
        return Some("bucket names must be between 3 and 63 characters long");
    }
    if !b
        .iter()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'-'))
    {
        return Some(
            "bucket names can consist only of lowercase letters, numbers, periods (.) and hyphens (-)",
        );
    }
    if !b[0].is_ascii_alphanumeric() || !b[b.len() - 1].is_ascii_alphanumeric() {
        return Some("bucket names must begin and end with a letter or number");
    }
    if bucket.contains("..") {
        return Some("bucket names must not contain two adjacent periods");
    }
    if bucket.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some("bucket names must not be formatted as an IP address");
    }
    if bucket.starts_with("xn--") || bucket.starts_with("sthree-") {
        return Some("bucket names must not start with the prefix xn-- or sthree-");
    }
    if bucket.ends_with("-s3alias") || bucket.ends_with("--ol-s3") || bucket.ends_with("--x-s3") {
        return Some("bucket names must not end with the suffix -s3alias, --ol-s3 or --x-s3");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_like_find_bucket_key() {
        let cases = [
            ("s3://b/k/x", "b", "k/x"),
            ("s3://b", "b", ""),
            ("s3://b/", "b", ""),
            ("s3://", "", ""),
            ("b/k", "b", "k"),
            ("s3://b//k", "b", "/k"),
        ];
        for (path, bucket, key) in cases {
            assert_eq!(
                S3Path::split(path),
                S3Path {
                    bucket: bucket.into(),
                    key: key.into()
                },
                "{path}"
            );
        }
    }

    #[test]
    fn the_scheme_is_required_with_the_clis_message() {
        let e = S3Path::require("demo", "<S3Uri>").unwrap_err();
        assert_eq!(
            e.render(),
            "\naws: [ERROR]: An error occurred (ParamValidation): <S3Uri>\nError: Invalid argument type\n"
        );
        assert_eq!(e.exit_code(), 252);
        assert!(S3Path::require("S3://demo", "<S3Uri>").is_err());
    }

    #[test]
    fn bucket_names() {
        assert!(check_bucket("Legacy_Bucket.1").is_ok());
        assert!(check_bucket("a b").is_err() && check_bucket("").is_err());
        assert_eq!(new_bucket_problem("my-bucket.2026"), None);
        for bad in [
            "ab",
            "Abc",
            "a_b",
            "-ab",
            "ab-",
            "a..b",
            "10.0.0.1",
            "xn--ab",
            "ab-s3alias",
        ] {
            assert!(new_bucket_problem(bad).is_some(), "{bad}");
        }
    }

    proptest! {
        /// Any bucket without `/` and any key survive the round trip through a URI.
        #[test]
        fn uri_round_trips(bucket in "[a-zA-Z0-9._-]{0,70}", key in "\\PC{0,40}") {
            let path = S3Path { bucket, key };
            prop_assert_eq!(S3Path::split(&path.uri()), path.clone());
            prop_assert_eq!(S3Path::require(&path.uri(), "<S3Uri>").unwrap(), path);
        }

        /// The split never loses or invents characters.
        #[test]
        fn split_is_lossless(path in "\\PC{0,60}") {
            let p = S3Path::split(&path);
            let rest = path.strip_prefix("s3://").unwrap_or(&path);
            let joined = if rest.contains('/') { format!("{}/{}", p.bucket, p.key) } else { p.bucket.clone() };
            prop_assert_eq!(joined, rest);
            prop_assert!(!p.bucket.contains('/'));
        }

        /// Names valid for a new bucket are valid in every request.
        #[test]
        fn new_names_are_valid_names(name in "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") {
            if new_bucket_problem(&name).is_none() {
                prop_assert!(check_bucket(&name).is_ok());
            }
        }
    }
}
