//! `awsctl s3 rb s3://bucket [--force]`: deletes a bucket; with `--force`, every object in it
//! first (as `s3 rm --recursive` would, printing its `delete:` lines).

use super::paths::uri::{S3Path, check_bucket};
use super::rm::{self, Options};
use crate::cli::RbArgs;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::services::s3::ops::delete_bucket;

pub async fn run(args: &RbArgs, session: &Session<'_>, printer: &mut Printer) -> Result<u8, Error> {
    let path = S3Path::require(&args.path, "<S3Uri>")?;
    let bucket = &path.bucket;
    if !path.key.is_empty() {
        return Err(Error::General(format!(
            "Please specify a valid bucket name only. E.g. s3://{bucket}"
        )));
    }
    if let Err(e) = check_bucket(bucket) {
        printer.err_line(&format!("remove_bucket failed: {} {e}", args.path))?;
        return Ok(1);
    }
    if args.force {
        let code = rm::delete_prefix(session, printer, bucket, "", &Options::default()).await?;
        if code != 0 {
            return Err(Error::General(
                "remove_bucket failed: Unable to delete all objects in the bucket, bucket will not be deleted."
                    .into(),
            ));
        }
    }
    match delete_bucket::call(session, bucket).await {
        Ok(()) => {
            printer.out_line(&format!("remove_bucket: {bucket}"))?;
            Ok(0)
        }
        Err(e) => {
            printer.err_line(&format!("remove_bucket failed: {} {e}", args.path))?;
            Ok(1)
        }
    }
}
