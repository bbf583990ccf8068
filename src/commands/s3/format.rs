//! How the s3 commands write what they print, as the AWS CLI writes it: dates as
//! `YYYY-MM-DD HH:MM:SS` in the local time zone (as `aws s3 ls` shows them), sizes with
//! `--human-readable` in the CLI's base-2 units, names with control characters escaped, and
//! errors on local files in Python's `[Errno N] message: 'path'` form.

use std::borrow::Cow;
use std::path::Path;

use time::{OffsetDateTime, UtcOffset};

use crate::protocol::timestamp;

/// `YYYY-MM-DD HH:MM:SS` in the local time zone (`TZ`), as `ls` prints dates.
pub fn local_date(wire: &str) -> String {
    let Some(t) = timestamp::parse(wire) else {
        return format!("{wire:<19}");
    };
    format_date(t.to_offset(local_offset(t)))
}

/// The zone's offset at that instant (daylight saving time included); UTC if the zone cannot
/// be read.
fn local_offset(t: OffsetDateTime) -> UtcOffset {
    UtcOffset::local_offset_at(t).unwrap_or(UtcOffset::UTC)
}

fn format_date(t: OffsetDateTime) -> String {
    crate::protocol::timestamp::date_time(t, ' ')
}

const SUFFIXES: [&str; 6] = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

/// The CLI's `human_readable_size`: `1 Byte`, `N Bytes`, then base-2 units with one decimal.
pub fn human_size(bytes: u64) -> String {
    let value = bytes as f64;
    if bytes == 1 {
        return "1 Byte".into();
    }
    if value < 1024.0 {
        return format!("{bytes} Bytes");
    }
    for (i, suffix) in SUFFIXES.iter().enumerate() {
        let unit = 1024f64.powi(i as i32 + 2);
        // Python's round() rounds halves to even.
        if (value / unit * 1024.0).round_ties_even() < 1024.0 {
            return format!("{:.1} {suffix}", 1024.0 * value / unit);
        }
    }
    // Python falls off the end (returns None) past EiB; u64 cannot get there.
    format!("{:.1} EiB", value / 1024f64.powi(6))
}

/// A key as it may be printed: control characters (which could drive a terminal, or split
/// one listing line into two) are shown as `\xNN` escapes. Other text is unchanged.
pub fn safe(name: &str) -> Cow<'_, str> {
    if !name.chars().any(char::is_control) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(
        name.chars()
            .map(|c| {
                if c.is_control() {
                    format!("\\x{:02x}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// An OS error on a local file as the CLI (Python) words it:
/// `[Errno 13] Permission denied: '/abs/path'`.
pub fn os_error(e: &std::io::Error, path: &Path) -> String {
    let text = e.to_string();
    match e.raw_os_error() {
        Some(code) => {
            let message = text.split(" (os error").next().unwrap_or(&text);
            format!("[Errno {code}] {message}: '{}'", path.display())
        }
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes_match_the_cli() {
        let cases = [
            (0, "0 Bytes"),
            (1, "1 Byte"),
            (6, "6 Bytes"),
            (1023, "1023 Bytes"),
            (1024, "1.0 KiB"),
            (1280, "1.2 KiB"),
            (2048, "2.0 KiB"),
            (1_500_000, "1.4 MiB"),
            (1_502_062, "1.4 MiB"),
            (1_048_575, "1.0 MiB"),
            (5 * 1024 * 1024 * 1024, "5.0 GiB"),
        ];
        for (bytes, expected) in cases {
            assert_eq!(human_size(bytes), expected, "{bytes}");
        }
    }

    #[test]
    fn dates_are_nineteen_characters() {
        // The local zone is the machine's here; tests/s3_ls.rs checks zones through TZ.
        let t = timestamp::parse("2026-11-23T16:11:38.250Z").unwrap();
        assert_eq!(format_date(t), "2026-11-23 16:11:38");
        assert_eq!(local_date("2026-11-23T16:11:38.000Z").len(), 19);
        assert_eq!(local_date("garbage"), "garbage            ");
    }

    #[test]
    #[cfg(unix)]
    fn os_errors_read_as_pythons() {
        let denied = std::io::Error::from_raw_os_error(13);
        assert_eq!(
            os_error(&denied, Path::new("/d/f")),
            "[Errno 13] Permission denied: '/d/f'"
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(safe("plain/ké y"), "plain/ké y");
        assert_eq!(safe("a\u{1b}[31mb\nc\u{7f}"), "a\\x1b[31mb\\x0ac\\x7f");
    }
}
