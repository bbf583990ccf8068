//! Timestamps as users type them: botocore takes epoch seconds or anything its date parser
//! reads; awsctl reads the forms people use (ISO 8601 dates and times, with or without a
//! zone, `T` or a space between; HTTP dates; epoch seconds). Times without a zone are UTC.

use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time};

pub fn parse(text: &str) -> Option<OffsetDateTime> {
    let t = text.trim();
    if let Ok(seconds) = t.parse::<f64>() {
        return crate::protocol::timestamp::from_epoch_seconds(seconds);
    }
    let normal = t.replacen(' ', "T", 1);
    let zoned = if normal.ends_with('z') {
        format!("{}Z", &normal[..normal.len() - 1])
    } else {
        normal.clone()
    };
    if let Ok(v) = OffsetDateTime::parse(&zoned, &Rfc3339) {
        return Some(v);
    }
    if let Ok(v) = OffsetDateTime::parse(t, &Rfc2822) {
        return Some(v);
    }
    if let Some(v) = crate::protocol::timestamp::http_date(t) {
        return Some(v.into());
    }
    let date_time = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let date_time_fraction =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]");
    let date_minutes = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    for format in [date_time, date_time_fraction, date_minutes] {
        if let Ok(v) = PrimitiveDateTime::parse(&normal, format) {
            return Some(v.assume_utc());
        }
    }
    if let Ok(d) = Date::parse(t, format_description!("[year]-[month]-[day]")) {
        return Some(PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_utc());
    }
    None
}

pub fn is_timestamp(text: &str) -> bool {
    parse(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_people_type() {
        for (text, epoch) in [
            ("1700000000", 1_700_000_000),
            ("2023-11-14T22:13:20Z", 1_700_000_000),
            ("2023-11-14T22:13:20", 1_700_000_000),
            ("2023-11-14 22:13:20", 1_700_000_000),
            ("2023-11-14T23:13:20+01:00", 1_700_000_000),
            ("2023-11-14T22:13:20.000Z", 1_700_000_000),
            ("2023-11-14", 1_699_920_000),
            ("Tue, 14 Nov 2023 22:13:20 GMT", 1_700_000_000),
        ] {
            assert_eq!(
                parse(text).map(|t| t.unix_timestamp()),
                Some(epoch),
                "{text}"
            );
        }
        assert!(!is_timestamp("yesterday"));
    }
}
