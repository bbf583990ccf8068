//! `awsctl s3 ls [s3://bucket[/prefix]]`: buckets, or one level of a bucket (`PRE` lines for
//! common prefixes), or everything under a prefix with `--recursive`. Each page is printed
//! and flushed while the next one is fetched, so a listing of any size streams.

use super::format::{human_size, local_date, safe};
use super::paths::under;
use super::paths::uri::{S3Path, check_bucket};
use crate::cli::LsArgs;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::services::s3::ops::{list_buckets, list_objects_v2};

#[derive(Default)]
struct Totals {
    objects: u64,
    bytes: u64,
}

pub async fn run(args: &LsArgs, session: &Session<'_>, printer: &mut Printer) -> Result<u8, Error> {
    let path = S3Path::split(args.path.as_deref().unwrap_or("s3://"));
    let mut totals = Totals::default();
    let mut code = 0;
    if path.bucket.is_empty() {
        list_all_buckets(args, session, printer).await?;
    } else {
        check_bucket(&path.bucket)?;
        let first_page_empty = list_objects(args, &path, session, printer, &mut totals).await?;
        // Only a prefix that matches nothing is a failure; an empty bucket is not.
        if first_page_empty && !path.key.is_empty() {
            code = 1;
        }
    }
    if args.summarize {
        let size = |n| {
            if args.human_readable {
                human_size(n)
            } else {
                n.to_string()
            }
        };
        printer.out_line(&format!("\nTotal Objects: {}", totals.objects))?;
        printer.out_line(&format!("   Total Size: {}", size(totals.bytes)))?;
    }
    Ok(code)
}

async fn list_all_buckets(
    args: &LsArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<(), Error> {
    let mut params = list_buckets::Params {
        max_buckets: args.page_size,
        prefix: args.bucket_name_prefix.as_deref(),
        bucket_region: args.bucket_region.as_deref(),
        ..Default::default()
    };
    loop {
        let page = list_buckets::call(session, &params).await?;
        for bucket in &page.buckets {
            printer.out_line(&format!(
                "{} {}",
                local_date(&bucket.creation_date),
                safe(&bucket.name)
            ))?;
        }
        printer.flush()?;
        crate::services::paginate::refuse_repeated_token(
            params.continuation_token.as_deref(),
            page.continuation_token.as_deref(),
            "ContinuationToken",
        )?;
        match page.continuation_token {
            Some(next) => params.continuation_token = Some(next),
            None => return Ok(()),
        }
    }
}

/// Prints every page; returns whether the first page was empty. The request for the next
/// page goes out before the current page is printed, so printing overlaps the network.
async fn list_objects(
    args: &LsArgs,
    path: &S3Path,
    session: &Session<'_>,
    printer: &mut Printer,
    totals: &mut Totals,
) -> Result<bool, Error> {
    let params = list_objects_v2::Params {
        bucket: &path.bucket,
        prefix: &path.key,
        delimiter: (!args.recursive).then_some("/"),
        max_keys: args.page_size,
        continuation_token: None,
        request_payer: args.request_payer.as_deref(),
    };
    let mut page = list_objects_v2::call(session, &params).await?;
    let first_page_empty = page.contents.is_empty() && page.common_prefixes.is_empty();
    let mut previous: Option<String> = None;
    loop {
        let token = page.next_token.take();
        crate::services::paginate::refuse_repeated_token(
            previous.as_deref(),
            token.as_deref(),
            "ContinuationToken",
        )?;
        previous.clone_from(&token);
        let next = token.map(|token| list_objects_v2::Params {
            continuation_token: Some(token),
            ..params.clone()
        });
        // join! polls in order: the next request is sent, then this page printed while
        // the answer is on its way.
        let fetch = async {
            match &next {
                Some(params) => Some(list_objects_v2::call(session, params).await),
                None => None,
            }
        };
        let print = async { print_page(args, &page, printer, totals) };
        let (fetched, printed) = tokio::join!(fetch, print);
        printed?;
        match fetched {
            Some(result) => page = result?,
            None => return Ok(first_page_empty),
        }
    }
}

fn print_page(
    args: &LsArgs,
    page: &list_objects_v2::Page,
    printer: &mut Printer,
    totals: &mut Totals,
) -> Result<(), Error> {
    // Within a page the CLI prints the prefixes first, then the objects.
    for prefix in &page.common_prefixes {
        let mut parts = prefix.rsplit('/');
        parts.next();
        let name = parts.next().unwrap_or(prefix);
        printer.out_line(&format!("{:>30} {}/", "PRE", safe(name)))?;
    }
    for object in &page.contents {
        totals.objects += 1;
        totals.bytes += object.size;
        let name = if args.recursive {
            object.key.as_str()
        } else {
            under::name(&object.key)
        };
        let size = if args.human_readable {
            human_size(object.size)
        } else {
            object.size.to_string()
        };
        printer.out_line(&format!(
            "{} {size:>10} {}",
            local_date(&object.last_modified),
            safe(name)
        ))?;
    }
    Ok(printer.flush()?)
}
