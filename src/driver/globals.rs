//! The first pass over the command line, as the CLI's main parser makes it: the global
//! options wherever they appear, the command (the first value that is not an option's), and
//! everything else, in order, for the command's own parser.

use super::argparse::{self, Conversion, Nargs, Spec};
use crate::cli::GlobalArgs;
use crate::error::Error;

/// Global options: name, values taken, choices.
const OPTIONS: &[(&str, Nargs, &[&str])] = &[
    ("--debug", Nargs::Zero, &[]),
    ("--endpoint-url", Nargs::One, &[]),
    ("--no-verify-ssl", Nargs::Zero, &[]),
    ("--no-paginate", Nargs::Zero, &[]),
    (
        "--output",
        Nargs::One,
        &["json", "text", "table", "yaml", "yaml-stream", "off"],
    ),
    ("--query", Nargs::One, &[]),
    ("--profile", Nargs::One, &[]),
    ("--region", Nargs::One, &[]),
    ("--version", Nargs::Zero, &[]),
    ("--color", Nargs::One, &["on", "off", "auto"]),
    ("--no-sign-request", Nargs::Zero, &[]),
    ("--ca-bundle", Nargs::One, &[]),
    ("--cli-read-timeout", Nargs::One, &[]),
    ("--cli-connect-timeout", Nargs::One, &[]),
    (
        "--cli-binary-format",
        Nargs::One,
        &["base64", "raw-in-base64-out"],
    ),
    ("--no-cli-pager", Nargs::Zero, &[]),
    ("--cli-auto-prompt", Nargs::Zero, &[]),
    ("--no-cli-auto-prompt", Nargs::Zero, &[]),
    (
        "--cli-error-format",
        Nargs::One,
        &["legacy", "json", "yaml", "text", "table", "enhanced"],
    ),
];

/// Every global option's name, whether it takes a value, and its choices (for completion).
pub fn options() -> impl Iterator<Item = (&'static str, bool, &'static [&'static str])> {
    OPTIONS
        .iter()
        .map(|(name, nargs, choices)| (*name, !matches!(nargs, Nargs::Zero), *choices))
}

/// The command line after the first pass.
#[derive(Debug, Default)]
pub struct FirstPass {
    pub globals: GlobalArgs,
    pub command: Option<String>,
    /// Everything the main parser did not take, in order.
    pub rest: Vec<String>,
}

pub fn parse(args: &[String]) -> Result<FirstPass, Error> {
    let mut specs: Vec<Spec> = OPTIONS
        .iter()
        .map(|(name, nargs, choices)| {
            let mut spec = Spec::option(*name, *nargs);
            if !choices.is_empty() {
                spec.choices = Some(choices.iter().map(|c| c.to_string()).collect());
            }
            if name.ends_with("-timeout") {
                spec.conversion = Conversion::Int;
            }
            spec
        })
        .collect();
    specs.push(Spec::positional("command", Nargs::One));
    let parsed = argparse::parse_known(&specs, args).map_err(|e| Error::ArgParse(e.0))?;
    let value = |name: &str| -> Option<String> {
        let i = specs.iter().position(|s| s.name == name)?;
        parsed.given[i].as_ref().and_then(|v| v.first().cloned())
    };
    let flag = |name: &str| value_given(&specs, &parsed, name);
    let timeout = |name: &str| -> Result<Option<u64>, Error> {
        value(name)
            .map(|t| {
                argparse::python_int(&t)
                    .map(|n| n.max(0) as u64)
                    .ok_or_else(|| {
                        Error::ArgParse(format!("argument {name}: invalid int value: '{t}'"))
                    })
            })
            .transpose()
    };
    let globals = GlobalArgs {
        profile: value("--profile"),
        region: value("--region"),
        output: value("--output"),
        query: value("--query"),
        endpoint_url: value("--endpoint-url"),
        no_verify_ssl: flag("--no-verify-ssl"),
        ca_bundle: value("--ca-bundle").map(Into::into),
        no_paginate: flag("--no-paginate"),
        no_sign_request: flag("--no-sign-request"),
        debug: flag("--debug"),
        cli_read_timeout: timeout("--cli-read-timeout")?,
        cli_connect_timeout: timeout("--cli-connect-timeout")?,
        color: value("--color"),
        no_cli_pager: flag("--no-cli-pager"),
        version: flag("--version"),
        cli_binary_format: value("--cli-binary-format"),
        cli_error_format: value("--cli-error-format"),
        no_cli_auto_prompt: flag("--no-cli-auto-prompt"),
    };
    Ok(FirstPass {
        globals,
        command: value("command"),
        rest: parsed.extras,
    })
}

fn value_given(specs: &[Spec], parsed: &argparse::Parsed, name: &str) -> bool {
    specs
        .iter()
        .position(|s| s.name == name)
        .is_some_and(|i| parsed.given[i].is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(args: &[&str]) -> FirstPass {
        parse(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn globals_are_taken_anywhere_and_the_rest_keeps_its_order() {
        let p = first(&[
            "--region",
            "eu-west-1",
            "ec2",
            "describe-vpcs",
            "--vpc-ids",
            "vpc-1",
            "--output=text",
            "--no-paginate",
        ]);
        assert_eq!(p.command.as_deref(), Some("ec2"));
        assert_eq!(p.rest, ["describe-vpcs", "--vpc-ids", "vpc-1"]);
        assert_eq!(p.globals.region.as_deref(), Some("eu-west-1"));
        assert_eq!(p.globals.output.as_deref(), Some("text"));
        assert!(p.globals.no_paginate);
    }

    #[test]
    fn prefixes_of_globals_are_globals() {
        let p = first(&["sts", "get-caller-identity", "--reg", "us-east-1"]);
        assert_eq!(p.globals.region.as_deref(), Some("us-east-1"));
    }

    #[test]
    fn bad_globals_fail_as_argparse_does() {
        let e = parse(&["sts".into(), "--output".into(), "xml".into()]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "argument --output: Found invalid choice 'xml'\n"
        );
        let e = parse(&["--region".into()]).unwrap_err();
        assert_eq!(e.to_string(), "argument --region: expected one argument");
    }
}
