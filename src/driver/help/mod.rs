//! Help pages rendered from the models, in the layout of the CLI v2's (NAME, DESCRIPTION,
//! SYNOPSIS, OPTIONS, GLOBAL OPTIONS, OUTPUT) as plain terminal text: `awsctl help`,
//! `awsctl <service> help`, `awsctl <service> <operation> help` and the topics
//! (`awsctl help config-vars`). Documentation strings are read from the service's
//! documentation blob only here, never on a command's path.

mod docs;
mod globals;
mod html;
mod members;
mod syntax;
mod text;
pub mod topics;

use std::fmt::Write as _;

use super::arguments::{Argument, ArgumentTable, Role};
use super::names::xform_name;
use super::service;
use crate::error::Error;
use crate::model::{Operation, ServiceModel};
pub use docs::Docs;
use members::Members;

/// Columns: section headings at 0, entries at 7, their text at 10.
const ENTRY: usize = 7;
const BODY: usize = 10;

/// The width pages are wrapped to: the terminal's when stdout is one, else 80.
pub fn width() -> usize {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal()
        && let Some((w, _)) = terminal_size::terminal_size()
    {
        return (w.0 as usize).clamp(40, 120);
    }
    80
}

/// `awsctl <service> help`: the service's description and its commands.
pub fn service(model: &'static ServiceModel, service_cli: &str) -> Result<String, Error> {
    let docs = Docs::load(&model.name)?;
    let width = width();
    let mut out = format!("NAME\n       {service_cli} -\n\nDESCRIPTION\n");
    out.push_str(&html::render(docs.service(), ENTRY, width));
    out.push_str("\nAVAILABLE COMMANDS\n");
    let mut names = service::operation_names(model, service_cli)?;
    // The commands written by hand beside the model's (`ecr get-login-password`).
    let cli = <crate::cli::Cli as clap::CommandFactory>::command();
    if let Some(hand_written) = cli.find_subcommand(service_cli) {
        names.extend(
            hand_written
                .get_subcommands()
                .map(|s| s.get_name().to_string()),
        );
        names.sort();
        names.dedup();
    }
    for name in names {
        let _ = writeln!(out, "       o {name}\n");
    }
    Ok(out)
}

/// What differs between an operation's own page and a page that reuses its options (a
/// waiter's: `awsctl ec2 wait instance-running help`).
pub struct Page<'a> {
    /// The command's name as typed (`describe-instances`, `instance-running`).
    pub name: &'a str,
    /// The description (HTML as the models write it); the operation's own when `None`.
    pub description: Option<&'a str>,
    /// Whether the page ends with the operation's OUTPUT (a waiter prints nothing).
    pub output: bool,
}

/// `awsctl <service> <operation> help`.
pub fn operation(
    model: &'static ServiceModel,
    _service_cli: &str,
    operation: &Operation,
    table: &ArgumentTable,
) -> Result<String, Error> {
    let name = xform_name(&operation.name);
    let page = Page {
        name: &name,
        description: None,
        output: true,
    };
    operation_page(model, operation, table, &page)
}

/// An operation's page under another name and description: the hook for commands built on
/// an operation's arguments (waiters).
pub fn operation_page(
    model: &'static ServiceModel,
    operation: &Operation,
    table: &ArgumentTable,
    page: &Page,
) -> Result<String, Error> {
    let docs = Docs::load(&model.name)?;
    let width = width();
    let mut out = format!("NAME\n       {} -\n\nDESCRIPTION\n", page.name);
    let own = docs.operation(&operation.name);
    let description = page.description.unwrap_or(&own);
    out.push_str(&html::render(description, ENTRY, width));
    if let Some(message) = docs.operation_deprecated(&operation.name) {
        out.push('\n');
        out.push_str(&html::render(
            &format!("Deprecated: {message}"),
            ENTRY,
            width,
        ));
    }
    if let Some(uid) = &model.metadata.uid {
        let _ = writeln!(
            out,
            "\n       See also: https://docs.aws.amazon.com/goto/WebAPI/{uid}/{}",
            operation.name
        );
    }
    let _ = write!(out, "\nSYNOPSIS\n            {}\n", page.name);
    for line in synopsis(table) {
        let _ = writeln!(out, "          {line}");
    }
    for line in globals::synopsis() {
        let _ = writeln!(out, "          {line}");
    }
    out.push_str("\nOPTIONS\n");
    let members = Members::new(model, &docs, width);
    let input = operation.input.as_ref().map(|r| r.shape.as_str());
    let mut documented = 0;
    for argument in options(table) {
        let negative = table.find(&format!("no-{}", argument.name));
        out.push_str(&option(&members, input, argument, negative)?);
        documented += 1;
    }
    if documented == 0 {
        out.push_str("       None\n\n");
    }
    out.push_str("GLOBAL OPTIONS\n");
    out.push_str(&globals::options(width));
    if page.output {
        out.push_str("\nOUTPUT\n");
        match &operation.output {
            Some(r) if !model.shape(&r.shape)?.members.is_empty() => {
                out.push_str(&members.members_of(&r.shape, ENTRY)?);
            }
            _ => out.push_str("       None\n"),
        }
    }
    Ok(out)
}

/// The arguments a page documents, in table order (a `--no-x` goes with its `--x`).
fn options(table: &ArgumentTable) -> impl Iterator<Item = &Argument> {
    table.arguments.iter().filter(|a| {
        !a.hidden
            && !matches!(
                a.role,
                Role::Help | Role::Boolean(false) | Role::ValueBoolean(false)
            )
    })
}

/// The operation's part of the synopsis, required arguments without brackets.
fn synopsis(table: &ArgumentTable) -> Vec<String> {
    let mut lines = Vec::new();
    let mut input_files = false;
    for argument in options(table) {
        let spec = &argument.spec;
        let shown = match &argument.role {
            _ if spec.positional => format!("<{}>", spec.name),
            Role::CliInputJson | Role::CliInputYaml if !input_files => {
                input_files = true;
                "--cli-input-json | --cli-input-yaml".to_string()
            }
            Role::CliInputJson | Role::CliInputYaml => continue,
            Role::Boolean(true) | Role::ValueBoolean(true) => {
                format!("{} | --no-{}", spec.name, argument.name)
            }
            Role::Custom if spec.nargs == super::argparse::Nargs::Zero => spec.name.clone(),
            _ => format!("{} <value>", spec.name),
        };
        lines.push(if spec.required {
            shown
        } else {
            format!("[{shown}]")
        });
    }
    lines
}

/// One option's entry: its names, type and whether required, its documentation, the
/// members of its value, and its shorthand and JSON syntax.
fn option(
    members: &Members,
    input: Option<&str>,
    argument: &Argument,
    negative: Option<&Argument>,
) -> Result<String, Error> {
    let model = members.model;
    let mut out = String::new();
    let required = if argument.spec.required {
        " [required]"
    } else {
        ""
    };
    let names = match (&argument.role, negative) {
        (Role::Boolean(true) | Role::ValueBoolean(true), Some(no)) => {
            format!("{} | {}", argument.spec.name, no.spec.name)
        }
        _ => argument.spec.name.clone(),
    };
    let member = argument.member.as_deref().zip(input);
    let Some((member, input)) = member.filter(|_| {
        matches!(
            argument.role,
            Role::Member | Role::Boolean(_) | Role::ValueBoolean(_)
        )
    }) else {
        let (mut kind, text) = own_option(&argument.role);
        if argument.role == Role::Custom && argument.spec.nargs == super::argparse::Nargs::Zero {
            kind = "boolean";
        }
        let _ = writeln!(out, "       {names} ({kind}){required}");
        out.push_str(&text::wrap(text, BODY, BODY, members.width));
        out.push('\n');
        return Ok(out);
    };
    let input_shape = model.shape(input)?;
    let shape_name = &input_shape.members[member].shape;
    let shape = model.shape(shape_name)?;
    let kind = if input_shape.members[member].jsonvalue {
        "JSON"
    } else if matches!(argument.role, Role::ValueBoolean(_)) {
        "boolean"
    } else {
        syntax::type_name(shape)
    };
    let _ = writeln!(out, "       {names} ({kind}){required}");
    let doc = members.docs.member(input, member, shape_name);
    out.push_str(&html::render(doc, BODY, members.width));
    let constraints = members.enums_and_constraints(shape_name, BODY);
    if !constraints.is_empty() {
        blank_line(&mut out);
        out.push_str(&constraints);
    }
    let value_boolean = matches!(argument.role, Role::ValueBoolean(_));
    if !shape.kind.is_scalar() && !value_boolean {
        blank_line(&mut out);
        out.push_str(&members.nested(shape_name, BODY)?);
    }
    if value_boolean {
        blank_line(&mut out);
        return Ok(out);
    }
    if let Some(example) = syntax::shorthand(model, members.docs, shape)? {
        blank_line(&mut out);
        out.push_str("       Shorthand Syntax:\n\n");
        code_block(&mut out, &example);
    }
    if let Some(example) = syntax::list_of_scalars(model, shape)? {
        blank_line(&mut out);
        let _ = writeln!(out, "       Syntax:\n\n          {example}");
    } else if !shape.kind.is_scalar() {
        blank_line(&mut out);
        out.push_str("       JSON Syntax:\n\n");
        code_block(&mut out, &syntax::json(model, members.docs, shape_name)?);
    }
    blank_line(&mut out);
    Ok(out)
}

/// An example, indented as an option's text, empty lines left empty.
fn code_block(out: &mut String, text: &str) {
    for line in text.lines() {
        match line.is_empty() {
            true => out.push('\n'),
            false => {
                let _ = writeln!(out, "          {line}");
            }
        }
    }
}

/// Ends `out` with one empty line (entries and sections are separated by exactly one).
fn blank_line(out: &mut String) {
    while out.ends_with("\n\n") {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
}

/// The type and text of the options the CLI adds to every operation (our own words).
fn own_option(role: &Role) -> (&'static str, &'static str) {
    match role {
        Role::CliInputJson => (
            "string",
            "Reads the arguments from a JSON document, given inline or as file://path. Its \
             keys are the operation's parameter names, as --generate-cli-skeleton prints them. \
             Options given on the command line override the document's values.",
        ),
        Role::CliInputYaml => (
            "string",
            "Reads the arguments from a YAML document, given inline or as file://path, with \
             the keys --generate-cli-skeleton yaml-input prints. Options given on the command \
             line override the document's values. Not to be combined with --cli-input-json.",
        ),
        Role::StartingToken => (
            "string",
            "Where to resume paging: the NextToken a previous call printed when it stopped \
             at --max-items.",
        ),
        Role::PageSize => (
            "integer",
            "How many items each request to the service asks for. Every page is still \
             fetched; a smaller page makes more, smaller calls (useful when a call times out).",
        ),
        Role::MaxItems => (
            "integer",
            "The most items to print in total. When more remain, the output ends with a \
             NextToken to pass as --starting-token to continue.",
        ),
        Role::GenerateCliSkeleton => (
            "string",
            "Prints a sample of the request (input, the default, or yaml-input) to fill in \
             and pass back with --cli-input-json or --cli-input-yaml, or a sample of the \
             response (output), and sends nothing. Possible values: input, yaml-input, output.",
        ),
        Role::Outfile => (
            "string",
            "The file the response's streamed body is written to.",
        ),
        Role::Custom => (
            "string",
            "An argument the AWS CLI adds to this command; it stands for one or more of the \
             operation's parameters.",
        ),
        Role::Member | Role::Boolean(_) | Role::ValueBoolean(_) | Role::Help => ("string", ""),
    }
}

/// A page that needs no model: `awsctl help`, a topic, or a hand-written command's help.
pub fn page(target: &super::route::HelpTarget) -> Result<String, Error> {
    use super::route::HelpTarget;
    use clap::CommandFactory;

    let width = width();
    Ok(match target {
        HelpTarget::Top => {
            let commands = super::route::command_names(&crate::cli::Cli::command());
            topics::top(&commands, width)
        }
        HelpTarget::Topic(name) => topics::topic(name, width).unwrap_or_default(),
        HelpTarget::HandWritten(words) => hand_written(words),
    })
}

/// clap's long help for the deepest hand-written command the words name (`s3 cp`, `configure`).
fn hand_written(words: &[String]) -> String {
    use clap::CommandFactory;
    let mut command = crate::cli::Cli::command();
    let mut path = vec!["awsctl".to_string()];
    for word in words {
        let Some(sub) = command.find_subcommand(word).cloned() else {
            break;
        };
        path.push(word.clone());
        command = sub;
    }
    path.push("--help".into());
    match crate::cli::Cli::command().try_get_matches_from(&path) {
        Err(e) => e.render().to_string(),
        Ok(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::driver::arguments;
    use crate::model::embedded;

    /// The hook a waiter's help uses: the operation's options under the waiter's name and
    /// description, without the operation's OUTPUT.
    #[test]
    fn an_operations_options_under_another_name() {
        let model = embedded::service("ec2").unwrap().unwrap();
        let operation = model.operation("DescribeInstances").unwrap().unwrap();
        let table = arguments::build(model, "ec2", operation, &[]).unwrap();
        let page = Page {
            name: "instance-running",
            description: Some("<p>Waits until an instance is <code>running</code>.</p>"),
            output: false,
        };
        let text = operation_page(model, operation, &table, &page).unwrap();
        assert!(
            text.starts_with(
                "NAME\n       instance-running -\n\nDESCRIPTION\n       Waits until an instance is running.\n"
            ),
            "{text}"
        );
        assert!(text.contains("\nSYNOPSIS\n            instance-running\n"));
        assert!(text.contains("\n       --filters (list)\n"));
        assert!(!text.contains("\nOUTPUT\n"));
    }
}
