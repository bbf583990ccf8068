//! `s3 cp --recursive`: every file under a directory or every object under a prefix that the
//! filters keep, through one bounded pool of `max_concurrent_requests` transfers. The S3 side
//! is listed page by page as the pool drains, so a huge prefix is never held in memory.
//! Downloads never write outside the destination: a key that would is skipped with the
//! CLI's warning (exit 2).

use std::path::Path;

use futures_util::{Stream, StreamExt, stream};

use super::cp::{Cp, Location, PROGRESS_EVERY};
use super::cp_report::{Event, Report};
use super::filter::s3_root;
use super::format::safe;
use super::listing::list;
use super::local_path::{absolute, contained_join, display};
use super::local_tree::{Found, LocalTree};
use crate::error::Error;
use crate::protocol::timestamp;
use crate::services::s3::transfer::copy::CopySource;
use crate::services::s3::transfer::download::Source;

pub async fn run(
    cp: &Cp<'_>,
    report: &mut Report<'_>,
    source: &Location,
    destination: &Location,
) -> Result<(), Error> {
    let pool = cp.engine.config.max_concurrent_requests;
    match (source, destination) {
        (Location::Local(dir), Location::S3(dest)) => {
            let root = absolute(dir, &cp.cwd);
            let filter = cp.filter(&format!("{}/", root.display()));
            let prefix = as_prefix(&dest.key);
            let jobs = LocalTree::new(&root, cp.follow_symlinks).map(|found| {
                let filter = &filter;
                let prefix = &prefix;
                async move {
                    let file = match found {
                        Found::File(file) => file,
                        Found::Skipped(warning) => return Event::Warning(warning),
                    };
                    if !filter.includes(&file.path.to_string_lossy()) {
                        return Event::Nothing;
                    }
                    let key = format!("{prefix}{}", file.key);
                    let shown = display(&file.path, &cp.cwd);
                    cp.upload(&file.path, &shown, &dest.bucket, &key).await
                }
            });
            drain(cp, report, stream::iter(jobs).buffer_unordered(pool)).await
        }
        (Location::S3(src), dest) => {
            let prefix = as_prefix(&src.key);
            let filter = cp.filter(&s3_root(&src.bucket, &prefix, true));
            let objects = list(cp.engine.session, src, prefix.clone());
            let jobs = objects.map(|object| {
                let filter = &filter;
                let prefix = &prefix;
                async move {
                    let object = match object {
                        Ok(object) => object,
                        Err(e) => return Event::Failure(format!("fatal error: {e}")),
                    };
                    if object.key.ends_with('/')
                        || !filter.includes(&format!("{}/{}", src.bucket, object.key))
                    {
                        return Event::Nothing;
                    }
                    // The listing keeps only keys under the prefix.
                    let relative = object.key.strip_prefix(prefix.as_str()).unwrap_or_default();
                    let class = object.storage_class.as_deref();
                    if let Some(skipped) =
                        cp.glacier
                            .skip(class, false, &src.bucket, &object.key, dest)
                    {
                        return skipped;
                    }
                    match dest {
                        Location::Local(dir) => {
                            let source = Source {
                                bucket: &src.bucket,
                                key: &object.key,
                                size: object.size,
                                crc32: None,
                                last_modified: timestamp::parse(&object.last_modified)
                                    .map(Into::into),
                            };
                            download(cp, source, relative, dir).await
                        }
                        Location::S3(dest) => {
                            let key = format!("{}{relative}", as_prefix(&dest.key));
                            let source = CopySource {
                                bucket: &src.bucket,
                                key: &object.key,
                                size: object.size,
                            };
                            cp.copy(source, &dest.bucket, &key).await
                        }
                        Location::Stream => unreachable!("streams are never recursive"),
                    }
                }
            });
            drain(cp, report, jobs.buffer_unordered(pool)).await
        }
        _ => unreachable!("run() refuses copies without an S3 side"),
    }
}

/// Downloads `source` to its place under `dir`, unless its key would leave `dir`.
pub(super) async fn download(cp: &Cp<'_>, source: Source<'_>, relative: &str, dir: &Path) -> Event {
    let Some(path) = contained_join(dir, relative) else {
        return Event::Warning(format!(
            "warning: Skipping file {}. File references a parent directory.",
            safe(relative)
        ));
    };
    cp.download(source, &absolute(&path, &cp.cwd), &display(&path, &cp.cwd))
        .await
}

/// Prints each transfer's line as it finishes, and the progress line meanwhile.
pub(super) async fn drain(
    cp: &Cp<'_>,
    report: &mut Report<'_>,
    events: impl Stream<Item = Event>,
) -> Result<(), Error> {
    let mut events = std::pin::pin!(events);
    let mut tick = tokio::time::interval(PROGRESS_EVERY);
    let progress = &cp.engine.progress;
    loop {
        tokio::select! {
            event = events.next() => match event {
                Some(event) => report.event(event)?,
                None => return Ok(()),
            },
            _ = tick.tick(), if report.shows_progress() => {
                report.progress(progress.figures(), progress.started_at.elapsed())?;
            }
        }
    }
}

/// A key prefix as a directory: `dir` lists `dir/...`, never `dirx`.
pub(super) fn as_prefix(key: &str) -> String {
    if key.is_empty() || key.ends_with('/') {
        key.to_string()
    } else {
        format!("{key}/")
    }
}
