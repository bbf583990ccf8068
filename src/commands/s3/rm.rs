//! `awsctl s3 rm s3://bucket/key`, or with `--recursive` every object under a prefix that the
//! `--include`/`--exclude` filters keep. Recursive deletes go page by page: each listed page
//! is filtered and deleted with DeleteObjects (at most 1000 keys a request) while the next
//! page is listed, so nothing of the listing is held beyond two pages.

use super::filter::{Filter, s3_root};
use super::format::safe;
use super::paths::under::{dir_prefix, relative_key};
use super::paths::uri::{S3Path, check_bucket};
use crate::cli::RmArgs;
use crate::error::Error;
use crate::printer::Printer;
use crate::protocol::rest_xml;
use crate::services::Session;
use crate::services::s3::ops::{delete_object, delete_objects, list_objects_v2};

/// How a delete runs and what it reports.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub filter: Filter,
    pub dryrun: bool,
    /// Nothing at all is printed, failures included (the CLI's `--quiet`).
    pub quiet: bool,
    pub only_show_errors: bool,
    pub page_size: Option<u32>,
    pub request_payer: Option<String>,
}

pub async fn run(args: &RmArgs, session: &Session<'_>, printer: &mut Printer) -> Result<u8, Error> {
    let path = S3Path::require(&args.path, "usage: awsctl s3 rm <S3Uri>")?;
    check_bucket(&path.bucket)?;
    let options = Options {
        filter: Filter::new(
            &args.filters.patterns,
            &s3_root(&path.bucket, &path.key, args.recursive),
        ),
        dryrun: args.dryrun,
        quiet: args.quiet,
        only_show_errors: args.only_show_errors,
        page_size: args.page_size,
        request_payer: args.request_payer.clone(),
    };
    if args.recursive {
        // As the CLI: a recursive source is a directory, `dir` meaning `dir/`, so that
        // `s3://b/photos` never reaches `photos-private/` or `photos2024.txt`.
        let prefix = dir_prefix(&path.key);
        return delete_prefix(session, printer, &path.bucket, &prefix, &options).await;
    }
    if path.key.is_empty() {
        // No key names no object: the CLI lists the bucket (so that a missing bucket is
        // still reported) and deletes nothing.
        let mut report = Report::new(printer, &options);
        let params = list_objects_v2::Params {
            bucket: &path.bucket,
            max_keys: Some(1),
            request_payer: options.request_payer.as_deref(),
            ..Default::default()
        };
        if let Err(e) = list_objects_v2::call(session, &params).await {
            report.failure(&format!("fatal error: {e}"))?;
        }
        return Ok(report.code());
    }
    let mut report = Report::new(printer, &options);
    if !options
        .filter
        .includes(&format!("{}/{}", path.bucket, path.key))
    {
        return Ok(0);
    }
    let uri = path.uri();
    if options.dryrun {
        report.success(&format!("(dryrun) delete: {}", safe(&uri)))?;
        return Ok(0);
    }
    let payer = options.request_payer.as_deref();
    match delete_object::call(session, &path.bucket, &path.key, payer).await {
        Ok(()) => report.success(&format!("delete: {}", safe(&uri)))?,
        Err(e) => report.failure(&format!("delete failed: {} {e}", safe(&uri)))?,
    }
    Ok(report.code())
}

/// Deletes every object under `prefix` that the filter keeps; returns the exit code
/// (1 if anything failed, listing included). The next page is listed while the current one
/// is being deleted.
pub async fn delete_prefix(
    session: &Session<'_>,
    printer: &mut Printer,
    bucket: &str,
    prefix: &str,
    options: &Options,
) -> Result<u8, Error> {
    let mut report = Report::new(printer, options);
    let params = list_objects_v2::Params {
        bucket,
        prefix,
        delimiter: None,
        max_keys: options.page_size,
        continuation_token: None,
        request_payer: options.request_payer.as_deref(),
    };
    let mut listed = list_objects_v2::call(session, &params).await;
    let mut previous: Option<String> = None;
    loop {
        let mut page = match listed {
            Ok(page) => page,
            Err(e) => {
                report.failure(&format!("fatal error: {e}"))?;
                return Ok(report.code());
            }
        };
        let token = page.next_token.take();
        if let Err(e) = crate::services::paginate::refuse_repeated_token(
            previous.as_deref(),
            token.as_deref(),
            "ContinuationToken",
        ) {
            report.failure(&format!("fatal error: {e}"))?;
            return Ok(report.code());
        }
        previous.clone_from(&token);
        let next = token.map(|token| list_objects_v2::Params {
            continuation_token: Some(token),
            ..params.clone()
        });
        let keys: Vec<String> = page
            .contents
            .into_iter()
            .map(|o| o.key)
            // A key outside the prefix is not the user's to delete, whatever the server says.
            .filter(|k| relative_key(k, prefix).is_some())
            .filter(|k| options.filter.includes(&format!("{bucket}/{k}")))
            .collect();
        let fetch = async {
            match &next {
                Some(params) => Some(list_objects_v2::call(session, params).await),
                None => None,
            }
        };
        let work = async {
            if options.dryrun {
                for key in &keys {
                    report.success(&format!("(dryrun) delete: s3://{bucket}/{}", safe(key)))?;
                }
            } else {
                delete_keys(session, &mut report, bucket, keys, options).await?;
            }
            Ok::<_, Error>(report.printer.flush()?)
        };
        let (fetched, worked) = tokio::join!(fetch, work);
        worked?;
        match fetched {
            Some(result) => listed = result,
            None => return Ok(report.code()),
        }
    }
}

async fn delete_keys(
    session: &Session<'_>,
    report: &mut Report<'_>,
    bucket: &str,
    keys: Vec<String>,
    options: &Options,
) -> Result<(), Error> {
    let payer = options.request_payer.as_deref();
    // XML 1.0 cannot carry most control characters: such keys go one at a time.
    let (batchable, single): (Vec<String>, Vec<String>) =
        keys.into_iter().partition(|k| rest_xml::representable(k));
    for batch in batchable.chunks(delete_objects::MAX_KEYS) {
        match delete_objects::call(session, bucket, batch, payer).await {
            Ok(results) => {
                for result in results {
                    let uri = format!("s3://{bucket}/{}", safe(&result.key));
                    match result.error {
                        None => report.success(&format!("delete: {uri}"))?,
                        Some((code, message)) => report.failure(&format!(
                            "delete failed: {uri} An error occurred ({code}) when calling the {} operation: {message}",
                            delete_objects::OPERATION
                        ))?,
                    }
                }
            }
            Err(e) => {
                for key in batch {
                    report.failure(&format!("delete failed: s3://{bucket}/{} {e}", safe(key)))?;
                }
            }
        }
    }
    for key in single {
        let uri = format!("s3://{bucket}/{}", safe(&key));
        match delete_object::call(session, bucket, &key, payer).await {
            Ok(()) => report.success(&format!("delete: {uri}"))?,
            Err(e) => report.failure(&format!("delete failed: {uri} {e}"))?,
        }
    }
    Ok(())
}

/// The CLI's result printer for deletes: `--quiet` silences everything, failures included;
/// `--only-show-errors` keeps only failures.
struct Report<'p> {
    printer: &'p mut Printer,
    quiet: bool,
    only_errors: bool,
    failed: bool,
}

impl<'p> Report<'p> {
    fn new(printer: &'p mut Printer, options: &Options) -> Self {
        Report {
            printer,
            quiet: options.quiet,
            only_errors: options.only_show_errors,
            failed: false,
        }
    }

    fn success(&mut self, line: &str) -> std::io::Result<()> {
        if self.quiet || self.only_errors {
            return Ok(());
        }
        self.printer.out_line(line)
    }

    fn failure(&mut self, line: &str) -> std::io::Result<()> {
        self.failed = true;
        if self.quiet {
            return Ok(());
        }
        self.printer.err_line(line)
    }

    fn code(&self) -> u8 {
        u8::from(self.failed)
    }
}
