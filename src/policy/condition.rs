//! Condition operators: the String, Numeric, Date, Bool, Binary, IpAddress, Arn and Null
//! families, their `...IfExists` forms and the `ForAllValues:` / `ForAnyValue:` set
//! qualifiers, evaluated as IAM documents them:
//! - several values for one key in the policy: any may match (negated operators: none may);
//! - a key the request lacks: false, except negated operators (true), `...IfExists` (true),
//!   `ForAllValues` (true) and `Null`, which tests exactly that;
//! - a value that does not parse as the operator's type never matches.

use std::net::IpAddr;

use ipnet::IpNet;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::context::Context;
use super::wildcard::{self, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compare {
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    String { ignore_case: bool, like: bool },
    Numeric(Compare),
    Date(Compare),
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Set {
    Single,
    ForAllValues,
    ForAnyValue,
}

/// A parsed operator such as `ForAnyValue:StringNotLikeIfExists`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    family: Family,
    negated: bool,
    if_exists: bool,
    set: Set,
}

impl Operator {
    /// `None` for a name IAM does not know (the policy is then malformed).
    pub fn parse(name: &str) -> Option<Operator> {
        let (set, rest) = if let Some(r) = name.strip_prefix("ForAllValues:") {
            (Set::ForAllValues, r)
        } else if let Some(r) = name.strip_prefix("ForAnyValue:") {
            (Set::ForAnyValue, r)
        } else {
            (Set::Single, name)
        };
        let (base, if_exists) = match rest.strip_suffix("IfExists") {
            Some(base) if base != "Null" => (base, true),
            _ => (rest, false),
        };
        use Compare::*;
        let string = |ignore_case, like| Family::String { ignore_case, like };
        let (family, negated) = match base {
            "StringEquals" => (string(false, false), false),
            "StringNotEquals" => (string(false, false), true),
            "StringEqualsIgnoreCase" => (string(true, false), false),
            "StringNotEqualsIgnoreCase" => (string(true, false), true),
            "StringLike" => (string(false, true), false),
            "StringNotLike" => (string(false, true), true),
            "NumericEquals" => (Family::Numeric(Equal), false),
            "NumericNotEquals" => (Family::Numeric(Equal), true),
            "NumericLessThan" => (Family::Numeric(Less), false),
            "NumericLessThanEquals" => (Family::Numeric(LessOrEqual), false),
            "NumericGreaterThan" => (Family::Numeric(Greater), false),
            "NumericGreaterThanEquals" => (Family::Numeric(GreaterOrEqual), false),
            "DateEquals" => (Family::Date(Equal), false),
            "DateNotEquals" => (Family::Date(Equal), true),
            "DateLessThan" => (Family::Date(Less), false),
            "DateLessThanEquals" => (Family::Date(LessOrEqual), false),
            "DateGreaterThan" => (Family::Date(Greater), false),
            "DateGreaterThanEquals" => (Family::Date(GreaterOrEqual), false),
            "Bool" => (Family::Bool, false),
            "BinaryEquals" => (Family::Binary, false),
            "IpAddress" => (Family::Ip, false),
            "NotIpAddress" => (Family::Ip, true),
            "ArnEquals" | "ArnLike" => (Family::Arn, false),
            "ArnNotEquals" | "ArnNotLike" => (Family::Arn, true),
            "Null" => (Family::Null, false),
            _ => return None,
        };
        Some(Operator {
            family,
            negated,
            if_exists,
            set,
        })
    }

    /// Whether evaluating the operator needs the key's value (all but `Null` do).
    pub fn needs_value(&self) -> bool {
        self.family != Family::Null
    }

    /// Evaluates `key` against the policy's `values` in `context`.
    pub fn evaluate(&self, key: &str, values: &[String], context: &Context) -> bool {
        let present = context.values(key).filter(|v| !v.is_empty());
        if self.family == Family::Null {
            // `"Null": {"k": "true"}` holds when the key is absent.
            return values
                .iter()
                .any(|v| v.eq_ignore_ascii_case("true") == present.is_none());
        }
        let Some(request) = present else {
            return match self.set {
                Set::ForAllValues => true,
                Set::ForAnyValue => self.if_exists,
                Set::Single => self.if_exists || self.negated,
            };
        };
        // Policy values may hold variables (String and Arn families); one that cannot be
        // resolved matches nothing.
        let patterns: Vec<Vec<Token>> = values
            .iter()
            .filter_map(|v| match self.family {
                Family::String { .. } | Family::Arn => wildcard::resolve(v, context).ok(),
                _ => Some(v.chars().map(Token::Char).collect()),
            })
            .collect();
        let one = |r: &String| {
            let any = patterns.iter().any(|p| self.matches(r, p));
            any != self.negated
        };
        match self.set {
            Set::Single if self.negated => request.iter().all(one),
            Set::Single | Set::ForAnyValue => request.iter().any(one),
            Set::ForAllValues => request.iter().all(one),
        }
    }

    /// The un-negated comparison of one request value with one policy value.
    fn matches(&self, request: &str, pattern: &[Token]) -> bool {
        match self.family {
            Family::String { ignore_case, like } => match like {
                true => wildcard::glob(pattern, request, false),
                false if ignore_case => {
                    wildcard::literal(pattern).to_lowercase() == request.to_lowercase()
                }
                false => wildcard::literal(pattern) == request,
            },
            Family::Arn => wildcard::arn(pattern, request),
            Family::Numeric(cmp) => {
                let parse = |s: &str| s.trim().parse::<f64>().ok();
                match (parse(request), parse(&wildcard::literal(pattern))) {
                    (Some(r), Some(p)) => compare(cmp, r.partial_cmp(&p)),
                    _ => false,
                }
            }
            Family::Date(cmp) => match (date(request), date(&wildcard::literal(pattern))) {
                (Some(r), Some(p)) => compare(cmp, Some(r.cmp(&p))),
                _ => false,
            },
            Family::Bool => {
                let p = wildcard::literal(pattern);
                matches!(p.to_ascii_lowercase().as_str(), "true" | "false")
                    && p.eq_ignore_ascii_case(request.trim())
            }
            Family::Binary => wildcard::literal(pattern) == request,
            Family::Ip => ip_in(request, &wildcard::literal(pattern)),
            Family::Null => false,
        }
    }
}

fn compare(cmp: Compare, ordering: Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering::*;
    matches!(
        (cmp, ordering),
        (Compare::Equal, Some(Equal))
            | (Compare::Less, Some(Less))
            | (Compare::LessOrEqual, Some(Less | Equal))
            | (Compare::Greater, Some(Greater))
            | (Compare::GreaterOrEqual, Some(Greater | Equal))
    )
}

/// ISO 8601 date-times (`2020-01-01T00:00:00Z`), dates (`2020-01-01`), or epoch seconds.
fn date(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim();
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(t);
    }
    if let Ok(seconds) = text.parse::<i64>() {
        return OffsetDateTime::from_unix_timestamp(seconds).ok();
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format)
        .ok()
        .map(|d| d.midnight().assume_utc())
}

/// Whether an address lies in a CIDR block (a bare address is a block of one).
fn ip_in(address: &str, block: &str) -> bool {
    let Ok(address) = address.trim().parse::<IpAddr>() else {
        return false;
    };
    let block = block.trim();
    match block.parse::<IpNet>() {
        Ok(net) => net.contains(&address),
        Err(_) => block.parse::<IpAddr>().is_ok_and(|b| b == address),
    }
}

#[cfg(test)]
#[path = "condition_tests.rs"]
mod tests;
