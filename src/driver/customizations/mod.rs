//! Argument customizations of model-driven commands, declared one per file: the arguments the
//! CLI adds to an operation's table (`ec2 authorize-security-group-ingress --port`, `lambda
//! create-function --zip-file`, ...), the member arguments they make optional or leave out of
//! help, a function that maps the given values into the operation's parameters, and, when the
//! CLI rewrites the answer, a function run on the response.
//!
//! The table builder adds the arguments (`arguments::build`), the call builder runs `apply`
//! after the members are unpacked and before `--cli-input-json` fills what is missing (the
//! CLI's `add_to_params` order), and `invoke::run` runs `after_call` on the response.

mod cloudfront_distribution;
mod cloudfront_paths;
mod lambda_zip_file;
mod password_data;
mod rds_option_group;
mod run_instances;
mod security_group_rules;

use serde_json::{Map, Value};

use super::argparse::{Conversion, Nargs};
use super::call::Call;
use crate::error::Error;

/// An argument a customization adds.
#[derive(Debug)]
pub struct ExtraArgument {
    /// As typed, without the dashes.
    pub name: &'static str,
    pub nargs: Nargs,
    /// argparse's `type`: what the value must convert to.
    pub conversion: Conversion,
}

/// What a customization changes in one or more operations' tables and calls.
#[derive(Debug)]
pub struct Customization {
    /// `(service, operation)` by their CLI names.
    pub commands: &'static [(&'static str, &'static str)],
    pub arguments: &'static [ExtraArgument],
    /// Member arguments that stop being required (the extra ones can fill their member).
    pub optional: &'static [&'static str],
    /// Member arguments left out of help (the extra ones replace them), still accepted.
    pub hidden: &'static [&'static str],
    /// Member arguments taken out of the table altogether.
    pub removed: &'static [&'static str],
    /// Maps the extra arguments given into the call's parameters.
    pub apply: fn(&Given, &mut Call) -> Result<(), Error>,
    /// Runs on the parameters once they are complete (`--cli-input-json` merged), as the
    /// CLI's `before-parameter-build` handlers do.
    pub before_build: Option<fn(&mut Map<String, Value>)>,
}

/// The extra arguments given on the command line, with their values as typed.
#[derive(Debug, Clone, Default)]
pub struct Given {
    pub values: Vec<(&'static str, Vec<String>)>,
}

impl Given {
    /// Every value of `name` (`--paths a b`), when it was given.
    pub fn all(&self, name: &str) -> Option<&[String]> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// The value of a one-value argument; an empty value counts as not given, as the CLI's
    /// `if value:` has it.
    pub fn one(&self, name: &str) -> Option<&str> {
        self.all(name)
            .and_then(|v| v.first())
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// A function the CLI runs on the parsed response (`ec2 get-password-data`'s decryption),
/// with what it needs from the command line.
#[derive(Debug, Clone)]
pub struct AfterCall {
    pub run: fn(&AfterCall, &mut Value) -> Result<(), Error>,
    pub path: std::path::PathBuf,
}

const ALL: &[&Customization] = &[
    &security_group_rules::CUSTOMIZATION,
    &lambda_zip_file::CREATE_FUNCTION,
    &lambda_zip_file::PUBLISH_LAYER_VERSION,
    &lambda_zip_file::UPDATE_FUNCTION_CODE,
    &cloudfront_paths::CUSTOMIZATION,
    &cloudfront_distribution::CUSTOMIZATION,
    &password_data::CUSTOMIZATION,
    &rds_option_group::ADD,
    &rds_option_group::REMOVE,
    &run_instances::CUSTOMIZATION,
];

/// The customization of `service operation` (CLI names), if any.
pub fn find(service: &str, operation: &str) -> Option<&'static Customization> {
    ALL.iter().copied().find(|c| {
        c.commands
            .iter()
            .any(|(s, o)| *s == service && *o == operation)
    })
}
