//! Waiting on transfers while the progress line is refreshed: one transfer
//! ([`with_progress`]) or a stream of them whose result lines are printed as each finishes
//! ([`drain`]).

use std::time::Duration;

use futures_util::{Stream, StreamExt};

use super::report::{Event, Report};
use crate::error::Error;
use crate::services::s3::transfer::progress::Progress;

/// How often the progress line is refreshed.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

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

/// Prints each transfer's line as it finishes, and the progress line meanwhile.
pub async fn drain(
    report: &mut Report<'_>,
    progress: &Progress,
    events: impl Stream<Item = Event>,
) -> Result<(), Error> {
    let mut events = std::pin::pin!(events);
    let mut tick = tokio::time::interval(PROGRESS_EVERY);
    loop {
        tokio::select! {
            event = events.next() => match event {
                Some(event) => report.event(event)?,
                None => return Ok(()),
            },
            _ = tick.tick(), if report.shows_progress() => {
                report.progress(progress.figures(), progress.started_at.elapsed())?;
            }
        }
    }
}
