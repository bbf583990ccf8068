//! `awsctl s3 cp SOURCE DESTINATION`: one object in any direction (local to S3, S3 to local,
//! S3 to S3, `-` standard input to S3, S3 to `-` standard output), or with `--recursive` a
//! whole directory or prefix (cp_recursive.rs). The bytes move through the transfer engine;
//! this module resolves the paths and prints the CLI's result lines.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::cp_recursive;
use super::cp_report::{Event, Report};
use super::cp_single::{Glacier, single};
use super::filter::Filter;
use super::format::safe;
use super::local_path::os_error;
use super::transfer_options::{Problem, attributes, check_paths};
use super::uri::{S3Path, check_bucket};
use crate::cli::{CpArgs, TransferArgs};
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::ops::delete_object;
use crate::services::s3::transfer::copy::CopySource;
use crate::services::s3::transfer::download::Source;
use crate::services::s3::transfer::progress::Progress;
use crate::services::s3::transfer::upload::Target;
use crate::services::s3::transfer::{Engine, TransferConfig};

/// The path forms `cp`, `mv` and `sync` take, as their usage line shows them.
const PATH_FORMS: &str = "<LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>";

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
    /// An option value that fails the uploads and copies (or the whole command) once run.
    pub problem: Option<Problem>,
    pub filter_patterns: Vec<(crate::cli::FilterKind, String)>,
    pub dryrun: bool,
    /// Uploads follow symbolic links (else they are left out, silently, as by the CLI).
    pub follow_symlinks: bool,
    /// `mv`: each source is deleted once its transfer succeeded, and lines say `move:`.
    pub moving: bool,
    /// Uploads without `--content-type` get one guessed from the file name.
    pub guess_content_type: bool,
    pub glacier: Glacier,
    /// `--expected-size` of a stream from standard input.
    pub expected_size: Option<u64>,
    pub cwd: PathBuf,
}

pub async fn run(args: &CpArgs, session: &Session<'_>, printer: &mut Printer) -> Result<u8, Error> {
    let paths = Paths::check("cp", &args.source, &args.destination, args.recursive)?;
    copy_or_move(
        paths,
        args.recursive,
        &args.transfer,
        false,
        session,
        printer,
    )
    .await
}

/// A transfer command's two paths, checked as the CLI checks them before anything runs.
pub struct Paths {
    pub source: Location,
    pub destination: Location,
    /// `-` on either side.
    pub streaming: bool,
}

impl Paths {
    /// One side must be S3; `-` only for a plain `cp`; a local source must exist.
    pub fn check(
        command: &str,
        source: &str,
        destination: &str,
        directory: bool,
    ) -> Result<Paths, Error> {
        let paths = Paths {
            source: Location::parse(source),
            destination: Location::parse(destination),
            streaming: source == "-" || destination == "-",
        };
        let invalid = || Error::ParamValidation {
            message: format!(
                "usage: awsctl s3 {command} {PATH_FORMS}\nError: Invalid argument type"
            ),
            usage: false,
        };
        match (&paths.source, &paths.destination) {
            (Location::Stream, Location::Stream) => return Err(invalid()),
            (Location::S3(_), _) | (_, Location::S3(_)) => {}
            _ => return Err(invalid()),
        }
        for side in [&paths.source, &paths.destination] {
            if let Location::S3(path) = side {
                check_bucket(&path.bucket)?;
            }
        }
        if paths.streaming && (directory || command != "cp") {
            return Err(Error::General(
                "Streaming currently is only compatible with non-recursive cp commands".into(),
            ));
        }
        if let Location::Local(path) = &paths.source
            && !path.exists()
        {
            return Err(Error::General(format!(
                "The user-provided path {source} does not exist."
            )));
        }
        Ok(paths)
    }
}

/// `cp`, or with `moving` `mv`: the same transfers, each source deleted after its copy.
pub async fn copy_or_move(
    paths: Paths,
    recursive: bool,
    args: &TransferArgs,
    moving: bool,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<u8, Error> {
    check_paths(args, &paths.destination)?;
    let cp = Cp {
        moving,
        ..Cp::new(args, session).await?
    };
    let mut report = cp.report(args, printer, paths.streaming);
    let work = async |report: &mut Report<'_>| {
        transfer(&cp, report, recursive, &paths.source, &paths.destination).await
    };
    cp.run_interruptible(&mut report, work).await
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

impl<'s> Cp<'s> {
    /// The engine, attributes and selection the transfer options describe. Credentials are
    /// resolved here, once, before any concurrency: every request then reuses them.
    pub async fn new(args: &TransferArgs, session: &'s Session<'s>) -> Result<Cp<'s>, Error> {
        let config = TransferConfig::from_settings(session.settings)?;
        session.credentials().await?;
        let (attributes, problem) = attributes(args)?;
        Ok(Cp {
            engine: Engine::new(session, config),
            attributes,
            problem,
            guess_content_type: !args.no_guess_mime_type,
            glacier: Glacier {
                warn: !args.ignore_glacier_warnings,
                force: args.force_glacier_transfer,
            },
            expected_size: args.expected_size,
            filter_patterns: args.filters.patterns.clone(),
            dryrun: args.dryrun,
            follow_symlinks: !args.no_follow_symlinks,
            moving: false,
            cwd: std::env::current_dir()?,
        })
    }

    /// What the options say is printed. Streaming prints only failures, as the CLI does.
    /// Progress only on a terminal: piped output carries the result lines alone, without
    /// carriage returns.
    pub fn report<'p>(
        &self,
        args: &TransferArgs,
        printer: &'p mut Printer,
        streaming: bool,
    ) -> Report<'p> {
        let quiet_progress =
            args.no_progress || args.quiet || args.only_show_errors || streaming || args.dryrun;
        Report::new(printer, args.quiet, args.only_show_errors || streaming)
            .with_progress(!quiet_progress && std::io::stdout().is_terminal())
    }

    /// Runs the command's transfers and returns its exit code. Ctrl-C stops them (their
    /// futures are dropped), then what they left open is undone: multipart uploads aborted,
    /// temporary files removed. Exit 130, as the CLI.
    pub async fn run_interruptible<'p>(
        &self,
        report: &mut Report<'p>,
        work: impl AsyncFnOnce(&mut Report<'p>) -> Result<(), Error>,
    ) -> Result<u8, Error> {
        if let Some(Problem::Fatal(message)) = &self.problem {
            report.event(Event::Failure(format!("fatal error: {message}")))?;
            return Ok(report.code());
        }
        let interrupted = {
            let work = work(report);
            tokio::select! {
                result = work => {
                    result?;
                    false
                }
                _ = tokio::signal::ctrl_c() => true,
            }
        };
        if interrupted {
            self.engine.clean_up().await;
            report.clear_progress()?;
            report.event(Event::Failure("cancelled: ctrl-c received".into()))?;
            return Ok(crate::error::exit::INTERRUPTED);
        }
        report.clear_progress()?;
        Ok(report.code())
    }

    pub fn filter(&self, root: &str) -> Filter {
        Filter::new(&self.filter_patterns, root)
    }

    /// `upload`, `download` or `copy` as the line names it; `move` for every direction of `mv`.
    fn verb(&self, transfer: &'static str) -> &'static str {
        if self.moving { "move" } else { transfer }
    }

    /// The result line of a transfer that ran (`outcome`), then, when moving, of deleting its
    /// source (`remove`, run only after a successful transfer): the source is never deleted
    /// unless its copy is in place.
    async fn finish(
        &self,
        transfer: &'static str,
        line: String,
        outcome: Result<(), Error>,
        remove: impl AsyncFnOnce() -> Result<(), Error>,
    ) -> Event {
        let verb = self.verb(transfer);
        let outcome = match outcome {
            Ok(()) if self.moving => remove().await,
            other => other,
        };
        match outcome {
            Ok(()) => Event::Success(format!("{verb}: {line}")),
            Err(e) => Event::Failure(format!("{verb} failed: {line} {e}")),
        }
    }

    /// The failure a bad option value gives every upload and copy, as botocore's per-request
    /// validation gives it in the CLI.
    pub(super) fn failed_by_option(&self, transfer: &'static str, line: &str) -> Option<Event> {
        match &self.problem {
            Some(Problem::EachTransfer(message)) => Some(Event::Failure(format!(
                "{} failed: {line} {message}",
                self.verb(transfer)
            ))),
            _ => None,
        }
    }

    fn dry(&self, transfer: &'static str, line: &str) -> Event {
        Event::Success(format!("(dryrun) {}: {line}", self.verb(transfer)))
    }

    /// Uploads `file` (absolute) shown as `shown`; the content type is guessed from its name
    /// unless one was given.
    pub async fn upload(&self, file: &Path, shown: &str, bucket: &str, key: &str) -> Event {
        let line = format!("{} to s3://{bucket}/{}", safe(shown), safe(key));
        if self.dryrun {
            return self.dry("upload", &line);
        }
        if let Some(failed) = self.failed_by_option("upload", &line) {
            return failed;
        }
        let mut attributes = self.attributes.clone();
        if attributes.content_type.is_none() && self.guess_content_type {
            attributes.content_type = mime_guess::from_path(file).first_raw().map(str::to_string);
        }
        let target = Target {
            bucket,
            key,
            attributes: &attributes,
        };
        let outcome = self.engine.upload_file(file, target).await;
        let remove =
            async || std::fs::remove_file(file).map_err(|e| Error::General(os_error(&e, file)));
        self.finish("upload", line, outcome, remove).await
    }

    pub async fn download(&self, object: Source<'_>, dest: &Path, shown: &str) -> Event {
        let line = format!(
            "s3://{}/{} to {}",
            object.bucket,
            safe(object.key),
            safe(shown)
        );
        if self.dryrun {
            return self.dry("download", &line);
        }
        let outcome = self.engine.download_file(object, dest).await;
        let remove = async || self.delete_source(object.bucket, object.key).await;
        self.finish("download", line, outcome, remove).await
    }

    /// Copies `source` (its size says whether in parts) to `bucket`/`key`.
    pub async fn copy(&self, source: CopySource<'_>, bucket: &str, key: &str) -> Event {
        let line = format!(
            "s3://{}/{} to s3://{bucket}/{}",
            source.bucket,
            safe(source.key),
            safe(key)
        );
        if self.dryrun {
            return self.dry("copy", &line);
        }
        if let Some(failed) = self.failed_by_option("copy", &line) {
            return failed;
        }
        // Moving an object onto itself would delete its only copy, whatever S3 said of the
        // copy (it accepts one that changes the metadata): refused for each object, as the
        // CLI refuses it for the paths it is given.
        if self.moving && (source.bucket, source.key) == (bucket, key) {
            let e = Error::General(format!(
                "Cannot mv a file onto itself: s3://{}/{} - s3://{bucket}/{}",
                source.bucket,
                safe(source.key),
                safe(key)
            ));
            return Event::Failure(format!("move failed: {line} {e}"));
        }
        let target = Target {
            bucket,
            key,
            attributes: &self.attributes,
        };
        let outcome = self.engine.copy(source, target).await;
        let remove = async || self.delete_source(source.bucket, source.key).await;
        self.finish("copy", line, outcome, remove).await
    }

    async fn delete_source(&self, bucket: &str, key: &str) -> Result<(), Error> {
        delete_object::call(self.engine.session, bucket, key, None).await
    }
}
