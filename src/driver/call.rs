//! Parsed arguments turned into one call: the operation's parameters (every given member
//! unpacked by its shape, `--cli-input-json`/`--cli-input-yaml` filling what the command line
//! left out), the paging options, the skeleton asked for, and the files a streaming input is
//! read from or a streaming output written to.

use std::path::PathBuf;

use serde_json::{Map, Value};

use super::argparse::{Parsed, python_int};
use super::arguments::{Argument, ArgumentTable, Role};
use super::customizations::{AfterCall, Given};
use super::values::{self, Loaded, Unpacked, param_error};
use crate::error::Error;
use crate::model::{Operation, ServiceModel, Shape};

#[derive(Debug, Default)]
pub struct Call {
    pub params: Map<String, Value>,
    /// Top-level blob members that came from `fileb://`: already bytes, never base64-decoded.
    pub raw_blobs: Vec<String>,
    /// Top-level string members that came from `fileb://`, with their bytes (the parameters
    /// hold them as text).
    pub binary_texts: Vec<(String, Vec<u8>)>,
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
    let input = operation
        .input
        .as_ref()
        .map(|r| model.shape(&r.shape))
        .transpose()?;
    let mut builder = Builder {
        model,
        input,
        table,
        call: Call::default(),
        extras: parsed.extras.clone(),
        cli_input: Vec::new(),
        booleans: Vec::new(),
        value_booleans: Vec::new(),
        custom: Given::default(),
    };
    for (i, argument) in table.arguments.iter().enumerate() {
        if let Some(values) = &parsed.given[i] {
            builder.take(argument, parsed.position[i], values)?;
        }
    }
    builder.finish()
}

/// A call being assembled from the arguments given, one at a time.
struct Builder<'a> {
    model: &'a ServiceModel,
    input: Option<&'a Shape>,
    table: &'a ArgumentTable,
    call: Call,
    extras: Vec<String>,
    cli_input: Vec<(&'static str, String)>,
    /// Boolean flags with their position on the command line: the later of `--x`/`--no-x` wins.
    booleans: Vec<(usize, &'a str, Value)>,
    value_booleans: Vec<&'a str>,
    custom: Given,
}

impl<'a> Builder<'a> {
    /// One argument the command line gave, at `position` among the words.
    fn take(
        &mut self,
        argument: &'a Argument,
        position: usize,
        values: &[String],
    ) -> Result<(), Error> {
        let first = values.first().cloned();
        match &argument.role {
            Role::Member => self.member(argument, values)?,
            Role::Boolean(b) => {
                self.booleans
                    .push((position, member_of(argument), Value::Bool(*b)));
            }
            Role::ValueBoolean(positive) => self.value_boolean(argument, *positive, first)?,
            Role::StartingToken => self.call.starting_token = first,
            Role::PageSize => self.call.page_size = first.map(|t| paging_number(&t)),
            Role::MaxItems => self.call.max_items = first.map(|t| max_items(&t)),
            Role::CliInputJson => self.cli_input.push(("json", first.unwrap_or_default())),
            Role::CliInputYaml => self.cli_input.push(("yaml", first.unwrap_or_default())),
            Role::GenerateCliSkeleton => {
                self.call.skeleton = Some(first.unwrap_or_else(|| "input".to_string()))
            }
            Role::Outfile => self.call.outfile = first.map(PathBuf::from),
            Role::Custom => {
                let extra = self
                    .table
                    .customization
                    .and_then(|c| c.arguments.iter().find(|a| a.name == argument.name));
                if let Some(extra) = extra {
                    self.custom.values.push((extra.name, values.to_vec()));
                }
            }
            Role::Help => match first.as_deref() {
                Some("help") => self.call.help = true,
                Some(other) => self.extras.push(other.to_string()),
                None => {}
            },
        }
        Ok(())
    }

    /// An input member's value, unpacked by its shape.
    fn member(&mut self, argument: &Argument, values: &[String]) -> Result<(), Error> {
        let member = member_of(argument);
        let r = &self.input.expect("members come from the input").members[member];
        match values::unpack(self.model, &argument.spec.name, r, values)? {
            Unpacked::Value(v) => {
                self.call.params.insert(member.to_string(), v);
            }
            Unpacked::Bytes(v) => {
                self.call.raw_blobs.push(member.to_string());
                self.call.params.insert(member.to_string(), v);
            }
            Unpacked::File(path) => {
                self.call.streaming_input = Some((member.to_string(), path));
            }
            Unpacked::Binary(bytes) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                self.call
                    .params
                    .insert(member.to_string(), Value::String(text));
                self.call.binary_texts.push((member.to_string(), bytes));
            }
        }
        Ok(())
    }

    /// `--x`/`--no-x` for a structure with one `Value` boolean: `--x` may also take a value.
    fn value_boolean(
        &mut self,
        argument: &'a Argument,
        positive: bool,
        first: Option<String>,
    ) -> Result<(), Error> {
        let member = member_of(argument);
        let cli_name = argument.spec.name.as_str();
        self.value_booleans.push(cli_name);
        let value = match (positive, &first) {
            (true, Some(text)) => {
                let r = &self.input.expect("members come from the input").members[member];
                match values::unpack(self.model, cli_name, r, std::slice::from_ref(text))? {
                    Unpacked::Value(v) | Unpacked::Bytes(v) => v,
                    Unpacked::File(_) | Unpacked::Binary(_) => unreachable!("not a blob"),
                }
            }
            (b, _) => serde_json::json!({ "Value": b }),
        };
        self.call.params.insert(member.to_string(), value);
        Ok(())
    }

    /// Every argument taken: refuse what is left over, settle the booleans, let the
    /// customization act, and fill in from `--cli-input-json`/`--cli-input-yaml`.
    fn finish(mut self) -> Result<Call, Error> {
        if self.call.help {
            return Ok(self.call);
        }
        unknown(self.extras)?;
        if let [positive, negative] = self.value_booleans.as_slice() {
            return Err(Error::ParamValidation {
                message: format!(
                    "Cannot specify both the \"{positive}\" option and the \"{negative}\" option."
                ),
                usage: false,
            });
        }
        // `--x` and `--no-x` share one destination: the later on the command line wins.
        self.booleans.sort_by_key(|(position, _, _)| *position);
        let mut call = self.call;
        for (_, member, value) in self.booleans {
            call.params.insert(member.to_string(), value);
        }
        if let Some(c) = self.table.customization {
            (c.apply)(&self.custom, &mut call)?;
        }
        call.command_line_members = call.params.keys().cloned().collect();
        if let Some((member, _)) = &call.streaming_input {
            call.command_line_members.push(member.clone());
        }
        if !self.cli_input.is_empty() {
            merge_cli_input(&mut call.params, &self.cli_input)?;
        }
        if let Some(before_build) = self.table.customization.and_then(|c| c.before_build) {
            before_build(&mut call.params);
        }
        Ok(call)
    }
}

/// The input member an argument fills.
fn member_of(argument: &Argument) -> &str {
    argument
        .member
        .as_deref()
        .expect("member arguments name one")
}

/// `--max-items`' value; the CLI warns about a non-positive one and sends it anyway.
fn max_items(text: &str) -> Value {
    let value = paging_number(text);
    if value.as_i64().is_some_and(|n| n <= 0) {
        eprintln!("warning: Non-positive values for --max-items may result in undefined behavior.");
    }
    value
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
