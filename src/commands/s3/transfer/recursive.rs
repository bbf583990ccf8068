//! A whole directory or prefix (`cp` and `mv` with `--recursive`): every file under a
//! directory or every object under a prefix that the filters keep, through one bounded pool
//! of `max_concurrent_requests` transfers. The S3 side is listed page by page as the pool
//! drains, so a huge prefix is never held in memory. Downloads never write outside the
//! destination: a key that would is skipped with the CLI's warning (exit 2).

use std::path::Path;

use futures_util::{StreamExt, stream};

use super::listing::list;
use super::local_tree::{Found, LocalTree};
use super::location::Location;
use super::progress::drain;
use super::report::{Event, Report};
use super::runner::Runner;
use crate::commands::s3::filter::{Filter, local_root, s3_root};
use crate::commands::s3::paths::local::{absolute, display};
use crate::commands::s3::paths::under::{dir_prefix, key_under, relative_key};
use crate::commands::s3::paths::uri::S3Path;
use crate::error::Error;
use crate::protocol::timestamp;
use crate::services::s3::ops::list_objects_v2::Object;
use crate::services::s3::transfer::copy::CopySource;
use crate::services::s3::transfer::download::Source;

pub async fn run(
    runner: &Runner<'_>,
    report: &mut Report<'_>,
    source: &Location,
    destination: &Location,
) -> Result<(), Error> {
    match (source, destination) {
        (Location::Local(dir), Location::S3(dest)) => upload_tree(runner, report, dir, dest).await,
        (Location::S3(src), dest) => from_prefix(runner, report, src, dest).await,
        _ => unreachable!("the paths' check refuses copies without an S3 side"),
    }
}

/// Every file under `dir`, each to its relative key under the destination prefix.
async fn upload_tree(
    runner: &Runner<'_>,
    report: &mut Report<'_>,
    dir: &Path,
    dest: &S3Path,
) -> Result<(), Error> {
    let root = absolute(dir, &runner.cwd);
    let filter = runner.filter(&local_root(&root));
    let jobs = LocalTree::new(&root, runner.follow_symlinks)
        .map(|found| upload_found(runner, &filter, found, dest));
    let events = stream::iter(jobs).buffer_unordered(runner.pool);
    drain(report, &runner.engine.progress, events).await
}

/// One file of the walk (or the warning for one left out), unless the filters drop it.
async fn upload_found(runner: &Runner<'_>, filter: &Filter, found: Found, dest: &S3Path) -> Event {
    let file = match found {
        Found::File(file) => file,
        Found::Skipped(warning) => return Event::Warning(warning),
    };
    if !filter.includes(&file.path.to_string_lossy()) {
        return Event::Nothing;
    }
    let key = key_under(&dest.key, &file.key);
    let shown = display(&file.path, &runner.cwd);
    runner.upload(&file.path, &shown, &dest.bucket, &key).await
}

/// Every object under the source prefix, each downloaded or copied to its relative place.
async fn from_prefix(
    runner: &Runner<'_>,
    report: &mut Report<'_>,
    src: &S3Path,
    dest: &Location,
) -> Result<(), Error> {
    let prefix = dir_prefix(&src.key);
    let filter = runner.filter(&s3_root(&src.bucket, &prefix, true));
    let objects = list(runner.session, src, prefix.clone());
    let jobs = objects.map(|object| transfer_listed(runner, src, &prefix, &filter, object, dest));
    let events = jobs.buffer_unordered(runner.pool);
    drain(report, &runner.engine.progress, events).await
}

/// One object listed under `prefix` (or the listing's failure), unless it is a folder marker, the filters
/// drop it, or it is archived.
async fn transfer_listed(
    runner: &Runner<'_>,
    src: &S3Path,
    prefix: &str,
    filter: &Filter,
    object: Result<Object, Error>,
    dest: &Location,
) -> Event {
    let object = match object {
        Ok(object) => object,
        Err(e) => return Event::Failure(format!("fatal error: {e}")),
    };
    let bucket = &src.bucket;
    if object.key.ends_with('/') || !filter.includes(&format!("{bucket}/{}", object.key)) {
        return Event::Nothing;
    }
    // The listing keeps only keys under the prefix.
    let relative = relative_key(&object.key, prefix).unwrap_or_default();
    let class = object.storage_class.as_deref();
    if let Some(skipped) = runner.glacier.skip(class, false, bucket, &object.key, dest) {
        return skipped;
    }
    match dest {
        Location::Local(dir) => {
            let source = Source {
                bucket,
                key: &object.key,
                size: object.size,
                crc32: None,
                last_modified: timestamp::parse(&object.last_modified).map(Into::into),
            };
            runner.download_under(source, relative, dir).await
        }
        Location::S3(dest) => {
            let source = CopySource {
                bucket,
                key: &object.key,
                size: object.size,
            };
            runner
                .copy(source, &dest.bucket, &key_under(&dest.key, relative))
                .await
        }
        Location::Stream => unreachable!("streams are never recursive"),
    }
}
