//! `awsctl s3 cp SOURCE DESTINATION`: one object in any direction (local to S3, S3 to local,
//! S3 to S3, `-` standard input to S3, S3 to `-` standard output), or with `--recursive` a
//! whole directory or prefix (cp_recursive.rs). The bytes move through the transfer engine;
//! this module resolves the paths and prints the CLI's result lines.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::cp_recursive;
use super::cp_report::{Event, Report};
use super::filter::{Filter, s3_root};
use super::format::safe;
use super::local_path::{absolute, display};
use super::uri::{S3Path, check_bucket};
use crate::cli::CpArgs;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::ops::{copy_object, head_object};
use crate::services::s3::transfer::download::Source;
use crate::services::s3::transfer::progress::Progress;
use crate::services::s3::transfer::upload::Target;
use crate::services::s3::transfer::{Engine, TransferConfig};

const USAGE: &str =
    "usage: awsctl s3 cp <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>";

/// How often the progress line is refreshed.
pub const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// One side of a copy as given on the command line.
#[derive(Debug, Clone)]
pub enum Location {
    /// `-`: standard input or output.
    Stream,
    S3(S3Path),
    Local(PathBuf),
}

impl Location {
    fn parse(text: &str) -> Location {
        if text == "-" {
            Location::Stream
        } else if text.starts_with("s3://") {
            Location::S3(S3Path::split(text))
        } else {
            Location::Local(PathBuf::from(text))
        }
    }
}

/// Everything a copy needs besides its two paths.
pub struct Cp<'s> {
    pub engine: Engine<'s>,
    pub attributes: Attributes,
    pub filter_patterns: Vec<(crate::cli::FilterKind, String)>,
    pub dryrun: bool,
    pub cwd: PathBuf,
}

pub async fn run(args: &CpArgs, session: &Session<'_>, printer: &mut Printer) -> Result<u8, Error> {
    let source = Location::parse(&args.source);
    let destination = Location::parse(&args.destination);
    let invalid = || Error::ParamValidation {
        message: format!("{USAGE}\nError: Invalid argument type"),
        usage: false,
    };
    match (&source, &destination) {
        (Location::S3(_), _) | (_, Location::S3(_)) => {}
        _ => return Err(invalid()),
    }
    if matches!(
        (&source, &destination),
        (Location::Stream, Location::Stream)
    ) {
        return Err(invalid());
    }
    for side in [&source, &destination] {
        if let Location::S3(path) = side {
            check_bucket(&path.bucket)?;
        }
    }
    let streaming = matches!(source, Location::Stream) || matches!(destination, Location::Stream);
    if streaming && args.recursive {
        return Err(Error::General(
            "Streaming currently is only compatible with non-recursive cp commands".into(),
        ));
    }
    if let Location::Local(path) = &source
        && !path.exists()
    {
        return Err(Error::General(format!(
            "The user-provided path {} does not exist.",
            args.source
        )));
    }
    let config = TransferConfig::from_settings(session.settings)?;
    // Credentials once, before any concurrency: every request then reuses them.
    session.credentials().await?;
    let cp = Cp {
        engine: Engine::new(session, config),
        attributes: Attributes {
            content_type: args.content_type.clone(),
            cache_control: args.cache_control.clone(),
            metadata: parse_metadata(args.metadata.as_deref())?,
            storage_class: args.storage_class.clone(),
        },
        filter_patterns: args.filters.patterns.clone(),
        dryrun: args.dryrun,
        cwd: std::env::current_dir()?,
    };
    // Streaming prints only failures, as the CLI does. Progress only on a terminal: piped
    // output carries the result lines alone, without carriage returns.
    let quiet_progress =
        args.no_progress || args.quiet || args.only_show_errors || streaming || args.dryrun;
    let mut report = Report::new(printer, args.quiet, args.only_show_errors || streaming)
        .with_progress(!quiet_progress && std::io::stdout().is_terminal());
    // Ctrl-C stops the transfers (their futures are dropped), then what they left open is
    // undone: multipart uploads aborted, temporary files removed. Exit 130, as the CLI.
    let interrupted = {
        let work = transfer(&cp, &mut report, args.recursive, &source, &destination);
        tokio::select! {
            result = work => {
                result?;
                false
            }
            _ = tokio::signal::ctrl_c() => true,
        }
    };
    if interrupted {
        cp.engine.clean_up().await;
        report.clear_progress()?;
        report.event(Event::Failure("cancelled: ctrl-c received".into()))?;
        return Ok(crate::error::exit::INTERRUPTED);
    }
    report.clear_progress()?;
    Ok(report.code())
}

async fn transfer(
    cp: &Cp<'_>,
    report: &mut Report<'_>,
    recursive: bool,
    source: &Location,
    destination: &Location,
) -> Result<(), Error> {
    if recursive {
        return cp_recursive::run(cp, report, source, destination).await;
    }
    let event = if matches!(destination, Location::Stream) {
        single(cp, Some(report.printer()), source, destination).await?
    } else {
        let work = single(cp, None, source, destination);
        with_progress(report, &cp.engine.progress, work).await??
    };
    Ok(report.event(event)?)
}

/// Runs `work`, refreshing the progress line while it runs (when progress is shown).
pub async fn with_progress<T>(
    report: &mut Report<'_>,
    progress: &Progress,
    work: impl Future<Output = T>,
) -> Result<T, Error> {
    if !report.shows_progress() {
        return Ok(work.await);
    }
    let mut work = std::pin::pin!(work);
    let mut tick = tokio::time::interval(PROGRESS_EVERY);
    loop {
        tokio::select! {
            out = &mut work => return Ok(out),
            _ = tick.tick() => report.progress(progress.figures(), progress.started_at.elapsed())?,
        }
    }
}

/// One object or file.
async fn single(
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
            if !cp.filter(&root).includes(&abs.to_string_lossy()) {
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
            let mut stdin = tokio::io::stdin();
            let target = Target {
                bucket: &dest.bucket,
                key: &dest.key,
                attributes: &cp.attributes,
            };
            Ok(match cp.engine.upload_stream(&mut stdin, target).await {
                Ok(()) => Event::Success(format!("upload: {line}")),
                Err(e) => Event::Failure(format!("upload failed: {line} {e}")),
            })
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
                last_modified: head.last_modified.as_deref().and_then(http_date),
            };
            let name = src.key.rsplit('/').next().unwrap_or_default();
            let operation = if matches!(dest, Location::S3(_)) {
                "copy"
            } else {
                "download"
            };
            if archived(head.storage_class.as_deref()) && !head.restored {
                return Ok(glacier_warning(&src.bucket, &src.key, operation));
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
                    Ok(cp.copy(&src.bucket, &src.key, &dest.bucket, &key).await)
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
    match head_object::call(session, &src.bucket, &src.key, None).await {
        Ok(head) => Ok(head),
        Err(Error::Service(mut e)) if e.status == 404 => {
            e.message = Some(format!("Key \"{}\" does not exist", src.key));
            Err(format!("fatal error: {}", safe(&e.to_string())))
        }
        Err(e) => Err(format!("fatal error: {e}")),
    }
}

impl Cp<'_> {
    pub fn filter(&self, root: &str) -> Filter {
        Filter::new(&self.filter_patterns, root)
    }

    /// Uploads `file` (absolute) shown as `shown`; the content type is guessed from its name
    /// unless one was given.
    pub async fn upload(&self, file: &Path, shown: &str, bucket: &str, key: &str) -> Event {
        let line = format!("{} to s3://{bucket}/{}", safe(shown), safe(key));
        if self.dryrun {
            return Event::Success(format!("(dryrun) upload: {line}"));
        }
        let mut attributes = self.attributes.clone();
        if attributes.content_type.is_none() {
            attributes.content_type = mime_guess::from_path(file).first_raw().map(str::to_string);
        }
        let target = Target {
            bucket,
            key,
            attributes: &attributes,
        };
        match self.engine.upload_file(file, target).await {
            Ok(()) => Event::Success(format!("upload: {line}")),
            Err(e) => Event::Failure(format!("upload failed: {line} {e}")),
        }
    }

    pub async fn download(&self, object: Source<'_>, dest: &Path, shown: &str) -> Event {
        let line = format!(
            "s3://{}/{} to {}",
            object.bucket,
            safe(object.key),
            safe(shown)
        );
        if self.dryrun {
            return Event::Success(format!("(dryrun) download: {line}"));
        }
        match self.engine.download_file(object, dest).await {
            Ok(()) => Event::Success(format!("download: {line}")),
            Err(e) => Event::Failure(format!("download failed: {line} {e}")),
        }
    }

    pub async fn copy(&self, src_bucket: &str, src_key: &str, bucket: &str, key: &str) -> Event {
        let line = format!(
            "s3://{src_bucket}/{} to s3://{bucket}/{}",
            safe(src_key),
            safe(key)
        );
        if self.dryrun {
            return Event::Success(format!("(dryrun) copy: {line}"));
        }
        let session = self.engine.session;
        match copy_object::call(session, src_bucket, src_key, bucket, key, &self.attributes).await {
            Ok(()) => Event::Success(format!("copy: {line}")),
            Err(e) => Event::Failure(format!("copy failed: {line} {e}")),
        }
    }
}

/// Objects in these classes cannot be read until restored.
pub fn archived(storage_class: Option<&str>) -> bool {
    matches!(storage_class, Some("GLACIER" | "DEEP_ARCHIVE"))
}

/// The CLI's warning for an archived object it will not download or copy (exit 2).
pub fn glacier_warning(bucket: &str, key: &str, operation: &str) -> Event {
    Event::Warning(format!(
        "warning: Skipping file s3://{bucket}/{}. Object is of storage class GLACIER. Unable to perform {operation} operations on GLACIER objects. You must restore the object to be able to perform the operation. See aws s3 {operation} help for additional parameter options to ignore or force these transfers.",
        safe(key)
    ))
}

/// An HTTP date (`Last-Modified: Mon, 23 Nov 2026 18:33:18 GMT`, RFC 7231's preferred form).
fn http_date(text: &str) -> Option<std::time::SystemTime> {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let t = time::PrimitiveDateTime::parse(text.trim(), format).ok()?;
    Some(t.assume_utc().into())
}

/// `--metadata`: shorthand `k1=v1,k2=v2` or a JSON object of strings.
fn parse_metadata(text: Option<&str>) -> Result<Vec<(String, String)>, Error> {
    let Some(text) = text.map(str::trim) else {
        return Ok(Vec::new());
    };
    let invalid = |why: &str| Error::ParamValidation {
        message: format!("Error parsing parameter '--metadata': {why}"),
        usage: false,
    };
    if text.starts_with('{') {
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(text).map_err(|e| invalid(&format!("Invalid JSON: {e}")))?;
        return map
            .into_iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => Ok((k, s)),
                _ => Err(invalid("values must be strings")),
            })
            .collect();
    }
    text.split(',')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            pair.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| invalid(&format!("Expected: '=', received: EOF for input: {pair}")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates() {
        let t = http_date("Mon, 23 Nov 2026 18:33:18 GMT").unwrap();
        let expected = time::macros::datetime!(2026-11-23 18:33:18 UTC);
        assert_eq!(t, std::time::SystemTime::from(expected));
        assert_eq!(http_date("2026-11-23T18:33:18Z"), None);
    }

    #[test]
    fn metadata_in_both_syntaxes() {
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(
            parse_metadata(Some("a=1,b=two")).unwrap(),
            pairs(&[("a", "1"), ("b", "two")])
        );
        assert_eq!(
            parse_metadata(Some(r#"{"a":"1"}"#)).unwrap(),
            pairs(&[("a", "1")])
        );
        assert!(parse_metadata(Some("novalue")).is_err());
        assert!(parse_metadata(Some(r#"{"a":1}"#)).is_err());
        assert_eq!(parse_metadata(None).unwrap(), vec![]);
    }
}
