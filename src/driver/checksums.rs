//! Request checksums as current SDKs send them (botocore's flexible checksums): an operation
//! that requires one, or that offers one while `request_checksum_calculation` is
//! `when_supported` (the default), carries the checksum of its body in a header, CRC32 unless
//! the command named another algorithm; the algorithm is also named in the request-algorithm
//! member's header (S3's `x-amz-sdk-checksum-algorithm`). Always sent as a header, never as
//! an aws-chunked trailer.

use serde_json::{Map, Value};

use crate::error::Error;
use crate::model::{Location, Operation, ServiceModel};
use crate::services::s3::transfer::checksum::Algorithm;
use crate::settings::Settings;

/// `request_checksum_calculation` (or `response_checksum_validation`): the variable, else
/// the profile's key, else `when_supported`.
fn when_supported(settings: &Settings, variable: &str, key: &str) -> bool {
    let value = settings
        .env
        .get(variable)
        .map(str::to_string)
        .or_else(|| settings.profile_config.get(key).cloned());
    !value.is_some_and(|v| v.eq_ignore_ascii_case("when_required"))
}

/// Asks for the response's checksum (`ChecksumMode=ENABLED` on S3's GetObject) where the
/// operation offers it and `response_checksum_validation` is `when_supported`.
pub fn ask_for_response_checksum(
    settings: &Settings,
    operation: &Operation,
    params: &mut Map<String, Value>,
) {
    let Some(member) = operation
        .http_checksum
        .as_ref()
        .and_then(|c| c.request_validation_mode_member.as_deref())
    else {
        return;
    };
    if !params.contains_key(member)
        && when_supported(
            settings,
            "AWS_RESPONSE_CHECKSUM_VALIDATION",
            "response_checksum_validation",
        )
    {
        params.insert(member.to_string(), Value::String("ENABLED".into()));
    }
}

/// Checks a body against the checksum its response carries, for operations that validate
/// responses (the first algorithm, in botocore's preference order, the response has). A
/// multipart object's checksum of checksums (`...-3`) cannot be checked against the bytes.
pub fn verify_response(
    operation: &Operation,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<(), Error> {
    let Some(checksum) = &operation.http_checksum else {
        return Ok(());
    };
    if checksum.request_validation_mode_member.is_none() {
        return Ok(());
    }
    for algorithm in [
        Algorithm::Crc64Nvme,
        Algorithm::Crc32c,
        Algorithm::Crc32,
        Algorithm::Sha1,
        Algorithm::Sha256,
    ] {
        if !checksum
            .response_algorithms
            .iter()
            .any(|a| a == algorithm.name())
        {
            continue;
        }
        let name = algorithm.header();
        let Some((_, expected)) = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(&name))
        else {
            continue;
        };
        if expected.contains('-') {
            return Ok(());
        }
        let actual = algorithm.digest(body);
        if &actual != expected {
            return Err(Error::General(format!(
                "Expected checksum {expected} did not match calculated checksum: {actual}"
            )));
        }
        return Ok(());
    }
    Ok(())
}

/// Adds the checksum headers `operation` calls for to `headers`.
pub fn add(
    settings: &Settings,
    model: &ServiceModel,
    operation: &Operation,
    params: &Map<String, Value>,
    headers: &mut Vec<(String, String)>,
    body: &[u8],
) -> Result<(), Error> {
    let checksum = operation.http_checksum.as_ref();
    let required =
        operation.http_checksum_required || checksum.is_some_and(|c| c.request_checksum_required);
    let member = checksum.and_then(|c| c.request_algorithm_member.as_deref());
    let chosen = member.and_then(|m| params.get(m)).and_then(Value::as_str);
    let algorithm = match chosen {
        Some(name) => Some(
            Algorithm::parse(&name.to_ascii_uppercase())
                .ok_or_else(|| Error::General(format!("Unsupported checksum algorithm: {name}")))?,
        ),
        None if required
            || (member.is_some()
                && when_supported(
                    settings,
                    "AWS_REQUEST_CHECKSUM_CALCULATION",
                    "request_checksum_calculation",
                )) =>
        {
            Some(Algorithm::Crc32)
        }
        None => None,
    };
    let Some(algorithm) = algorithm else {
        return Ok(());
    };
    let has = |headers: &[(String, String)], name: &str| {
        headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    if headers
        .iter()
        .any(|(n, _)| n.to_ascii_lowercase().starts_with("x-amz-checksum-"))
    {
        return Ok(());
    }
    if chosen.is_none()
        && let Some(name) = member
            .map(|m| algorithm_header(model, operation, m))
            .transpose()?
            .flatten()
        && !has(headers, &name)
    {
        headers.push((name, algorithm.name().to_string()));
    }
    headers.push((algorithm.header(), algorithm.digest(body)));
    Ok(())
}

/// The header the request-algorithm member is sent in, if it is a header member.
fn algorithm_header(
    model: &ServiceModel,
    operation: &Operation,
    member: &str,
) -> Result<Option<String>, Error> {
    let Some(input) = &operation.input else {
        return Ok(None);
    };
    let shape = model.shape(&input.shape)?;
    Ok(shape.members.get(member).and_then(|r| {
        (r.location == Some(Location::Header))
            .then(|| r.location_name.clone())
            .flatten()
    }))
}
