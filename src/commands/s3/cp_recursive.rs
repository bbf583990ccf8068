//! `s3 cp --recursive`: every file under a directory or every object under a prefix that the
//! filters keep, through one bounded pool of `max_concurrent_requests` transfers. The S3 side
//! is listed page by page as the pool drains, so a huge prefix is never held in memory.
//! Downloads never write outside the destination: a key that would is skipped with the
//! CLI's warning (exit 2).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use futures_util::{Stream, StreamExt, stream};

use super::cp::{Cp, Location, PROGRESS_EVERY};
use super::cp_report::{Event, Report};
use super::cp_single::{archived, glacier_warning};
use super::filter::s3_root;
use super::format::safe;
use super::local_path::{absolute, contained_join, display};
use super::uri::S3Path;
use crate::error::Error;
use crate::services::Session;
use crate::services::s3::ops::list_objects_v2::{self, Object};
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
            let mut files = Vec::new();
            walk(
                &root,
                cp.follow_symlinks,
                &mut files,
                &mut HashSet::new(),
                report,
            )?;
            let filter = cp.filter(&format!("{}/", root.display()));
            let prefix = as_prefix(&dest.key);
            let jobs = files.into_iter().map(|file| {
                let filter = &filter;
                let prefix = &prefix;
                let root = &root;
                async move {
                    if !filter.includes(&file.to_string_lossy()) {
                        return Event::Nothing;
                    }
                    let relative: Vec<String> = file
                        .strip_prefix(root)
                        .unwrap_or(&file)
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    let key = format!("{prefix}{}", relative.join("/"));
                    cp.upload(&file, &display(&file, &cp.cwd), &dest.bucket, &key)
                        .await
                }
            });
            drain(cp, report, stream::iter(jobs).buffer_unordered(pool)).await
        }
        (Location::S3(src), dest) => {
            let prefix = as_prefix(&src.key);
            let filter = cp.filter(&s3_root(&src.bucket, &prefix, true));
            let objects = list(cp.engine.session, src, &prefix);
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
                    let relative = &object.key[prefix.len()..];
                    // A listing does not say whether an archived object was restored: the
                    // CLI skips them all, with a warning.
                    if archived(object.storage_class.as_deref()) {
                        let operation = if matches!(dest, Location::S3(_)) {
                            "copy"
                        } else {
                            "download"
                        };
                        return glacier_warning(&src.bucket, &object.key, operation);
                    }
                    match dest {
                        Location::Local(dir) => download(cp, src, &object, relative, dir).await,
                        Location::S3(dest) => {
                            let key = format!("{}{relative}", as_prefix(&dest.key));
                            cp.copy(&src.bucket, &object.key, &dest.bucket, &key).await
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

async fn download(cp: &Cp<'_>, src: &S3Path, object: &Object, relative: &str, dir: &Path) -> Event {
    let Some(path) = contained_join(dir, relative) else {
        return Event::Warning(format!(
            "warning: Skipping file {}. File references a parent directory.",
            safe(relative)
        ));
    };
    let source = Source {
        bucket: &src.bucket,
        key: &object.key,
        size: object.size,
        crc32: None,
        last_modified: crate::protocol::timestamp::parse(&object.last_modified).map(Into::into),
    };
    cp.download(source, &absolute(&path, &cp.cwd), &display(&path, &cp.cwd))
        .await
}

/// Prints each transfer's line as it finishes, and the progress line meanwhile.
async fn drain(
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
fn as_prefix(key: &str) -> String {
    if key.is_empty() || key.ends_with('/') {
        key.to_string()
    } else {
        format!("{key}/")
    }
}

/// Every object under the prefix, page by page: the next page is asked for only when the
/// pool has taken the current one. A listing failure ends the stream with its error.
fn list<'a>(
    session: &'a Session<'a>,
    src: &'a S3Path,
    prefix: &'a str,
) -> impl Stream<Item = Result<Object, Error>> + 'a {
    stream::unfold(
        Some(None),
        move |token: Option<Option<String>>| async move {
            let token = token?;
            let params = list_objects_v2::Params {
                bucket: &src.bucket,
                prefix,
                continuation_token: token,
                ..Default::default()
            };
            match list_objects_v2::call(session, &params).await {
                Ok(page) => {
                    let next = page.next_token.clone().map(Some);
                    let items: Vec<Result<Object, Error>> =
                        page.contents.into_iter().map(Ok).collect();
                    Some((stream::iter(items), next))
                }
                Err(e) => Some((stream::iter(vec![Err(e)]), None)),
            }
        },
    )
    .flatten()
}

/// The regular files under `dir` (symbolic links followed, as the CLI does by default);
/// anything else is skipped with the CLI's warning, which names the absolute path. A directory reached twice (a link to an
/// ancestor) is walked once, so a link loop cannot recurse forever.
fn walk(
    dir: &Path,
    follow: bool,
    files: &mut Vec<PathBuf>,
    seen: &mut HashSet<PathBuf>,
    report: &mut Report<'_>,
) -> Result<(), Error> {
    if !seen.insert(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => {
            report.event(Event::Warning(format!(
                "warning: Skipping file {}. File/Directory is not readable.",
                safe(&dir.to_string_lossy())
            )))?;
            return Ok(());
        }
    };
    entries.sort();
    for path in entries {
        if !follow && path.is_symlink() {
            continue;
        }
        let warning = match std::fs::metadata(&path) {
            Err(_) => "File does not exist.",
            Ok(m) if m.is_dir() => {
                walk(&path, follow, files, seen, report)?;
                continue;
            }
            Ok(m) if m.is_file() => {
                files.push(path);
                continue;
            }
            Ok(_) => "File is character special device, block special device, FIFO, or socket.",
        };
        report.event(Event::Warning(format!(
            "warning: Skipping file {}. {warning}",
            safe(&path.to_string_lossy())
        )))?;
    }
    Ok(())
}
