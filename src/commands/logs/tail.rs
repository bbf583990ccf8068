//! `awsctl logs tail GROUP`: FilterLogEvents (interleaved) from `--since` on, every page, each
//! event printed in the `--format`; with `--follow`, polled every 5 seconds from the newest
//! event's time, events already printed skipped by id, until Control-C ends it with exit 0.

use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::time::Duration;

use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::tail_format::{self, Format};
use crate::cli::logs::TailArgs;
use crate::commands::Outcome;
use crate::driver::invoke;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;
use crate::settings::ColorChoice;

const POLL_EVERY: Duration = Duration::from_secs(5);

pub async fn run(
    args: &TailArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let start = tail_format::since_millis(&args.since, OffsetDateTime::now_utc())
        .ok_or_else(|| Error::General(format!("Invalid timestamp \"{}\"", args.since)))?;
    let mut params = Map::new();
    params.insert("logGroupName".into(), args.group_name.clone().into());
    params.insert("interleaved".into(), true.into());
    params.insert("startTime".into(), start.into());
    if let Some(pattern) = &args.filter_pattern {
        params.insert("filterPattern".into(), pattern.clone().into());
    }
    if let Some(names) = &args.log_stream_names {
        params.insert("logStreamNames".into(), names.clone().into());
    }
    if let Some(prefix) = &args.log_stream_name_prefix {
        params.insert("logStreamNamePrefix".into(), prefix.clone().into());
    }
    let printing = Printing {
        format: Format::from_name(&args.format),
        color: match session.settings.color {
            ColorChoice::On => true,
            ColorChoice::Off => false,
            ColorChoice::Auto => std::io::stdout().is_terminal(),
        },
    };
    if !args.follow {
        loop {
            let page = filter(session, &params).await?;
            printing.events(&page, printer, |_| true)?;
            match page.get("nextToken") {
                Some(token) => params.insert("nextToken".into(), token.clone()),
                None => break,
            };
        }
        return Ok(Outcome::Done(0));
    }
    // Control-C is the way out of --follow, and not a failure.
    tokio::select! {
        result = follow(session, params, &printing, printer) => result?,
        _ = tokio::signal::ctrl_c() => {}
    }
    printer.flush()?;
    Ok(Outcome::Done(0))
}

struct Printing {
    format: Format,
    color: bool,
}

impl Printing {
    fn events(
        &self,
        page: &Value,
        printer: &mut Printer,
        mut keep: impl FnMut(&Value) -> bool,
    ) -> Result<(), Error> {
        let events = page.get("events").and_then(Value::as_array);
        for event in events.into_iter().flatten() {
            if keep(event) {
                let line = tail_format::line(event, self.format, self.color);
                printer.out().write_all(line.as_bytes())?;
            }
        }
        printer.flush()?;
        Ok(())
    }
}

async fn filter(session: &Session<'_>, params: &Map<String, Value>) -> Result<Value, Error> {
    invoke::call_named(session, "logs", "FilterLogEvents", params.clone()).await
}

async fn follow(
    session: &Session<'_>,
    mut params: Map<String, Value>,
    printing: &Printing,
    printer: &mut Printer,
) -> Result<(), Error> {
    // Ids of the events printed, for the newest timestamp only: the next poll starts there.
    let mut seen: BTreeMap<i64, HashSet<String>> = BTreeMap::new();
    loop {
        let page = filter(session, &params).await?;
        printing.events(&page, printer, |event| {
            let time = event.get("timestamp").and_then(Value::as_i64).unwrap_or(0);
            let id = event
                .get("eventId")
                .and_then(Value::as_str)
                .unwrap_or_default();
            seen.entry(time).or_default().insert(id.to_string())
        })?;
        if let Some((&newest, _)) = seen.last_key_value() {
            seen = seen.split_off(&newest);
        }
        match page.get("nextToken") {
            Some(token) => {
                params.insert("nextToken".into(), token.clone());
            }
            None => {
                params.remove("nextToken");
                if let Some((&newest, _)) = seen.last_key_value() {
                    params.insert("startTime".into(), newest.into());
                }
                tokio::time::sleep(POLL_EVERY).await;
            }
        }
    }
}
