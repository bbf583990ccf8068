//! How `logs tail` reads `--since` and prints an event in each `--format`, as the CLI does:
//! `detailed` (ISO time with microseconds, stream, message), `short` (time to the second,
//! message), `json` (messages that are JSON pretty-printed); timestamps green and stream names
//! cyan when colour is on.

use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Detailed,
    Short,
    Json,
}

impl Format {
    pub fn from_name(name: &str) -> Format {
        match name {
            "short" => Format::Short,
            "json" => Format::Json,
            _ => Format::Detailed,
        }
    }
}

/// `--since` in epoch milliseconds: `N` and a unit (s, m, h, d, w) before `now`, else a
/// timestamp (ISO 8601, UTC when it names no zone; or epoch seconds).
pub fn since_millis(value: &str, now: OffsetDateTime) -> Option<i64> {
    let unit_at = value.len().checked_sub(1)?;
    let (amount, unit) = value.split_at(unit_at);
    let seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => 0,
    };
    if seconds > 0 && !amount.is_empty() && amount.bytes().all(|b| b.is_ascii_digit()) {
        let amount: i64 = amount.parse().ok()?;
        let start = now - time::Duration::seconds(amount.checked_mul(seconds)?);
        return Some((start.unix_timestamp_nanos() / 1_000_000) as i64);
    }
    if let Ok(epoch) = value.parse::<f64>() {
        return Some((epoch * 1000.0) as i64);
    }
    let parsed = OffsetDateTime::parse(value, &Rfc3339).ok().or_else(|| {
        let naive = time::PrimitiveDateTime::parse(
            value,
            format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        )
        .or_else(|_| {
            time::Date::parse(value, format_description!("[year]-[month]-[day]"))
                .map(|d| d.midnight())
        })
        .ok()?;
        Some(naive.assume_utc())
    })?;
    Some((parsed.unix_timestamp_nanos() / 1_000_000) as i64)
}

fn paint(text: &str, color: &str, on: bool) -> String {
    match on {
        true => format!("{color}{text}{RESET}"),
        false => text.to_string(),
    }
}

/// One event as the CLI prints it, ending in exactly one newline.
pub fn line(event: &Value, format: Format, color: bool) -> String {
    let millis = event.get("timestamp").and_then(Value::as_i64).unwrap_or(0);
    let time = OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let stream = event
        .get("logStreamName")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let message = event
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let text = match format {
        Format::Short => format!("{} {message}", paint(&short_time(time), GREEN, color)),
        Format::Detailed => format!(
            "{} {} {message}",
            paint(&iso_time(time, true), GREEN, color),
            paint(stream, CYAN, color)
        ),
        Format::Json => format!(
            "{} {} {}",
            paint(&iso_time(time, false), GREEN, color),
            paint(stream, CYAN, color),
            pretty_json(message)
        ),
    };
    format!("{}\n", text.trim_end())
}

fn short_time(time: OffsetDateTime) -> String {
    time.format(format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second]"
    ))
    .unwrap_or_default()
}

/// Python's `isoformat()` of a UTC time: microseconds always (`timespec='microseconds'`) or
/// only when there are some.
fn iso_time(time: OffsetDateTime, microseconds: bool) -> String {
    let micros = time.microsecond();
    let base = short_time(time);
    match microseconds || micros != 0 {
        true => format!("{base}.{micros:06}+00:00"),
        false => format!("{base}+00:00"),
    }
}

/// A message that is JSON, on the next line and indented; any other message as it is.
fn pretty_json(message: &str) -> String {
    match serde_json::from_str::<Value>(message) {
        Ok(value) => format!("\n{}", crate::output::json_dumps_indented_ascii(&value)),
        Err(_) => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn since_takes_relative_or_absolute_times() {
        let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        assert_eq!(since_millis("10m", now), Some(1_699_999_400_000));
        assert_eq!(since_millis("2d", now), Some(1_699_827_200_000));
        assert_eq!(
            since_millis("2023-11-14T22:13:20Z", now),
            Some(1_700_000_000_000)
        );
        assert_eq!(
            since_millis("2023-11-14T22:13:20", now),
            Some(1_700_000_000_000)
        );
        assert_eq!(since_millis("5h30m", now), None);
    }

    #[test]
    fn events_print_in_each_format() {
        let event = json!({"timestamp": 1_700_000_000_123i64, "logStreamName": "s1",
            "message": "{\"a\": [1, \"é\"]}\n"});
        assert_eq!(
            line(&event, Format::Detailed, false),
            "2023-11-14T22:13:20.123000+00:00 s1 {\"a\": [1, \"é\"]}\n"
        );
        assert_eq!(
            line(&event, Format::Short, true),
            "\x1b[32m2023-11-14T22:13:20\x1b[0m {\"a\": [1, \"é\"]}\n"
        );
        assert_eq!(
            line(&event, Format::Json, false),
            "2023-11-14T22:13:20.123000+00:00 s1 \n{\n    \"a\": [\n        1,\n        \"\\u00e9\"\n    ]\n}\n"
        );
    }
}
