//! `s3 cp` of one object or file: resolving where it goes (a key or directory ending in `/`
//! takes the source's name), the HeadObject the CLI makes first (its 404 reworded the CLI's
//! way), archived objects skipped (or not), and the one transfer with its result line.

use super::cp::{Cp, Location};
use super::cp_report::Event;
use super::filter::s3_root;
use super::format::safe;
use super::local_path::{absolute, display};
use super::uri::S3Path;
use crate::error::Error;
use crate::printer::Printer;
use crate::protocol::timestamp;
use crate::services::Session;
use crate::services::s3::ops::head_object;
use crate::services::s3::transfer::copy::CopySource;
use crate::services::s3::transfer::download::Source;
use crate::services::s3::transfer::retry;
use crate::services::s3::transfer::upload::Target;

/// One object or file.
pub async fn single(
    cp: &Cp<'_>,
    stdout: Option<&mut Printer>,
    source: &Location,
    destination: &Location,
) -> Result<Event, Error> {
    match (source, destination) {
        (Location::Local(file), Location::S3(dest)) => {
            let abs = absolute(file, &cp.cwd);
            let root = abs
                .parent()
                .map(|p| format!("{}/", p.display()))
                .unwrap_or_default();
            if !cp.filter(&root).includes(&abs.to_string_lossy())
                || (!cp.follow_symlinks && file.is_symlink())
            {
                return Ok(Event::Nothing);
            }
            let name = abs
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            let key = if dest.key.is_empty() || dest.key.ends_with('/') {
                format!("{}{name}", dest.key)
            } else {
                dest.key.clone()
            };
            Ok(cp
                .upload(&abs, &display(file, &cp.cwd), &dest.bucket, &key)
                .await)
        }
        (Location::Stream, Location::S3(dest)) => {
            let line = format!("- to {}", safe(&dest.uri()));
            if cp.dryrun {
                return Ok(Event::Success(format!("(dryrun) upload: {line}")));
            }
            if let Some(failed) = cp.failed_by_option("upload", &line) {
                return Ok(failed);
            }
            let mut stdin = tokio::io::stdin();
            let target = Target {
                bucket: &dest.bucket,
                key: &dest.key,
                attributes: &cp.attributes,
            };
            Ok(
                match cp
                    .engine
                    .upload_stream(&mut stdin, target, cp.expected_size)
                    .await
                {
                    Ok(()) => Event::Success(format!("upload: {line}")),
                    Err(e) => Event::Failure(format!("upload failed: {line} {e}")),
                },
            )
        }
        (Location::S3(src), dest) => {
            if !cp
                .filter(&s3_root(&src.bucket, &src.key, false))
                .includes(&format!("{}/{}", src.bucket, src.key))
            {
                return Ok(Event::Nothing);
            }
            let head = match head(cp.engine.session, src).await {
                Ok(head) => head,
                Err(line) => return Ok(Event::Failure(line)),
            };
            let object = Source {
                bucket: &src.bucket,
                key: &src.key,
                size: head.content_length,
                crc32: head.crc32.as_deref(),
                last_modified: head.last_modified.as_deref().and_then(timestamp::http_date),
            };
            let name = src.key.rsplit('/').next().unwrap_or_default();
            let class = head.storage_class.as_deref();
            if let Some(skipped) =
                cp.glacier
                    .skip(class, head.restored, &src.bucket, &src.key, dest)
            {
                return Ok(skipped);
            }
            match dest {
                Location::Local(path) => {
                    let is_dir = path.is_dir() || path.to_string_lossy().ends_with('/');
                    let path = if is_dir {
                        path.join(name)
                    } else {
                        path.clone()
                    };
                    Ok(cp
                        .download(object, &absolute(&path, &cp.cwd), &display(&path, &cp.cwd))
                        .await)
                }
                Location::Stream => {
                    let line = format!("{} to -", safe(&src.uri()));
                    if cp.dryrun {
                        return Ok(Event::Success(format!("(dryrun) download: {line}")));
                    }
                    let out = stdout.expect("a stream destination comes with stdout");
                    Ok(match cp.engine.download_to(object, out.out()).await {
                        Ok(()) => Event::Success(format!("download: {line}")),
                        Err(e) => Event::Failure(format!("download failed: {line} {e}")),
                    })
                }
                Location::S3(dest) => {
                    let key = if dest.key.is_empty() || dest.key.ends_with('/') {
                        format!("{}{name}", dest.key)
                    } else {
                        dest.key.clone()
                    };
                    let source = CopySource {
                        bucket: &src.bucket,
                        key: &src.key,
                        size: head.content_length,
                    };
                    Ok(cp.copy(source, &dest.bucket, &key).await)
                }
            }
        }
        _ => unreachable!("run() refuses copies without an S3 side"),
    }
}

/// HeadObject before a single download or copy, as the CLI does; its 404 is reworded the
/// CLI's way. The error is the whole `fatal error:` line.
async fn head(session: &Session<'_>, src: &S3Path) -> Result<head_object::Head, String> {
    if src.key.is_empty() {
        return Err("fatal error: Parameter validation failed:\nInvalid length for parameter Key, value: 0, valid min length: 1".into());
    }
    let asked = retry::again(session.log(), "HeadObject", || {
        head_object::call(session, &src.bucket, &src.key, None)
    });
    match asked.await {
        Ok(head) => Ok(head),
        Err(Error::Service(mut e)) if e.status == 404 => {
            e.message = Some(format!("Key \"{}\" does not exist", src.key));
            Err(format!("fatal error: {}", safe(&e.to_string())))
        }
        Err(e) => Err(format!("fatal error: {e}")),
    }
}

/// What happens to archived (GLACIER, DEEP_ARCHIVE) objects, which cannot be read until
/// restored: skipped with the CLI's warning (exit 2), skipped silently
/// (`--ignore-glacier-warnings`), or transferred anyway (`--force-glacier-transfer`).
#[derive(Debug, Clone, Copy)]
pub struct Glacier {
    pub warn: bool,
    pub force: bool,
}

impl Glacier {
    /// The event for an object that is not transferred, or `None` to go ahead. A listing
    /// does not say whether an archived object was restored (`restored` false): the CLI
    /// skips them all.
    pub fn skip(
        &self,
        storage_class: Option<&str>,
        restored: bool,
        bucket: &str,
        key: &str,
        to: &Location,
    ) -> Option<Event> {
        let archived = matches!(storage_class, Some("GLACIER" | "DEEP_ARCHIVE"));
        if !archived || restored || self.force {
            return None;
        }
        if !self.warn {
            return Some(Event::Nothing);
        }
        let operation = match to {
            Location::S3(_) => "copy",
            _ => "download",
        };
        Some(Event::Warning(format!(
            "warning: Skipping file s3://{bucket}/{}. Object is of storage class GLACIER. Unable to perform {operation} operations on GLACIER objects. You must restore the object to be able to perform the operation. See aws s3 {operation} help for additional parameter options to ignore or force these transfers.",
            safe(key)
        )))
    }
}
