//! `awsctl s3 mb s3://bucket`: creates a bucket in the client's region.

use super::paths::uri::{S3Path, new_bucket_problem};
use crate::cli::MbArgs;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::services::s3::ops::create_bucket;

pub async fn run(args: &MbArgs, session: &Session<'_>, printer: &mut Printer) -> Result<u8, Error> {
    let path = S3Path::require(&args.path, "<S3Uri>")?;
    let bucket = &path.bucket;
    if bucket.ends_with("--x-s3") {
        return Err(Error::General(
            "Cannot use mb command with a directory bucket.".into(),
        ));
    }
    // Checked here rather than left to S3: some S3-compatible stores accept any name.
    let result = match new_bucket_problem(bucket) {
        Some(problem) => Err(format!(
            "Parameter validation failed:\nInvalid bucket name \"{bucket}\": {problem}"
        )),
        None => create_bucket::call(session, bucket)
            .await
            .map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => {
            printer.out_line(&format!("make_bucket: {bucket}"))?;
            Ok(0)
        }
        Err(message) => {
            printer.err_line(&format!("make_bucket failed: {} {message}", args.path))?;
            Ok(1)
        }
    }
}
