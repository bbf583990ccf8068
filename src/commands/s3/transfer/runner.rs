//! The [`Runner`]: what every transfer of a `cp`, `mv` or `sync` command shares (the
//! engine, the attributes new objects get, the options that decide what runs and what is
//! printed), and the three transfers it runs (upload, download, copy), each ending in its
//! result line; with `mv`, each source is deleted once its copy is in place.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::glacier::Glacier;
use super::options::{Problem, attributes};
use super::report::{Event, Report};
use crate::cli::{FilterKind, TransferArgs};
use crate::commands::s3::filter::Filter;
use crate::commands::s3::format::{os_error, safe};
use crate::commands::s3::paths::local::{absolute, display};
use crate::commands::s3::paths::under::local_under;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::ops::delete_object;
use crate::services::s3::transfer::copy::CopySource;
use crate::services::s3::transfer::download::Source;
use crate::services::s3::transfer::upload::Target;
use crate::services::s3::transfer::{Engine, TransferConfig};

/// Everything a transfer needs besides its two paths.
pub struct Runner<'s> {
    pub session: &'s Session<'s>,
    pub engine: Engine<'s>,
    /// How many transfers run at once (`max_concurrent_requests`).
    pub pool: usize,
    pub attributes: Attributes,
    /// An option value that fails the uploads and copies (or the whole command) once run.
    pub problem: Option<Problem>,
    pub filter_patterns: Vec<(FilterKind, String)>,
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

impl<'s> Runner<'s> {
    /// The engine, attributes and selection the transfer options describe. Credentials are
    /// resolved here, once, before any concurrency: every request then reuses them.
    pub async fn new(args: &TransferArgs, session: &'s Session<'s>) -> Result<Runner<'s>, Error> {
        let config = TransferConfig::from_settings(session.settings)?;
        session.credentials().await?;
        let (attributes, problem) = attributes(args)?;
        Ok(Runner {
            session,
            pool: config.max_concurrent_requests,
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

    /// The `--include`/`--exclude` patterns, joined to `root`.
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
    pub fn failed_by_option(&self, transfer: &'static str, line: &str) -> Option<Event> {
        match &self.problem {
            Some(Problem::EachTransfer(message)) => Some(Event::Failure(format!(
                "{} failed: {line} {message}",
                self.verb(transfer)
            ))),
            _ => None,
        }
    }

    /// The line a `--dryrun` prints instead of transferring.
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

    /// Downloads `object` to `dest` (relative to the current directory or absolute).
    pub async fn download(&self, object: Source<'_>, dest: &Path) -> Event {
        let line = format!(
            "s3://{}/{} to {}",
            object.bucket,
            safe(object.key),
            safe(&display(dest, &self.cwd))
        );
        if self.dryrun {
            return self.dry("download", &line);
        }
        let outcome = self
            .engine
            .download_file(object, &absolute(dest, &self.cwd))
            .await;
        let remove = async || self.delete_source(object.bucket, object.key).await;
        self.finish("download", line, outcome, remove).await
    }

    /// Downloads `object` to its place under `dir` (its key `relative` to the listed prefix),
    /// unless that place would be outside `dir`: such a key is skipped with the CLI's warning.
    pub async fn download_under(&self, object: Source<'_>, relative: &str, dir: &Path) -> Event {
        let Some(path) = local_under(dir, relative) else {
            return Event::Warning(format!(
                "warning: Skipping file {}. File references a parent directory.",
                safe(relative)
            ));
        };
        self.download(object, &path).await
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
        delete_object::call(self.session, bucket, key, None).await
    }
}
