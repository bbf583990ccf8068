//! What to offer for the word under the cursor: commands, a service's operations, options
//! (the global ones, an operation's from its model, a hand-written command's from clap),
//! values of global options (profiles, regions, choices), help topics, and S3 paths. Pure
//! but for `Sources`, which reads the config files and lists buckets.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::driver::{arguments, globals, help, names, route, service};
use crate::model::embedded;

/// The command line up to the cursor: the words before the one being completed (without
/// the program's name), and that word (empty after a space).
#[derive(Debug, PartialEq)]
pub struct Line {
    pub words: Vec<String>,
    pub current: String,
}

impl Line {
    /// Splits `line[..point]` as a shell would for completion: on blanks, with quotes
    /// removed (an unclosed quote runs to the cursor).
    pub fn parse(line: &str, point: usize) -> Line {
        let mut end = point.min(line.len());
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        let mut words = Vec::new();
        let mut word = String::new();
        let mut in_word = false;
        let mut quote: Option<char> = None;
        let mut chars = line[..end].chars();
        while let Some(c) = chars.next() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), c) => word.push(c),
                (None, '\'' | '"') => {
                    quote = Some(c);
                    in_word = true;
                }
                (None, '\\') => {
                    if let Some(next) = chars.next() {
                        word.push(next);
                    }
                    in_word = true;
                }
                (None, c) if c.is_whitespace() => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                }
                (None, c) => {
                    word.push(c);
                    in_word = true;
                }
            }
        }
        if !words.is_empty() {
            words.remove(0);
        }
        Line {
            words,
            current: word,
        }
    }
}

/// What completion reads beyond the models: the config files and S3.
pub trait Sources {
    fn profiles(&self) -> Vec<String>;
    /// `s3://bucket/prefix...` completions for `current` (buckets when there is no `/`
    /// after the bucket yet); `globals` are the line's words, for the profile and region.
    fn s3_paths(&self, current: &str, words: &[String]) -> Vec<String>;
}

/// Where the command line stands: its command words, and the word before the cursor.
struct Position<'a> {
    /// Service, operation (or hand-written subcommands), in order.
    path: Vec<&'a str>,
    /// The option the current word is the value of, if any.
    value_of: Option<&'a str>,
}

fn position(words: &[String]) -> Position<'_> {
    let global_takes_value = |w: &str| globals::options().any(|(n, takes, _)| n == w && takes);
    let mut path = Vec::new();
    let mut skip_next = false;
    for word in words {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        if word.starts_with('-') {
            skip_next = global_takes_value(word);
            continue;
        }
        // Values of an operation's options are not command words; only the first two
        // words (service, operation) and a hand-written command's subcommands are.
        path.push(word.as_str());
    }
    let value_of = words
        .last()
        .map(String::as_str)
        .filter(|w| w.starts_with("--"));
    Position { path, value_of }
}

pub fn candidates(line: &Line, sources: &dyn Sources) -> Vec<String> {
    let current = line.current.as_str();
    let Position { path, value_of } = position(&line.words);
    let mut out: Vec<String> = Vec::new();
    if let Some(option) = value_of
        && let Some((_, true, choices)) = globals::options().find(|(n, ..)| *n == option)
    {
        out = match option {
            "--profile" => sources.profiles(),
            "--region" => crate::endpoints::region_names()
                .into_iter()
                .map(String::from)
                .collect(),
            _ => choices.iter().map(|c| c.to_string()).collect(),
        };
        return keep(out, current);
    }
    let cli = Cli::command();
    match path.as_slice() {
        [] if !current.starts_with('-') => out = top_commands(&cli),
        ["help"] => {
            out = top_commands(&cli);
            out.extend(help::topics::names().map(String::from));
        }
        ["completion"] => out = super::SHELLS.iter().map(|s| s.to_string()).collect(),
        [command, rest @ ..] => {
            out = command_words(&cli, command, rest, current, value_of, &line.words, sources);
        }
        [] => {}
    }
    if current.starts_with('-') && path.is_empty() {
        out.extend(global_options(&line.words));
    }
    keep(out, current)
}

/// Candidates that start with the current word, sorted, once each.
fn keep(mut out: Vec<String>, current: &str) -> Vec<String> {
    out.retain(|c| c.starts_with(current));
    out.sort();
    out.dedup();
    out
}

fn top_commands(cli: &clap::Command) -> Vec<String> {
    let mut all = route::command_names(cli);
    all.extend(["help".to_string(), "completion".to_string()]);
    all
}

fn global_options(used: &[String]) -> Vec<String> {
    globals::options()
        .map(|(n, ..)| n.to_string())
        .filter(|n| !used.contains(n))
        .collect()
}

/// After `<command>`: a service's operations and options, or a hand-written command's.
fn command_words(
    cli: &clap::Command,
    command: &str,
    rest: &[&str],
    current: &str,
    value_of: Option<&str>,
    words: &[String],
    sources: &dyn Sources,
) -> Vec<String> {
    let hand_written = cli.find_subcommand(command);
    let model = names::model_service_name(command)
        .filter(|_| !matches!(command, "s3" | "configure" | "imds"));
    if current.starts_with("s3://") {
        return sources.s3_paths(current, words);
    }
    // The deepest hand-written subcommand the words name.
    let mut clap_command = hand_written;
    let mut consumed = 0;
    while let (Some(c), Some(word)) = (clap_command, rest.get(consumed)) {
        match c.find_subcommand(word) {
            Some(sub) => {
                clap_command = Some(sub);
                consumed += 1;
            }
            None => break,
        }
    }
    let model_operation = match (model, rest.first()) {
        (Some(service), Some(op)) if consumed == 0 => Some((service, *op)),
        _ => None,
    };
    if let Some((service, "wait")) = model_operation {
        return waiter_words(service, &rest[1..], current, value_of, words);
    }
    if let Some((service, op)) = model_operation {
        return operation_options(service, command, op, current, value_of, words);
    }
    if rest.is_empty() || consumed == rest.len() {
        let mut out = Vec::new();
        if let Some(c) = clap_command {
            if !current.starts_with('-') {
                out.extend(c.get_subcommands().map(|s| s.get_name().to_string()));
            }
            if current.starts_with('-') {
                out.extend(clap_options(c, words));
            }
        }
        if rest.is_empty() && !current.starts_with('-') {
            if let Some(service) = model {
                out.extend(operations(service, command));
            }
            out.push("help".into());
        }
        return out;
    }
    match clap_command {
        Some(c) if current.starts_with('-') => clap_options(c, words),
        _ => Vec::new(),
    }
}

/// A service's operation names, from the model's index (cheap: no operation is parsed), and
/// `wait` where the service has waiters.
fn operations(service: &str, service_cli: &str) -> Vec<String> {
    match embedded::service(service) {
        Some(Ok(model)) => {
            let mut names = service::operation_table_names(model, service_cli);
            if model.waiters.is_some() && !names.iter().any(|n| n == "wait") {
                names.push("wait".into());
            }
            names
        }
        _ => Vec::new(),
    }
}

/// An operation's options, from its argument table, less those already on the line; none
/// while the current word is an option's value.
fn operation_options(
    service: &str,
    service_cli: &str,
    op: &str,
    current: &str,
    value_of: Option<&str>,
    words: &[String],
) -> Vec<String> {
    let Some(Ok(model)) = embedded::service(service) else {
        return Vec::new();
    };
    let Some(name) = model.operation_names().find(|n| names::xform_name(n) == op) else {
        return Vec::new();
    };
    let Ok(Some(operation)) = model.operation(name) else {
        return Vec::new();
    };
    options_of(model, operation, service_cli, current, value_of, words)
}

/// After `<service> wait`: the waiter names, then the options of the waiter's operation
/// (whose argument table is keyed by the parent `wait`, as the waiter builds it).
fn waiter_words(
    service: &str,
    rest: &[&str],
    current: &str,
    value_of: Option<&str>,
    words: &[String],
) -> Vec<String> {
    let Some(Ok(model)) = embedded::service(service) else {
        return Vec::new();
    };
    let Ok(waiters) = crate::driver::waiter::Waiters::of(model) else {
        return Vec::new();
    };
    let Some(word) = rest.first() else {
        if current.starts_with('-') {
            return Vec::new();
        }
        return waiters.cli_names().collect();
    };
    let Some((_, config)) = waiters.find(word) else {
        return Vec::new();
    };
    let Ok(Some(operation)) = model.operation(&config.operation) else {
        return Vec::new();
    };
    options_of(model, operation, "wait", current, value_of, words)
}

/// The options of `operation` in a command under `parent`, less those already on the line;
/// the possible values while the current word is an option's value.
fn options_of(
    model: &'static crate::model::ServiceModel,
    operation: &'static crate::model::Operation,
    parent: &str,
    current: &str,
    value_of: Option<&str>,
    words: &[String],
) -> Vec<String> {
    let Ok(table) = arguments::build(model, parent, operation, &[]) else {
        return Vec::new();
    };
    if let Some(option) = value_of
        && let Some(argument) = table.arguments.iter().find(|a| {
            a.spec.name == option && !matches!(a.spec.nargs, crate::driver::argparse::Nargs::Zero)
        })
    {
        return enum_values(model, operation, argument.member.as_deref());
    }
    if !current.is_empty() && !current.starts_with('-') {
        return Vec::new();
    }
    let mut out: Vec<String> = table
        .arguments
        .iter()
        .filter(|a| !a.hidden && !a.spec.positional)
        .map(|a| a.spec.name.clone())
        .filter(|n| !words.contains(n))
        .collect();
    if current.starts_with('-') {
        out.extend(global_options(words));
    }
    out
}

/// The possible values of a member (or of a list member's elements), from the service's
/// documentation blob: read only when such a value is being completed.
fn enum_values(
    model: &crate::model::ServiceModel,
    operation: &crate::model::Operation,
    member: Option<&str>,
) -> Vec<String> {
    let shape_of = |name: &str| model.shape(name).ok();
    let Some(input) = operation.input.as_ref().and_then(|r| shape_of(&r.shape)) else {
        return Vec::new();
    };
    let Some(r) = member.and_then(|m| input.members.get(m)) else {
        return Vec::new();
    };
    let mut shape_name = r.shape.as_str();
    if let Some(element) = shape_of(shape_name).and_then(|s| s.member.as_ref()) {
        shape_name = &element.shape;
    }
    match shape_of(shape_name) {
        Some(s) if s.kind == crate::model::ShapeType::String => {}
        _ => return Vec::new(),
    }
    match help::Docs::load(&model.name) {
        Ok(docs) => docs
            .enum_values(shape_name)
            .into_iter()
            .map(String::from)
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn clap_options(command: &clap::Command, words: &[String]) -> Vec<String> {
    command
        .get_arguments()
        .filter(|a| !a.is_hide_set())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .filter(|n| n != "--help" && !words.contains(n))
        .chain(global_options(words))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Profiles and S3 paths as given, so the model-driven answers are tested alone.
    struct Given;

    impl Sources for Given {
        fn profiles(&self) -> Vec<String> {
            vec!["default".into(), "dev".into(), "prod".into()]
        }
        fn s3_paths(&self, current: &str, _: &[String]) -> Vec<String> {
            vec![format!("{current}x/")]
        }
    }

    fn complete(line: &str) -> Vec<String> {
        candidates(&Line::parse(line, line.len()), &Given)
    }

    #[test]
    fn lines_split_like_a_shell() {
        assert_eq!(
            Line::parse("awsctl s3 cp 'a b' \"c", 22),
            Line {
                words: vec!["s3".into(), "cp".into(), "a b".into()],
                current: "c".into()
            }
        );
        let line = Line::parse("awsctl ec2 ", 11);
        assert_eq!((line.words.len(), line.current.as_str()), (1, ""));
        // The cursor, not the end of the line, decides.
        assert_eq!(Line::parse("awsctl ec2 describe", 9).current, "ec");
    }

    #[test]
    fn commands_operations_and_options_from_the_models() {
        assert!(complete("awsctl ec").contains(&"ec2".to_string()));
        assert!(complete("awsctl ").contains(&"completion".to_string()));
        let ops = complete("awsctl ec2 describe-instanc");
        assert!(ops.contains(&"describe-instances".to_string()), "{ops:?}");
        assert!(ops.iter().all(|o| o.starts_with("describe-instanc")));
        // Hand-written subcommands of a modelled service are offered with the model's.
        assert!(complete("awsctl ec2 run-").contains(&"run-instances".to_string()));
        let options = complete("awsctl ec2 describe-instances --");
        for expected in ["--filters", "--instance-ids", "--max-items", "--region"] {
            assert!(options.contains(&expected.to_string()), "{expected}");
        }
        // Already given: not offered again.
        let again = complete("awsctl ec2 describe-instances --filters x --");
        assert!(!again.contains(&"--filters".to_string()));
        // The value of an option is not completed with options; an enum's values are offered.
        assert!(complete("awsctl ec2 describe-instances --instance-ids ").is_empty());
        assert_eq!(
            complete("awsctl ec2 create-vpc --instance-tenancy d"),
            ["dedicated", "default"]
        );
        let types = complete("awsctl ec2 describe-instance-types --instance-types t3.mic");
        assert_eq!(types, ["t3.micro"]);
    }

    #[test]
    fn values_of_global_options() {
        assert_eq!(complete("awsctl --profile d"), ["default", "dev"]);
        assert_eq!(
            complete("awsctl sts get-caller-identity --output y"),
            ["yaml", "yaml-stream"]
        );
        let regions = complete("awsctl --region eu-west-");
        assert!(regions.contains(&"eu-west-1".to_string()), "{regions:?}");
    }

    #[test]
    fn hand_written_commands_topics_shells_and_s3_paths() {
        let s3 = complete("awsctl s3 ");
        assert!(s3.contains(&"cp".to_string()) && s3.contains(&"sync".to_string()));
        assert!(complete("awsctl s3 cp --rec").contains(&"--recursive".to_string()));
        assert_eq!(complete("awsctl help config-"), ["config-vars"]);
        assert_eq!(complete("awsctl completion z"), ["zsh"]);
        assert_eq!(complete("awsctl s3 ls s3://b/d"), ["s3://b/dx/"]);
    }

    #[test]
    fn bash_gets_the_part_after_its_word_breaks_and_a_space_after_finished_words() {
        let found = vec!["s3://b/dir/".to_string(), "s3://b/key".to_string()];
        assert_eq!(
            super::super::format("bash", "s3://b/", found.clone()),
            ["//b/dir/", "//b/key "]
        );
        assert_eq!(super::super::format("zsh", "s3://b/", found.clone()), found);
    }
}
