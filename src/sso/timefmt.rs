//! The timestamps of the SSO caches: written as the CLI writes them (`2026-12-03T10:00:00Z`,
//! UTC, whole seconds), read in that form, with an offset, or with the `UTC` suffix older
//! CLIs wrote.

use time::{OffsetDateTime, UtcOffset};

use crate::protocol::timestamp;

/// `%Y-%m-%dT%H:%M:%SZ` in UTC.
pub fn utc_z(t: OffsetDateTime) -> String {
    format!(
        "{}Z",
        timestamp::date_time(t.to_offset(UtcOffset::UTC), 'T')
    )
}

pub fn parse(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim();
    match text.strip_suffix("UTC") {
        Some(bare) => timestamp::parse(&format!("{bare}Z")),
        None => timestamp::parse(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_clis_form() {
        let t = parse("2026-12-03T10:00:00Z").unwrap();
        assert_eq!(utc_z(t), "2026-12-03T10:00:00Z");
        assert_eq!(parse("2026-12-03T10:00:00UTC"), Some(t));
        assert_eq!(parse("2026-12-03T11:00:00+01:00"), Some(t));
        assert_eq!(
            utc_z(parse("2026-12-03T10:00:00.5Z").unwrap()),
            "2026-12-03T10:00:00Z"
        );
        assert!(parse("soon").is_none());
    }
}
