//! `awsctl s3 sync SOURCE DESTINATION`: a directory or prefix made like another, local to S3,
//! S3 to local or S3 to S3. Both sides are listed as streams in key order (an S3 listing page
//! by page, a local walk one directory at a time), merged by sync/plan.rs, and what it
//! decides runs through the same transfer runner and bounded pool as `cp --recursive`,
//! with the same lines and exit codes; `--delete` adds `delete:` lines.

mod plan;

use futures_util::stream::{self, Stream, StreamExt};

use super::filter::{Filter, local_root, s3_root};
use super::format::{os_error, safe};
use super::paths::local::{absolute, display};
use super::paths::under::{dir_prefix, key_under, relative_key};
use super::paths::uri::S3Path;
use super::transfer::{
    Event, Found, LocalTree, Location, Paths, Report, Runner, check_paths, drain, list,
};
use crate::cli::SyncArgs;
use crate::error::Error;
use crate::printer::Printer;
use crate::protocol::timestamp;
use crate::services::Session;
use crate::services::s3::ops::delete_object;
use crate::services::s3::transfer::copy::CopySource;
use crate::services::s3::transfer::download::Source;
use plan::{Direction, Entry, Listed, Origin, Rules, Step, plan};

pub async fn run(
    args: &SyncArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<u8, Error> {
    let paths = Paths::check("sync", &args.source, &args.destination, true)?;
    check_paths(&args.transfer, &paths.destination)?;
    let runner = Runner::new(&args.transfer, session).await?;
    // As the CLI: a missing local destination is created up front.
    if let (Location::S3(_), Location::Local(dir)) = (&paths.source, &paths.destination)
        && !dir.exists()
    {
        std::fs::create_dir_all(absolute(dir, &runner.cwd))?;
    }
    let rules = Rules {
        delete: args.delete,
        size_only: args.size_only,
        exact_timestamps: args.exact_timestamps,
    };
    let mut report = runner.report(&args.transfer, printer, false);
    let work = async |report: &mut Report<'_>| sync(&runner, report, &paths, rules).await;
    runner.run_interruptible(&mut report, work).await
}

async fn sync(
    runner: &Runner<'_>,
    report: &mut Report<'_>,
    paths: &Paths,
    rules: Rules,
) -> Result<(), Error> {
    let (src, dest) = (&paths.source, &paths.destination);
    let direction = match (src, dest) {
        (Location::Local(_), _) => Direction::Upload,
        (_, Location::Local(_)) => Direction::Download,
        _ => Direction::Copy,
    };
    let filter = Filter::both(
        &runner.filter_patterns,
        &root(runner, src),
        &root(runner, dest),
    );
    let steps = plan(
        side(runner, src, &filter),
        side(runner, dest, &filter),
        direction,
        rules,
    );
    let jobs = steps.map(|step| run_step(runner, step, src, dest));
    let events = jobs.buffer_unordered(runner.pool);
    drain(report, &runner.engine.progress, events).await
}

/// The root a side's filter patterns are joined to.
fn root(runner: &Runner<'_>, location: &Location) -> String {
    match location {
        Location::Local(dir) => local_root(&absolute(dir, &runner.cwd)),
        Location::S3(path) => s3_root(&path.bucket, &dir_prefix(&path.key), true),
        Location::Stream => unreachable!("sync refuses streams"),
    }
}

/// One side's files or objects that the filters keep, in key order.
fn side<'a>(
    runner: &'a Runner<'a>,
    location: &'a Location,
    filter: &'a Filter,
) -> std::pin::Pin<Box<dyn Stream<Item = Listed> + 'a>> {
    match location {
        Location::Local(dir) => {
            let tree = LocalTree::new(&absolute(dir, &runner.cwd), runner.follow_symlinks);
            Box::pin(stream::iter(tree.filter_map(|found| match found {
                Found::File(file) if filter.includes(&file.path.to_string_lossy()) => {
                    Some(Listed::Entry(Entry {
                        key: file.key,
                        size: file.size,
                        modified: file.modified,
                        origin: Origin::Local(file.path),
                    }))
                }
                Found::File(_) => None,
                Found::Skipped(line) => Some(Listed::Warning(line)),
            })))
        }
        Location::S3(path) => {
            let prefix = dir_prefix(&path.key);
            let objects = list(runner.session, path, prefix.clone());
            Box::pin(objects.filter_map(move |object| {
                let listed = match object {
                    Err(e) => Some(Listed::Fatal(format!("fatal error: {e}"))),
                    // Zero-byte "folder" markers are not files, as for the CLI.
                    Ok(o) if o.size == 0 && o.key.ends_with('/') => None,
                    Ok(o) if !filter.includes(&format!("{}/{}", path.bucket, o.key)) => None,
                    Ok(o) => Some(Listed::Entry(Entry {
                        // The listing keeps only keys under the prefix.
                        key: relative_key(&o.key, &prefix)
                            .unwrap_or_default()
                            .to_string(),
                        size: o.size,
                        modified: timestamp::parse(&o.last_modified)
                            .map_or(std::time::SystemTime::UNIX_EPOCH, Into::into),
                        origin: Origin::S3 {
                            key: o.key,
                            storage_class: o.storage_class,
                        },
                    })),
                };
                std::future::ready(listed)
            }))
        }
        Location::Stream => unreachable!("sync refuses streams"),
    }
}

async fn run_step(runner: &Runner<'_>, step: Step, src: &Location, dest: &Location) -> Event {
    match step {
        Step::Warning(line) => Event::Warning(line),
        Step::Fatal(line) => Event::Failure(line),
        Step::Delete(entry) => delete(runner, &entry, dest).await,
        Step::Transfer(entry) => transfer(runner, &entry, src, dest).await,
    }
}

async fn transfer(runner: &Runner<'_>, entry: &Entry, src: &Location, dest: &Location) -> Event {
    match (&entry.origin, dest) {
        (Origin::Local(file), Location::S3(to)) => {
            let key = key_under(&to.key, &entry.key);
            let shown = display(file, &runner.cwd);
            runner.upload(file, &shown, &to.bucket, &key).await
        }
        (Origin::S3 { key, storage_class }, dest) => {
            let Location::S3(from) = src else {
                unreachable!("an S3 entry comes from an S3 source")
            };
            let class = storage_class.as_deref();
            if let Some(skipped) = runner.glacier.skip(class, false, &from.bucket, key, dest) {
                return skipped;
            }
            match dest {
                Location::Local(dir) => {
                    let source = Source {
                        bucket: &from.bucket,
                        key,
                        size: entry.size,
                        crc32: None,
                        last_modified: Some(entry.modified),
                    };
                    runner.download_under(source, &entry.key, dir).await
                }
                Location::S3(to) => {
                    let dest_key = key_under(&to.key, &entry.key);
                    let source = CopySource {
                        bucket: &from.bucket,
                        key,
                        size: entry.size,
                    };
                    runner.copy(source, &to.bucket, &dest_key).await
                }
                Location::Stream => unreachable!("sync refuses streams"),
            }
        }
        _ => unreachable!("a local entry goes to S3"),
    }
}

/// `--delete`: a destination file or object that the source does not have.
async fn delete(runner: &Runner<'_>, entry: &Entry, dest: &Location) -> Event {
    let (shown, outcome) = match (&entry.origin, dest) {
        (Origin::Local(file), _) => {
            let shown = display(file, &runner.cwd);
            let outcome = match runner.dryrun {
                true => Ok(()),
                false => std::fs::remove_file(file).map_err(|e| Error::General(os_error(&e, file))),
            };
            (shown, outcome)
        }
        (Origin::S3 { key, .. }, Location::S3(to)) => {
            let shown = S3Path {
                bucket: to.bucket.clone(),
                key: key.clone(),
            }
            .uri();
            let outcome = match runner.dryrun {
                true => Ok(()),
                false => delete_object::call(runner.session, &to.bucket, key, None).await,
            };
            (shown, outcome)
        }
        _ => unreachable!("an S3 entry is listed from an S3 destination"),
    };
    match outcome {
        Ok(()) if runner.dryrun => Event::Success(format!("(dryrun) delete: {}", safe(&shown))),
        Ok(()) => Event::Success(format!("delete: {}", safe(&shown))),
        Err(e) => Event::Failure(format!("delete failed: {} {e}", safe(&shown))),
    }
}
