//! The argument table of an operation, as the AWS CLI v2 builds it: one argument per member
//! of the input shape (`--` + the member's `xform_name`), booleans as `--x` / `--no-x`, then
//! the CLI's own additions and renames: a positional `outfile` for streaming output,
//! `--cli-input-json`/`--cli-input-yaml` and `--generate-cli-skeleton` otherwise, the paging
//! options for paginated operations, EC2's `--x`/`--no-x` for `{"Value": bool}` structures,
//! and the renamed arguments (`renames.rs`).

use super::argparse::{Conversion, Nargs, Spec};
use super::customizations::{self, Customization};
use super::names::xform_name;
use super::renames;
use crate::model::{ModelError, Operation, ServiceModel, Shape, ShapeType};
use crate::services::paginate::PaginatorConfig;

/// What an argument stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A member of the input, its value parsed by the member's shape.
    Member,
    /// `--x` (true) or `--no-x` (false) for a boolean member.
    Boolean(bool),
    /// EC2's `--x [value]` and `--no-x` for a member shaped `{"Value": boolean}`.
    ValueBoolean(bool),
    StartingToken,
    PageSize,
    MaxItems,
    CliInputJson,
    CliInputYaml,
    GenerateCliSkeleton,
    /// The file a streaming output payload is written to.
    Outfile,
    /// The trailing `help` positional every operation parser has.
    Help,
    /// An argument a customization adds (`customizations/`).
    Custom,
}

#[derive(Debug, Clone)]
pub struct Argument {
    /// As typed, without the dashes (`vpc-ids`, `outfile`).
    pub name: String,
    pub role: Role,
    /// The input member it fills (model name), for member roles.
    pub member: Option<String>,
    /// Left out of help (the service's own paging members, when the CLI's replace them).
    pub hidden: bool,
    pub spec: Spec,
}

/// An operation's arguments, in the order the CLI builds them.
#[derive(Debug)]
pub struct ArgumentTable {
    pub arguments: Vec<Argument>,
    /// The streaming output payload member, when the operation has one.
    pub streaming_output: Option<String>,
    /// The operation's paginator, when it has one.
    pub paging: Option<PaginatorConfig>,
    /// The CLI's customization of this operation's arguments, when it has one.
    pub customization: Option<&'static Customization>,
}

impl ArgumentTable {
    pub fn specs(&self) -> Vec<Spec> {
        self.arguments.iter().map(|a| a.spec.clone()).collect()
    }

    pub fn find(&self, name: &str) -> Option<&Argument> {
        self.arguments.iter().find(|a| a.name == name)
    }
}

fn conversion(kind: ShapeType) -> Conversion {
    match kind {
        ShapeType::Long => Conversion::Int,
        ShapeType::Float | ShapeType::Double => Conversion::Float,
        // Integers stay text until `int()` in the CLI's unpacking (Python's message, 255).
        _ => Conversion::Text,
    }
}

/// `{"Value": boolean}` and nothing else (toplevelbool.py's test).
fn is_value_boolean(model: &ServiceModel, shape: &Shape) -> Result<bool, ModelError> {
    if shape.kind != ShapeType::Structure || shape.members.len() != 1 {
        return Ok(false);
    }
    match shape.members.get("Value") {
        Some(r) => Ok(model.shape(&r.shape)?.kind == ShapeType::Boolean),
        None => Ok(false),
    }
}

pub fn build(
    model: &'static ServiceModel,
    service_cli_name: &str,
    operation: &Operation,
    args: &[String],
) -> Result<ArgumentTable, ModelError> {
    let command = xform_name(&operation.name);
    build_for(model, service_cli_name, &command, operation, args)
}

/// [`build`] for a command named `op_cli_name`, which is an alias of the operation's own name
/// for the few commands the CLI adds under another name.
pub fn build_for(
    model: &'static ServiceModel,
    service_cli_name: &str,
    op_cli_name: &str,
    operation: &Operation,
    args: &[String],
) -> Result<ArgumentTable, ModelError> {
    let input = match &operation.input {
        Some(r) => Some(model.shape(&r.shape)?),
        None => None,
    };
    let mut arguments = Vec::new();
    for (member, r) in input.iter().flat_map(|s| s.members.iter()) {
        let shape = model.shape(&r.shape)?;
        let required = input.is_some_and(|s| s.is_required(member)) && !r.idempotency_token;
        add_member(
            &mut arguments,
            model,
            member,
            shape,
            required,
            service_cli_name,
        )?;
    }
    renames::apply(service_cli_name, op_cli_name, &mut arguments);
    let customization = customizations::find(service_cli_name, op_cli_name);
    if let Some(c) = customization {
        customize(&mut arguments, c);
    }

    let streaming_output = streaming_payload(model, operation)?;
    if streaming_output.is_some() {
        let mut spec = Spec::positional("outfile", Nargs::One);
        spec.required = true;
        arguments.push(simple("outfile", Role::Outfile, spec));
    } else {
        for (name, role) in [
            ("cli-input-json", Role::CliInputJson),
            ("cli-input-yaml", Role::CliInputYaml),
        ] {
            arguments.push(simple(
                name,
                role,
                Spec::option(format!("--{name}"), Nargs::One),
            ));
        }
    }
    let paging = PaginatorConfig::for_operation(model, &operation.name)?;
    if let Some(p) = &paging {
        add_paging(&mut arguments, p);
    }
    if streaming_output.is_none() {
        let mut spec = Spec::option("--generate-cli-skeleton", Nargs::Optional);
        spec.choices = Some(vec!["input".into(), "output".into(), "yaml-input".into()]);
        arguments.push(simple(
            "generate-cli-skeleton",
            Role::GenerateCliSkeleton,
            spec,
        ));
    }
    if overrides_required(args) {
        for a in &mut arguments {
            a.spec.required = false;
        }
    }
    arguments.push(simple(
        "help",
        Role::Help,
        Spec::positional("help", Nargs::Optional),
    ));
    Ok(ArgumentTable {
        arguments,
        streaming_output,
        paging,
        customization,
    })
}

/// A customization's arguments after the members', and the members it relaxes or hides.
fn customize(arguments: &mut Vec<Argument>, c: &Customization) {
    arguments.retain(|a| !c.removed.contains(&a.name.as_str()));
    for a in arguments.iter_mut() {
        if c.optional.contains(&a.name.as_str()) {
            a.spec.required = false;
        }
        if c.hidden.contains(&a.name.as_str()) {
            a.hidden = true;
        }
    }
    for extra in c.arguments {
        let mut spec = Spec::option(format!("--{}", extra.name), extra.nargs);
        spec.conversion = extra.conversion;
        arguments.push(simple(extra.name, Role::Custom, spec));
    }
}

fn simple(name: &str, role: Role, spec: Spec) -> Argument {
    Argument {
        name: name.to_string(),
        role,
        member: None,
        hidden: false,
        spec,
    }
}

fn add_member(
    arguments: &mut Vec<Argument>,
    model: &ServiceModel,
    member: &str,
    shape: &Shape,
    required: bool,
    service_cli_name: &str,
) -> Result<(), ModelError> {
    let name = xform_name(member);
    let argument = |name: String, role: Role, spec: Spec| Argument {
        name,
        role,
        member: Some(member.to_string()),
        hidden: false,
        spec,
    };
    if shape.kind == ShapeType::Boolean {
        arguments.push(argument(
            name.clone(),
            Role::Boolean(true),
            Spec::option(format!("--{name}"), Nargs::Zero),
        ));
        let negative = format!("no-{name}");
        arguments.push(argument(
            negative.clone(),
            Role::Boolean(false),
            Spec::option(format!("--{negative}"), Nargs::Zero),
        ));
        return Ok(());
    }
    if service_cli_name == "ec2" && is_value_boolean(model, shape)? {
        arguments.push(argument(
            name.clone(),
            Role::ValueBoolean(true),
            Spec::option(format!("--{name}"), Nargs::Optional),
        ));
        let negative = format!("no-{name}");
        arguments.push(argument(
            negative.clone(),
            Role::ValueBoolean(false),
            Spec::option(format!("--{negative}"), Nargs::Zero),
        ));
        return Ok(());
    }
    let nargs = if shape.kind == ShapeType::List {
        Nargs::Any
    } else {
        Nargs::One
    };
    let mut spec = Spec::option(format!("--{name}"), nargs);
    spec.required = required;
    spec.conversion = conversion(shape.kind);
    arguments.push(argument(name, Role::Member, spec));
    Ok(())
}

/// The CLI's `--starting-token`, `--page-size` and `--max-items`, typed like the limit key;
/// the service's own token and limit members stay usable but leave help.
fn add_paging(arguments: &mut Vec<Argument>, paging: &PaginatorConfig) {
    let hidden: Vec<String> = paging
        .input_token
        .iter()
        .chain(paging.limit_key.iter())
        .map(|m| xform_name(m))
        .collect();
    for a in arguments.iter_mut() {
        if hidden.contains(&a.name) {
            a.hidden = true;
        }
    }
    let limit_conversion = match paging.limit_key_is_string {
        true => Conversion::Text,
        false => Conversion::Int,
    };
    // An argument of the same name (a service's own `--max-items`) is shadowed, not kept.
    let mut add = |name: &str, role: Role, conversion: Conversion| {
        let mut spec = Spec::option(format!("--{name}"), Nargs::One);
        spec.conversion = conversion;
        let new = simple(name, role, spec);
        match arguments.iter_mut().find(|a| a.name == name) {
            Some(existing) => *existing = new,
            None => arguments.push(new),
        }
    };
    add("starting-token", Role::StartingToken, Conversion::Text);
    if paging.limit_key.is_some() {
        add("page-size", Role::PageSize, limit_conversion);
    }
    add("max-items", Role::MaxItems, limit_conversion);
}

/// The output payload member when it is a streaming blob (`s3api get-object`'s `Body`).
fn streaming_payload(
    model: &ServiceModel,
    operation: &Operation,
) -> Result<Option<String>, ModelError> {
    let Some(output) = &operation.output else {
        return Ok(None);
    };
    let shape = model.shape(&output.shape)?;
    let Some(payload) = &shape.payload else {
        return Ok(None);
    };
    let Some(r) = shape.members.get(payload) else {
        return Ok(None);
    };
    let member = model.shape(&r.shape)?;
    Ok(
        (member.kind == ShapeType::Blob && (member.streaming || r.streaming))
            .then(|| payload.clone()),
    )
}

/// `--cli-input-json`, `--cli-input-yaml` and `--generate-cli-skeleton` (unless asking for
/// the output skeleton) lift the required arguments; the CLI looks for the exact words.
fn overrides_required(args: &[String]) -> bool {
    args.iter().enumerate().any(|(i, a)| match a.as_str() {
        "--cli-input-json" | "--cli-input-yaml" => true,
        "--generate-cli-skeleton" => args.get(i + 1).map(String::as_str) != Some("output"),
        _ => false,
    })
}
