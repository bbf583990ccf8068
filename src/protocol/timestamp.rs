//! Timestamps as the CLI prints them: v2's ISO 8601 (`datetime.isoformat()`:
//! `2026-11-23T16:15:02+00:00`, microseconds only when present) or the wire value.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::settings::TimestampFormat;

pub fn render(wire: &str, format: TimestampFormat) -> String {
    match (format, parse(wire)) {
        (TimestampFormat::Iso8601, Some(t)) => isoformat(t),
        _ => wire.to_string(),
    }
}

/// Reads the ISO 8601 forms services send, and epoch seconds.
pub fn parse(text: &str) -> Option<OffsetDateTime> {
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(t);
    }
    from_epoch_seconds(text.parse().ok()?)
}

/// Epoch seconds as Python's `datetime.fromtimestamp` reads them: the fraction rounded to
/// whole microseconds (so `1796280698.014` is `.014000`, not the float's `.013999`).
pub fn from_epoch_seconds(seconds: f64) -> Option<OffsetDateTime> {
    if !seconds.is_finite() {
        return None;
    }
    let whole = seconds.trunc();
    let micros = ((seconds - whole) * 1e6).round() as i128;
    let nanos = (whole as i128) * 1_000_000_000 + micros * 1_000;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
}

/// RFC 7231's preferred HTTP date: `Mon, 23 Nov 2026 18:33:18 GMT`.
pub const HTTP_DATE: &[time::format_description::BorrowedFormatItem<'static>] = time::macros::format_description!(
    "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
);

/// An HTTP date (`Last-Modified: Mon, 23 Nov 2026 18:33:18 GMT`).
pub fn http_date(text: &str) -> Option<std::time::SystemTime> {
    let t = time::PrimitiveDateTime::parse(text.trim(), HTTP_DATE).ok()?;
    Some(t.assume_utc().into())
}

/// `YYYY-MM-DD<separator>HH:MM:SS`, the date and time every printed form starts with.
pub fn date_time(t: OffsetDateTime, separator: char) -> String {
    format!(
        "{:04}-{:02}-{:02}{separator}{:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Python's `datetime.isoformat()` for an aware datetime.
pub fn isoformat(t: OffsetDateTime) -> String {
    let mut out = date_time(t, 'T');
    if t.microsecond() != 0 {
        out.push_str(&format!(".{:06}", t.microsecond()));
    }
    let offset = t.offset();
    let sign = if offset.is_negative() { '-' } else { '+' };
    out.push_str(&format!(
        "{sign}{:02}:{:02}",
        offset.whole_hours().abs(),
        offset.minutes_past_hour().abs()
    ));
    out
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
    fn matches_python_isoformat() {
        let cases = [
            (
                "2026-11-23T16:15:02Z",
                TimestampFormat::Iso8601,
                "2026-11-23T16:15:02+00:00",
            ),
            (
                "2026-11-23T17:25:21.145861Z",
                TimestampFormat::Iso8601,
                "2026-11-23T17:25:21.145861+00:00",
            ),
            (
                "2026-11-23T17:17:06.258Z",
                TimestampFormat::Iso8601,
                "2026-11-23T17:17:06.258000+00:00",
            ),
            (
                "2026-11-23T18:00:00+02:00",
                TimestampFormat::Iso8601,
                "2026-11-23T18:00:00+02:00",
            ),
            (
                "2026-11-23T17:17:06.258Z",
                TimestampFormat::Wire,
                "2026-11-23T17:17:06.258Z",
            ),
            (
                "1795453200",
                TimestampFormat::Iso8601,
                "2026-11-23T17:00:00+00:00",
            ),
            ("garbage", TimestampFormat::Iso8601, "garbage"),
        ];
        for (wire, format, expected) in cases {
            assert_eq!(render(wire, format), expected, "{wire} as {format:?}");
        }
    }
}
