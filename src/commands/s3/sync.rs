//! `awsctl s3 sync SOURCE DESTINATION`: a directory or prefix made like another, local to S3,
//! S3 to local or S3 to S3. Both sides are listed as streams in key order (an S3 listing page
//! by page, a local walk one directory at a time), merged by sync_plan.rs, and what it
//! decides runs through the same bounded pool and transfer engine as `cp --recursive`,
//! with the same lines and exit codes; `--delete` adds `delete:` lines.

use futures_util::stream::{self, Stream, StreamExt};

use super::cp::{Cp, Location, Paths};
use super::cp_recursive::{as_prefix, download, drain};
use super::cp_report::{Event, Report};
use super::filter::{Filter, s3_root};
use super::format::safe;
use super::listing::list;
use super::local_path::{absolute, display, os_error};
use super::local_tree::{Found, LocalTree};
use super::sync_plan::{Direction, Entry, Listed, Origin, Rules, Step, plan};
use super::transfer_options::check_paths;
use super::uri::S3Path;
use crate::cli::SyncArgs;
use crate::error::Error;
use crate::printer::Printer;
use crate::protocol::timestamp;
use crate::services::Session;
use crate::services::s3::ops::delete_object;
use crate::services::s3::transfer::copy::CopySource;
use crate::services::s3::transfer::download::Source;

pub async fn run(
    args: &SyncArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<u8, Error> {
    let paths = Paths::check("sync", &args.source, &args.destination, true)?;
    check_paths(&args.transfer, &paths.destination)?;
    let cp = Cp::new(&args.transfer, session).await?;
    // As the CLI: a missing local destination is created up front.
    if let (Location::S3(_), Location::Local(dir)) = (&paths.source, &paths.destination)
        && !dir.exists()
    {
        std::fs::create_dir_all(absolute(dir, &cp.cwd))?;
    }
    let rules = Rules {
        delete: args.delete,
        size_only: args.size_only,
        exact_timestamps: args.exact_timestamps,
    };
    let mut report = cp.report(&args.transfer, printer, false);
    let work = async |report: &mut Report<'_>| sync(&cp, report, &paths, rules).await;
    cp.run_interruptible(&mut report, work).await
}

async fn sync(
    cp: &Cp<'_>,
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
    let filter = Filter::both(&cp.filter_patterns, &root(cp, src), &root(cp, dest));
    let steps = plan(
        side(cp, src, &filter),
        side(cp, dest, &filter),
        direction,
        rules,
    );
    let jobs = steps.map(|step| run_step(cp, step, src, dest));
    drain(
        cp,
        report,
        jobs.buffer_unordered(cp.engine.config.max_concurrent_requests),
    )
    .await
}

/// The root a side's filter patterns are joined to.
fn root(cp: &Cp<'_>, location: &Location) -> String {
    match location {
        Location::Local(dir) => format!("{}/", absolute(dir, &cp.cwd).display()),
        Location::S3(path) => s3_root(&path.bucket, &as_prefix(&path.key), true),
        Location::Stream => unreachable!("sync refuses streams"),
    }
}

/// One side's files or objects that the filters keep, in key order.
fn side<'a>(
    cp: &'a Cp<'a>,
    location: &'a Location,
    filter: &'a Filter,
) -> std::pin::Pin<Box<dyn Stream<Item = Listed> + 'a>> {
    match location {
        Location::Local(dir) => {
            let tree = LocalTree::new(&absolute(dir, &cp.cwd), cp.follow_symlinks);
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
            let prefix = as_prefix(&path.key);
            let objects = list(cp.engine.session, path, prefix.clone());
            Box::pin(objects.filter_map(move |object| {
                let listed = match object {
                    Err(e) => Some(Listed::Fatal(format!("fatal error: {e}"))),
                    // Zero-byte "folder" markers are not files, as for the CLI.
                    Ok(o) if o.size == 0 && o.key.ends_with('/') => None,
                    Ok(o) if !filter.includes(&format!("{}/{}", path.bucket, o.key)) => None,
                    Ok(o) => Some(Listed::Entry(Entry {
                        key: o
                            .key
                            .strip_prefix(prefix.as_str())
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

async fn run_step(cp: &Cp<'_>, step: Step, src: &Location, dest: &Location) -> Event {
    match step {
        Step::Warning(line) => Event::Warning(line),
        Step::Fatal(line) => Event::Failure(line),
        Step::Delete(entry) => delete(cp, &entry, dest).await,
        Step::Transfer(entry) => transfer(cp, &entry, src, dest).await,
    }
}

async fn transfer(cp: &Cp<'_>, entry: &Entry, src: &Location, dest: &Location) -> Event {
    match (&entry.origin, dest) {
        (Origin::Local(file), Location::S3(to)) => {
            let key = format!("{}{}", as_prefix(&to.key), entry.key);
            cp.upload(file, &display(file, &cp.cwd), &to.bucket, &key)
                .await
        }
        (Origin::S3 { key, storage_class }, dest) => {
            let Location::S3(from) = src else {
                unreachable!("an S3 entry comes from an S3 source")
            };
            let class = storage_class.as_deref();
            if let Some(skipped) = cp.glacier.skip(class, false, &from.bucket, key, dest) {
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
                    download(cp, source, &entry.key, dir).await
                }
                Location::S3(to) => {
                    let dest_key = format!("{}{}", as_prefix(&to.key), entry.key);
                    let source = CopySource {
                        bucket: &from.bucket,
                        key,
                        size: entry.size,
                    };
                    cp.copy(source, &to.bucket, &dest_key).await
                }
                Location::Stream => unreachable!("sync refuses streams"),
            }
        }
        _ => unreachable!("a local entry goes to S3"),
    }
}

/// `--delete`: a destination file or object that the source does not have.
async fn delete(cp: &Cp<'_>, entry: &Entry, dest: &Location) -> Event {
    let (shown, outcome) = match (&entry.origin, dest) {
        (Origin::Local(file), _) => {
            let shown = display(file, &cp.cwd);
            let outcome = match cp.dryrun {
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
            let outcome = match cp.dryrun {
                true => Ok(()),
                false => delete_object::call(cp.engine.session, &to.bucket, key, None).await,
            };
            (shown, outcome)
        }
        _ => unreachable!("an S3 entry is listed from an S3 destination"),
    };
    match outcome {
        Ok(()) if cp.dryrun => Event::Success(format!("(dryrun) delete: {}", safe(&shown))),
        Ok(()) => Event::Success(format!("delete: {}", safe(&shown))),
        Err(e) => Event::Failure(format!("delete failed: {} {e}", safe(&shown))),
    }
}
