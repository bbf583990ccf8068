//! One test per operator family, plus the qualifiers and missing keys.

use super::*;
use crate::policy::ContextType;

fn ctx(entries: &[(&str, ContextType, &[&str])]) -> Context {
    let mut c = Context::default();
    for (k, t, v) in entries {
        c.insert(k, *t, v.iter().map(|s| s.to_string()).collect());
    }
    c
}

fn check(op: &str, key: &str, values: &[&str], context: &Context) -> bool {
    let values: Vec<String> = values.iter().map(|s| s.to_string()).collect();
    Operator::parse(op)
        .unwrap_or_else(|| panic!("{op} should parse"))
        .evaluate(key, &values, context)
}

#[test]
fn unknown_operators_are_refused() {
    assert!(Operator::parse("StringEqual").is_none());
    assert!(Operator::parse("ForSomeValues:StringEquals").is_none());
    assert!(Operator::parse("NullIfExists").is_none());
}

#[test]
fn string_family() {
    let c = ctx(&[("s3:prefix", ContextType::String, &["home/Bob/x"])]);
    assert!(check("StringEquals", "S3:Prefix", &["home/Bob/x"], &c));
    assert!(!check("StringEquals", "s3:prefix", &["home/bob/x"], &c));
    assert!(check(
        "StringEquals",
        "s3:prefix",
        &["nope", "home/Bob/x"],
        &c
    ));
    assert!(
        !check("StringEquals", "s3:prefix", &["home/*"], &c),
        "no wildcards"
    );
    assert!(check("StringNotEquals", "s3:prefix", &["other"], &c));
    assert!(!check(
        "StringNotEquals",
        "s3:prefix",
        &["other", "home/Bob/x"],
        &c
    ));
    assert!(check(
        "StringEqualsIgnoreCase",
        "s3:prefix",
        &["HOME/BOB/X"],
        &c
    ));
    assert!(!check(
        "StringNotEqualsIgnoreCase",
        "s3:prefix",
        &["HOME/BOB/X"],
        &c
    ));
    assert!(check("StringLike", "s3:prefix", &["home/*/?"], &c));
    assert!(!check("StringLike", "s3:prefix", &["home/*/??"], &c));
    assert!(check("StringNotLike", "s3:prefix", &["work/*"], &c));
    assert!(!check("StringNotLike", "s3:prefix", &["home/*"], &c));
}

#[test]
fn string_values_take_policy_variables() {
    let c = ctx(&[
        ("aws:username", ContextType::String, &["Bob"]),
        ("s3:prefix", ContextType::String, &["home/Bob/x"]),
    ]);
    assert!(check(
        "StringLike",
        "s3:prefix",
        &["home/${aws:username}/*"],
        &c
    ));
    assert!(!check(
        "StringLike",
        "s3:prefix",
        &["home/${aws:userid}/*"],
        &c
    ));
}

#[test]
fn numeric_family() {
    let c = ctx(&[("s3:max-keys", ContextType::Numeric, &["10"])]);
    assert!(check("NumericEquals", "s3:max-keys", &["10.0"], &c));
    assert!(check("NumericNotEquals", "s3:max-keys", &["11"], &c));
    assert!(check("NumericLessThan", "s3:max-keys", &["11"], &c));
    assert!(!check("NumericLessThan", "s3:max-keys", &["10"], &c));
    assert!(check("NumericLessThanEquals", "s3:max-keys", &["10"], &c));
    assert!(check("NumericGreaterThan", "s3:max-keys", &["9.5"], &c));
    assert!(!check(
        "NumericGreaterThanEquals",
        "s3:max-keys",
        &["10.5"],
        &c
    ));
    assert!(
        !check("NumericEquals", "s3:max-keys", &["ten"], &c),
        "unparsable"
    );
}

#[test]
fn date_family() {
    let c = ctx(&[(
        "aws:CurrentTime",
        ContextType::Date,
        &["2019-04-25T11:00:00Z"],
    )]);
    assert!(check(
        "DateGreaterThan",
        "aws:currenttime",
        &["2018-08-16T12:00:00Z"],
        &c
    ));
    assert!(!check(
        "DateLessThan",
        "aws:CurrentTime",
        &["2018-08-16T12:00:00Z"],
        &c
    ));
    assert!(check(
        "DateEquals",
        "aws:CurrentTime",
        &["2019-04-25T13:00:00+02:00"],
        &c
    ));
    assert!(check(
        "DateNotEquals",
        "aws:CurrentTime",
        &["2019-04-25"],
        &c
    ));
    assert!(check(
        "DateGreaterThanEquals",
        "aws:CurrentTime",
        &["2019-04-25"],
        &c
    ));
    assert!(
        check("DateLessThanEquals", "aws:CurrentTime", &["1556190000"], &c),
        "epoch"
    );
    assert!(!check(
        "DateLessThan",
        "aws:CurrentTime",
        &["1556190000"],
        &c
    ));
}

#[test]
fn bool_and_binary() {
    let c = ctx(&[
        ("aws:SecureTransport", ContextType::Boolean, &["true"]),
        ("k", ContextType::Binary, &["QmluYXJ5"]),
    ]);
    assert!(check("Bool", "aws:SecureTransport", &["True"], &c));
    assert!(!check("Bool", "aws:SecureTransport", &["false"], &c));
    assert!(check("BinaryEquals", "k", &["QmluYXJ5"], &c));
    assert!(!check("BinaryEquals", "k", &["qmluyxj5"], &c));
}

#[test]
fn ip_family() {
    let c = ctx(&[("aws:SourceIp", ContextType::Ip, &["203.0.113.9"])]);
    assert!(check("IpAddress", "aws:SourceIp", &["203.0.113.0/24"], &c));
    assert!(check("IpAddress", "aws:SourceIp", &["203.0.113.9"], &c));
    assert!(!check(
        "IpAddress",
        "aws:SourceIp",
        &["198.51.100.0/24"],
        &c
    ));
    assert!(check(
        "NotIpAddress",
        "aws:SourceIp",
        &["198.51.100.0/24"],
        &c
    ));
    assert!(!check(
        "NotIpAddress",
        "aws:SourceIp",
        &["10.0.0.0/8", "203.0.113.0/24"],
        &c
    ));
    let v6 = ctx(&[("aws:SourceIp", ContextType::Ip, &["2001:db8::1"])]);
    assert!(check("IpAddress", "aws:SourceIp", &["2001:db8::/32"], &v6));
    assert!(!check(
        "IpAddress",
        "aws:SourceIp",
        &["203.0.113.0/24"],
        &v6
    ));
}

#[test]
fn arn_family() {
    let c = ctx(&[(
        "aws:SourceArn",
        ContextType::String,
        &["arn:aws:sns:us-east-1:123456789012:topic"],
    )]);
    assert!(check(
        "ArnLike",
        "aws:SourceArn",
        &["arn:aws:sns:*:123456789012:*"],
        &c
    ));
    assert!(check(
        "ArnEquals",
        "aws:SourceArn",
        &["arn:aws:sns:us-east-1:123456789012:topic"],
        &c
    ));
    assert!(!check(
        "ArnLike",
        "aws:SourceArn",
        &["arn:aws:sqs:*:*:*"],
        &c
    ));
    assert!(check(
        "ArnNotLike",
        "aws:SourceArn",
        &["arn:aws:sqs:*:*:*"],
        &c
    ));
    assert!(!check(
        "ArnNotEquals",
        "aws:SourceArn",
        &["arn:aws:sns:*:*:topic"],
        &c
    ));
}

#[test]
fn null_tests_presence() {
    let c = ctx(&[(
        "aws:TokenIssueTime",
        ContextType::Date,
        &["2020-01-01T00:00:00Z"],
    )]);
    assert!(check("Null", "aws:TokenIssueTime", &["false"], &c));
    assert!(!check("Null", "aws:TokenIssueTime", &["true"], &c));
    assert!(check("Null", "aws:MultiFactorAuthAge", &["true"], &c));
    assert!(!check("Null", "aws:MultiFactorAuthAge", &["false"], &c));
}

#[test]
fn missing_keys_and_if_exists() {
    let empty = Context::default();
    assert!(!check("StringEquals", "k", &["v"], &empty));
    assert!(
        check("StringNotEquals", "k", &["v"], &empty),
        "negated: true"
    );
    assert!(check("StringEqualsIfExists", "k", &["v"], &empty));
    assert!(check("NumericLessThanIfExists", "k", &["1"], &empty));
    assert!(!check(
        "NotIpAddress",
        "k",
        &["10.0.0.0/8"],
        &ctx(&[("k", ContextType::Ip, &["10.1.2.3"])])
    ));
    // IfExists changes nothing when the key is there.
    let c = ctx(&[("k", ContextType::Numeric, &["5"])]);
    assert!(!check("NumericLessThanIfExists", "k", &["1"], &c));
    assert!(check("NumericLessThanIfExists", "k", &["10"], &c));
}

#[test]
fn set_qualifiers() {
    let tags = ctx(&[("aws:TagKeys", ContextType::StringList, &["env", "team"])]);
    let empty = Context::default();
    // ForAllValues: every request value is among the policy's; vacuously true without the key.
    assert!(check(
        "ForAllValues:StringEquals",
        "aws:TagKeys",
        &["env", "team", "cost"],
        &tags
    ));
    assert!(!check(
        "ForAllValues:StringEquals",
        "aws:TagKeys",
        &["env"],
        &tags
    ));
    assert!(check(
        "ForAllValues:StringEquals",
        "aws:TagKeys",
        &["env"],
        &empty
    ));
    // ForAnyValue: at least one; false without the key unless IfExists.
    assert!(check(
        "ForAnyValue:StringEquals",
        "aws:TagKeys",
        &["team"],
        &tags
    ));
    assert!(!check(
        "ForAnyValue:StringEquals",
        "aws:TagKeys",
        &["cost"],
        &tags
    ));
    assert!(!check(
        "ForAnyValue:StringEquals",
        "aws:TagKeys",
        &["team"],
        &empty
    ));
    assert!(check(
        "ForAnyValue:StringEqualsIfExists",
        "aws:TagKeys",
        &["team"],
        &empty
    ));
    // Negated with a set: ForAnyValue:StringNotEquals holds when some value is not listed.
    assert!(check(
        "ForAnyValue:StringNotEquals",
        "aws:TagKeys",
        &["env"],
        &tags
    ));
    assert!(!check(
        "ForAllValues:StringNotEquals",
        "aws:TagKeys",
        &["env"],
        &tags
    ));
    assert!(check(
        "ForAllValues:StringNotLike",
        "aws:TagKeys",
        &["x*"],
        &tags
    ));
}
