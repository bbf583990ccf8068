//! Cases checked against Python 3.11's argparse (the AWS CLI's parser).

use super::*;

fn specs() -> Vec<Spec> {
    vec![
        Spec::option("--instance-ids", Nargs::Any),
        Spec::option("--instance-type", Nargs::One),
        Spec {
            conversion: Conversion::Int,
            ..Spec::option("--x", Nargs::One)
        },
        Spec::option("--flag", Nargs::Zero),
        Spec::positional("help", Nargs::Optional),
    ]
}

fn parse(args: &[&str]) -> Result<Parsed, ArgError> {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    parse_known(&specs(), &args)
}

fn strings(values: &[&str]) -> Option<Vec<String>> {
    Some(values.iter().map(|v| v.to_string()).collect())
}

#[test]
fn unique_prefixes_match_and_ambiguous_ones_fail() {
    let p = parse(&["--instance-t", "t2.micro"]).unwrap();
    assert_eq!(p.given[1], strings(&["t2.micro"]));
    assert_eq!(
        parse(&["--inst", "a"]).unwrap_err().0,
        "ambiguous option: --inst could match --instance-ids, --instance-type"
    );
}

#[test]
fn lists_take_every_value_up_to_the_next_option() {
    let p = parse(&["--instance-ids", "a", "b", "--flag"]).unwrap();
    assert_eq!(p.given[0], strings(&["a", "b"]));
    assert_eq!(p.given[3], strings(&[]));
    let p = parse(&["--instance-ids"]).unwrap();
    assert_eq!(p.given[0], strings(&[]));
}

#[test]
fn argparse_messages() {
    assert_eq!(
        parse(&["--x", "abc"]).unwrap_err().0,
        "argument --x: invalid int value: 'abc'"
    );
    assert_eq!(
        parse(&["--flag=1"]).unwrap_err().0,
        "argument --flag: ignored explicit argument '1'"
    );
    assert_eq!(
        parse(&["--instance-type"]).unwrap_err().0,
        "argument --instance-type: expected one argument"
    );
    assert_eq!(
        parse(&["--instance-type", "-a"]).unwrap_err().0,
        "argument --instance-type: expected one argument"
    );
}

#[test]
fn negative_numbers_and_values_with_spaces_are_values() {
    assert_eq!(
        parse(&["--instance-type", "-5"]).unwrap().given[1],
        strings(&["-5"])
    );
    assert_eq!(
        parse(&["--instance-type", "-a b"]).unwrap().given[1],
        strings(&["-a b"])
    );
}

#[test]
fn extras_keep_their_order_and_the_last_occurrence_wins() {
    let p = parse(&["foo", "--bogus", "bar", "--x=3", "--x", "4"]).unwrap();
    assert_eq!(p.given[4], strings(&["foo"]));
    assert_eq!(p.extras, ["--bogus", "bar"]);
    assert_eq!(p.given[2], strings(&["4"]));
    let p = parse(&["--", "--x"]).unwrap();
    assert_eq!(p.given[4], strings(&["--x"]));
}

#[test]
fn required_arguments_are_named_in_table_order() {
    let mut specs = specs();
    specs[1].required = true;
    specs[2].required = true;
    let err = parse_known(&specs, &[]).unwrap_err();
    assert_eq!(
        err.0,
        "the following arguments are required: --instance-type, --x"
    );
}

#[test]
fn python_numbers() {
    assert_eq!(python_int(" 1_000 "), Some(1000));
    assert_eq!(python_int("-7"), Some(-7));
    assert_eq!(python_int("1.0"), None);
    assert_eq!(python_int("_1"), None);
    assert_eq!(python_float("1e3"), Some(1000.0));
    assert!(python_float("nan").unwrap().is_nan());
    assert_eq!(python_float("-Infinity"), Some(f64::NEG_INFINITY));
    assert_eq!(python_float("abc"), None);
}
