//! The transfer options that describe the new objects (`--content-type`, `--metadata`,
//! `--acl`, `--grants`, `--sse`, `--expires`, ...) turned into the [`Attributes`] every
//! PutObject, CreateMultipartUpload and CopyObject sends, with the CLI's checks.

use super::location::Location;
use crate::cli::TransferArgs;
use crate::error::Error;
use crate::protocol::timestamp::HTTP_DATE;
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::transfer::checksum::Algorithm;

/// A value the CLI takes on the command line but that fails only once transfers start, and
/// how: every upload and copy fails with it (a bad `--expires`, which botocore validates per
/// request), or the whole command stops with `fatal error:` (a bad `--grants`). Exit 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    EachTransfer(String),
    Fatal(String),
}

pub fn attributes(args: &TransferArgs) -> Result<(Attributes, Option<Problem>), Error> {
    let mut problem = None;
    let expires = match args.expires.as_deref().map(http_date) {
        Some(Err(message)) => {
            problem = Some(Problem::EachTransfer(message));
            None
        }
        other => other.transpose().unwrap_or_default(),
    };
    let grants = match args.grants.iter().map(|g| grant(g)).collect() {
        Ok(grants) => grants,
        Err(message) => {
            problem = Some(Problem::Fatal(message));
            Vec::new()
        }
    };
    let attributes = Attributes {
        content_type: args.content_type.clone(),
        cache_control: args.cache_control.clone(),
        content_disposition: args.content_disposition.clone(),
        content_encoding: args.content_encoding.clone(),
        content_language: args.content_language.clone(),
        expires,
        metadata: parse_metadata(args.metadata.as_deref())?,
        storage_class: args.storage_class.clone(),
        metadata_directive: args.metadata_directive.clone(),
        acl: args.acl.clone(),
        grants,
        sse: args.sse.clone(),
        sse_kms_key_id: args.sse_kms_key_id.clone(),
        website_redirect: args.website_redirect.clone(),
        checksum: args
            .checksum_algorithm
            .as_deref()
            .and_then(Algorithm::parse),
    };
    Ok((attributes, problem))
}

/// `--checksum-algorithm` asks S3 to store a checksum of new objects: with a download there
/// is none to make, and the CLI refuses it before anything runs.
pub fn check_paths(args: &TransferArgs, destination: &Location) -> Result<(), Error> {
    if args.checksum_algorithm.is_some()
        && matches!(destination, Location::Local(_) | Location::Stream)
    {
        return Err(Error::General(
            "Expected checksum-algorithm parameter to be used with one of following path formats: <LocalPath> <S3Uri>, <S3Uri> <S3Uri>. Instead, received <S3Uri> <LocalPath>.".into(),
        ));
    }
    Ok(())
}

/// `read=uri=http://acs.amazonaws.com/groups/global/AllUsers`: the header and its grantee.
fn grant(text: &str) -> Result<(&'static str, String), String> {
    let (permission, grantee) = text
        .split_once('=')
        .ok_or_else(|| "grants should be of the form permission=principal".to_string())?;
    let header = match permission {
        "read" => "read",
        "full" => "full-control",
        "readacl" => "read-acp",
        "writeacl" => "write-acp",
        _ => return Err("permission must be one of: read|readacl|writeacl|full".into()),
    };
    Ok((header, grantee.to_string()))
}

/// `--expires` in the forms botocore's date parser takes: ISO 8601 with or without a zone
/// (taken as UTC), a space for the `T`, minutes or seconds, the basic form
/// (`20261231T100000Z`), a date alone; an HTTP date; epoch seconds. Sent as an HTTP date, as
/// botocore sends header timestamps.
fn http_date(text: &str) -> Result<String, String> {
    use time::macros::format_description as f;
    let text = text.trim();
    let naive = [
        f!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        f!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        f!("[year]-[month]-[day]T[hour]:[minute]"),
        f!("[year]-[month]-[day] [hour]:[minute]"),
        f!("[year][month][day]T[hour][minute][second]Z"),
        f!("[year][month][day]T[hour][minute][second]"),
        HTTP_DATE,
    ];
    let parsed = crate::protocol::timestamp::parse(text)
        .or_else(|| {
            naive.iter().find_map(|format| {
                time::PrimitiveDateTime::parse(text, format)
                    .ok()
                    .map(|t| t.assume_utc())
            })
        })
        .or_else(|| {
            time::Date::parse(text, f!("[year]-[month]-[day]"))
                .ok()
                .map(|d| d.midnight().assume_utc())
        })
        .ok_or_else(|| {
            format!(
                "Parameter validation failed:\nInvalid type for parameter Expires, value: {text}, type: <class 'str'>, valid types: <class 'datetime.datetime'>, timestamp-string"
            )
        })?;
    let format = HTTP_DATE;
    let utc = parsed.to_offset(time::UtcOffset::UTC);
    Ok(utc.format(format).expect("an HTTP date formats"))
}

/// `--metadata`: shorthand `k1=v1,k2=v2` or a JSON object of strings.
fn parse_metadata(text: Option<&str>) -> Result<Vec<(String, String)>, Error> {
    let Some(text) = text.map(str::trim) else {
        return Ok(Vec::new());
    };
    let invalid = |why: &str| Error::ParamValidation {
        message: format!("Error parsing parameter '--metadata': {why}"),
        usage: false,
    };
    if text.starts_with('{') {
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(text).map_err(|e| invalid(&format!("Invalid JSON: {e}")))?;
        return map
            .into_iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => Ok((k, s)),
                _ => Err(invalid("values must be strings")),
            })
            .collect();
    }
    text.split(',')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            pair.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| invalid(&format!("Expected: '=', received: EOF for input: {pair}")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_in_both_syntaxes() {
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(
            parse_metadata(Some("a=1,b=two")).unwrap(),
            pairs(&[("a", "1"), ("b", "two")])
        );
        assert_eq!(
            parse_metadata(Some(r#"{"a":"1"}"#)).unwrap(),
            pairs(&[("a", "1")])
        );
        assert!(parse_metadata(Some("novalue")).is_err());
        assert!(parse_metadata(Some(r#"{"a":1}"#)).is_err());
        assert_eq!(parse_metadata(None).unwrap(), vec![]);
    }

    #[test]
    fn expires_is_sent_as_an_http_date() {
        let expected = "Thu, 31 Dec 2026 00:00:00 GMT";
        assert_eq!(http_date("2026-12-31T00:00:00Z").unwrap(), expected);
        assert_eq!(http_date("2026-12-31").unwrap(), expected);
        assert_eq!(http_date("2026-12-31T01:00:00+01:00").unwrap(), expected);
        assert_eq!(http_date("1798675200").unwrap(), expected);
        for form in [
            "2026-12-31 00:00:00",
            "2026-12-31T00:00",
            "20261231T000000Z",
            "Thu, 31 Dec 2026 00:00:00 GMT",
        ] {
            assert_eq!(http_date(form).unwrap(), expected, "{form}");
        }
        assert!(http_date("next tuesday").is_err());
    }

    #[test]
    fn grants_name_their_headers() {
        assert_eq!(
            grant("read=uri=http://acs.amazonaws.com/groups/global/AllUsers").unwrap(),
            (
                "read",
                "uri=http://acs.amazonaws.com/groups/global/AllUsers".into()
            )
        );
        assert_eq!(grant("full=id=abc").unwrap().0, "full-control");
        assert!(grant("write=id=abc").is_err());
        assert!(grant("nothing").is_err());
    }
}
