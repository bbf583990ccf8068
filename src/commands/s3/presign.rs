//! `awsctl s3 presign s3://bucket/key [--expires-in SECONDS]`: a GetObject URL signed in its
//! query string (SigV4), printed on stdout. No request is made.

use std::time::Duration;

use super::paths::uri::{S3Path, check_bucket};
use crate::cli::PresignArgs;
use crate::error::Error;
use crate::http::sign::Signer;
use crate::printer::Printer;
use crate::services::Session;
use crate::services::s3::ops::get_object;
use crate::services::s3::{S3, S3Request, endpoint};

/// SigV4's limit on a presigned URL's lifetime: 7 days.
pub const MAX_EXPIRES: u64 = 604_800;

pub async fn run(
    args: &PresignArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<u8, Error> {
    // S3 refuses longer-lived URLs when they are used; better to say so now (the CLI does not).
    if !(1..=MAX_EXPIRES).contains(&args.expires_in) {
        return Err(Error::ParamValidation {
            message: format!(
                "argument --expires-in: must be between 1 and {MAX_EXPIRES} seconds (7 days), got {}",
                args.expires_in
            ),
            usage: false,
        });
    }
    let path = S3Path::split(&args.path);
    check_bucket(&path.bucket)?;
    if path.key.is_empty() {
        return Err(Error::ParamValidation {
            message: "Parameter validation failed:\nInvalid length for parameter Key, value: 0, valid min length: 1".into(),
            usage: false,
        });
    }
    // The URL of the GetObject it stands for, from S3's endpoint rules.
    let request = S3Request::new(get_object::OPERATION, "GET")
        .bucket(&path.bucket)
        .key(&path.key);
    let target = endpoint::target(session, &request, None)?;
    let url = target.url;
    let url = match session.credentials().await? {
        Some(credentials) => Signer {
            credentials: &credentials,
            region: &target.signing_region,
            service: &target.signing_name,
            time: session.http()?.clock().now(),
            style: S3.style,
        }
        .presign("GET", &url, Duration::from_secs(args.expires_in))
        .map_err(|e| Error::Signing(e.to_string()))?,
        // --no-sign-request: the plain URL, as botocore gives it.
        None => url,
    };
    printer.out_line(&url)?;
    Ok(0)
}
