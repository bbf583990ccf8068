//! Parsed arguments turned into one call: the operation's parameters (every given member
//! unpacked by its shape, `--cli-input-json`/`--cli-input-yaml` filling what the command line
//! left out), the paging options, the skeleton asked for, and the files a streaming input is
//! read from or a streaming output written to.

use std::path::PathBuf;

use serde_json::{Map, Value};

use super::argparse::{Parsed, python_int};
use super::arguments::{ArgumentTable, Role};
use super::customizations::{AfterCall, Given};
use super::values::{self, Loaded, Unpacked, param_error};
use crate::error::Error;
use crate::model::{Operation, ServiceModel};

#[derive(Debug, Default)]
pub struct Call {
    pub params: Map<String, Value>,
    /// Top-level blob members that came from `fileb://`: already bytes, never base64-decoded.
    pub raw_blobs: Vec<String>,
    /// A streaming input member and the file that is its body.
    pub streaming_input: Option<(String, PathBuf)>,
    pub starting_token: Option<String>,
    pub page_size: Option<Value>,
    pub max_items: Option<Value>,
    /// `--generate-cli-skeleton`'s value (`input`, `yaml-input`, `output`).
    pub skeleton: Option<String>,
    pub outfile: Option<PathBuf>,
    /// `help` was asked for.
    pub help: bool,
    /// Input members given on the command line itself (paging decisions tell them from
    /// those `--cli-input-json` added).
    pub command_line_members: Vec<String>,
    /// What a customization does to the response, when it does something.
    pub after_call: Option<AfterCall>,
}

/// The arguments the parsers did not take: the CLI's "Unknown options".
fn unknown(extras: Vec<String>) -> Result<(), Error> {
    if extras.is_empty() {
        return Ok(());
    }
    Err(Error::UnknownOptions(extras.join(", ")))
}

pub fn build(
    model: &ServiceModel,
    operation: &Operation,
    table: &ArgumentTable,
    parsed: Parsed,
) -> Result<Call, Error> {
    let mut call = Call::default();
    let mut extras = parsed.extras.clone();
    let input = operation
        .input
        .as_ref()
        .map(|r| model.shape(&r.shape))
        .transpose()?;
    let mut cli_input: Vec<(&str, String)> = Vec::new();
    let mut booleans: Vec<(usize, &str, Value)> = Vec::new();
    let mut value_booleans: Vec<&str> = Vec::new();
    let mut custom = Given::default();
    for (i, argument) in table.arguments.iter().enumerate() {
        let Some(values) = &parsed.given[i] else {
            continue;
        };
        let cli_name = &argument.spec.name;
        let first = values.first().cloned();
        match &argument.role {
            Role::Member => {
                let member = argument
                    .member
                    .as_deref()
                    .expect("member arguments name one");
                let r = &input.expect("members come from the input").members[member];
                match values::unpack(model, cli_name, r, values)? {
                    Unpacked::Value(v) => {
                        call.params.insert(member.to_string(), v);
                    }
                    Unpacked::Bytes(v) => {
                        call.raw_blobs.push(member.to_string());
                        call.params.insert(member.to_string(), v);
                    }
                    Unpacked::File(path) => call.streaming_input = Some((member.to_string(), path)),
                }
            }
            Role::Boolean(b) => {
                let member = argument
                    .member
                    .as_deref()
                    .expect("member arguments name one");
                booleans.push((parsed.position[i], member, Value::Bool(*b)));
            }
            Role::ValueBoolean(positive) => {
                let member = argument
                    .member
                    .as_deref()
                    .expect("member arguments name one");
                value_booleans.push(cli_name);
                let value = match (positive, &first) {
                    (true, Some(text)) => {
                        let r = &input.expect("members come from the input").members[member];
                        match values::unpack(model, cli_name, r, std::slice::from_ref(text))? {
                            Unpacked::Value(v) | Unpacked::Bytes(v) => v,
                            Unpacked::File(_) => unreachable!("not a blob"),
                        }
                    }
                    (b, _) => serde_json::json!({ "Value": *b }),
                };
                call.params.insert(member.to_string(), value);
            }
            Role::StartingToken => call.starting_token = first,
            Role::PageSize => call.page_size = first.map(|t| paging_number(&t)),
            Role::MaxItems => {
                let value = first.map(|t| paging_number(&t));
                if value
                    .as_ref()
                    .and_then(Value::as_i64)
                    .is_some_and(|n| n <= 0)
                {
                    eprintln!(
                        "warning: Non-positive values for --max-items may result in undefined behavior."
                    );
                }
                call.max_items = value;
            }
            Role::CliInputJson => cli_input.push(("json", first.unwrap_or_default())),
            Role::CliInputYaml => cli_input.push(("yaml", first.unwrap_or_default())),
            Role::GenerateCliSkeleton => {
                call.skeleton = Some(first.unwrap_or_else(|| "input".to_string()))
            }
            Role::Outfile => call.outfile = first.map(PathBuf::from),
            Role::Custom => {
                let name = table
                    .customization
                    .and_then(|c| c.arguments.iter().find(|a| a.name == argument.name));
                if let Some(extra) = name {
                    custom.values.push((extra.name, values.clone()));
                }
            }
            Role::Help => match first.as_deref() {
                Some("help") => call.help = true,
                Some(other) => extras.push(other.to_string()),
                None => {}
            },
        }
    }
    if call.help {
        return Ok(call);
    }
    unknown(extras)?;
    if let [positive, negative] = value_booleans.as_slice() {
        return Err(Error::ParamValidation {
            message: format!(
                "Cannot specify both the \"{positive}\" option and the \"{negative}\" option."
            ),
            usage: false,
        });
    }
    // `--x` and `--no-x` share one destination: the later on the command line wins.
    booleans.sort_by_key(|(position, _, _)| *position);
    for (_, member, value) in booleans {
        call.params.insert(member.to_string(), value);
    }
    if let Some(c) = table.customization {
        (c.apply)(&custom, &mut call)?;
    }
    call.command_line_members = call.params.keys().cloned().collect();
    if let Some((member, _)) = &call.streaming_input {
        call.command_line_members.push(member.clone());
    }
    if !cli_input.is_empty() {
        merge_cli_input(&mut call.params, &cli_input)?;
    }
    Ok(call)
}

/// `--page-size` and `--max-items` are argparse `int` arguments unless the limit key is a
/// string; argparse already refused anything else.
fn paging_number(text: &str) -> Value {
    python_int(text)
        .map(Value::from)
        .unwrap_or_else(|| Value::String(text.to_string()))
}

/// The CLI reads `--cli-input-json`/`--cli-input-yaml` (or the file they name) and adds
/// each key the command line did not give.
fn merge_cli_input(
    params: &mut Map<String, Value>,
    inputs: &[(&str, String)],
) -> Result<(), Error> {
    if inputs.len() != 1 {
        return Err(Error::ParamValidation {
            message: "Only one --cli-input- parameter may be specified.".into(),
            usage: false,
        });
    }
    let (format, value) = &inputs[0];
    let name = format!("cli-input-{format}");
    let text = match values::load_paramfile(&format!("--{name}"), value)? {
        Some(Loaded::Text(t)) => t,
        Some(Loaded::Bytes(b)) => String::from_utf8_lossy(&b).into_owned(),
        None => value.clone(),
    };
    let loaded: Value = if *format == "json" {
        serde_json::from_str(&text).map_err(|_| param_error(&name, "Invalid JSON received."))?
    } else {
        super::yaml_input::parse(&text).map_err(|_| param_error(&name, "Invalid YAML received."))?
    };
    let Value::Object(loaded) = loaded else {
        return Err(param_error(
            &format!("--{name}"),
            format!(
                "Invalid type: expecting map, received {}",
                python_type(&loaded)
            ),
        ));
    };
    for (key, value) in loaded {
        params.entry(key).or_insert(value);
    }
    Ok(())
}

/// `type(value)` as Python prints it.
pub fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "<class 'NoneType'>",
        Value::Bool(_) => "<class 'bool'>",
        Value::Number(n) if n.is_f64() => "<class 'float'>",
        Value::Number(_) => "<class 'int'>",
        Value::String(_) => "<class 'str'>",
        Value::Array(_) => "<class 'list'>",
        Value::Object(_) => "<class 'dict'>",
    }
}
