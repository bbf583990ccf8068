//! One object or file (`cp` and `mv` without `--recursive`): where it goes (a key or
//! directory ending in `/` takes the source's name), the HeadObject the CLI makes before a
//! download or copy (its 404 reworded the CLI's way), archived objects skipped (or not), and
//! the one transfer with its result line. Standard input and output (`-`) are streamed.

use std::path::Path;

use super::location::Location;
use super::report::Event;
use super::runner::Runner;
use crate::commands::s3::filter::{local_root, s3_root};
use crate::commands::s3::format::safe;
use crate::commands::s3::paths::local::{absolute, display};
use crate::commands::s3::paths::under::{self, single_key, single_local};
use crate::commands::s3::paths::uri::S3Path;
use crate::error::Error;
use crate::printer::Printer;
use crate::protocol::timestamp;
use crate::services::Session;
use crate::services::s3::ops::head_object;
use crate::services::s3::transfer::copy::CopySource;
use crate::services::s3::transfer::download::Source;
use crate::services::s3::transfer::retry;
use crate::services::s3::transfer::upload::Target;

/// Transfers one object or file; `stdout` is where a download to `-` is written.
pub async fn run(
    runner: &Runner<'_>,
    stdout: Option<&mut Printer>,
    source: &Location,
    destination: &Location,
) -> Event {
    match (source, destination) {
        (Location::Local(file), Location::S3(dest)) => upload_file(runner, file, dest).await,
        (Location::Stream, Location::S3(dest)) => upload_stdin(runner, dest).await,
        (Location::S3(src), dest) => from_s3(runner, stdout, src, dest).await,
        _ => unreachable!("the paths' check refuses copies without an S3 side"),
    }
}

/// A local file, unless the filters or `--no-follow-symlinks` leave it out.
async fn upload_file(runner: &Runner<'_>, file: &Path, dest: &S3Path) -> Event {
    let abs = absolute(file, &runner.cwd);
    let root = abs.parent().map(local_root).unwrap_or_default();
    if !runner.filter(&root).includes(&abs.to_string_lossy())
        || (!runner.follow_symlinks && file.is_symlink())
    {
        return Event::Nothing;
    }
    let name = abs
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let key = single_key(&dest.key, &name);
    runner
        .upload(&abs, &display(file, &runner.cwd), &dest.bucket, &key)
        .await
}

/// Standard input (`-`), streamed in parts when large.
async fn upload_stdin(runner: &Runner<'_>, dest: &S3Path) -> Event {
    let line = format!("- to {}", safe(&dest.uri()));
    if runner.dryrun {
        return Event::Success(format!("(dryrun) upload: {line}"));
    }
    if let Some(failed) = runner.failed_by_option("upload", &line) {
        return failed;
    }
    let mut stdin = tokio::io::stdin();
    let target = Target {
        bucket: &dest.bucket,
        key: &dest.key,
        attributes: &runner.attributes,
    };
    let sent = runner
        .engine
        .upload_stream(&mut stdin, target, runner.expected_size)
        .await;
    match sent {
        Ok(()) => Event::Success(format!("upload: {line}")),
        Err(e) => Event::Failure(format!("upload failed: {line} {e}")),
    }
}

/// An object, downloaded to a file or to standard output, or copied to another key.
async fn from_s3(
    runner: &Runner<'_>,
    stdout: Option<&mut Printer>,
    src: &S3Path,
    dest: &Location,
) -> Event {
    let filter = runner.filter(&s3_root(&src.bucket, &src.key, false));
    if !filter.includes(&format!("{}/{}", src.bucket, src.key)) {
        return Event::Nothing;
    }
    let head = match head(runner.session, src).await {
        Ok(head) => head,
        Err(line) => return Event::Failure(line),
    };
    let class = head.storage_class.as_deref();
    if let Some(skipped) = runner
        .glacier
        .skip(class, head.restored, &src.bucket, &src.key, dest)
    {
        return skipped;
    }
    let object = Source {
        bucket: &src.bucket,
        key: &src.key,
        size: head.content_length,
        crc32: head.crc32.as_deref(),
        last_modified: head.last_modified.as_deref().and_then(timestamp::http_date),
    };
    let name = under::name(&src.key);
    match dest {
        Location::Local(path) => runner.download(object, &single_local(path, name)).await,
        Location::Stream => {
            let stdout = stdout.expect("a stream destination comes with stdout");
            download_to_stdout(runner, stdout, object, src).await
        }
        Location::S3(dest) => {
            let source = CopySource {
                bucket: &src.bucket,
                key: &src.key,
                size: head.content_length,
            };
            runner
                .copy(source, &dest.bucket, &single_key(&dest.key, name))
                .await
        }
    }
}

/// An object written to standard output (`-`), in order, as it arrives.
async fn download_to_stdout(
    runner: &Runner<'_>,
    stdout: &mut Printer,
    object: Source<'_>,
    src: &S3Path,
) -> Event {
    let line = format!("{} to -", safe(&src.uri()));
    if runner.dryrun {
        return Event::Success(format!("(dryrun) download: {line}"));
    }
    match runner.engine.download_to(object, stdout.out()).await {
        Ok(()) => Event::Success(format!("download: {line}")),
        Err(e) => Event::Failure(format!("download failed: {line} {e}")),
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
