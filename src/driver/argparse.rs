//! The parts of Python's `argparse` the AWS CLI's behaviour rests on: options recognised
//! anywhere, `--name=value`, unique prefixes (`--instance-id` for `--instance-ids`), the
//! number of values each option takes, negative numbers and values with spaces taken as
//! values, `--` ending the options, and whatever is not recognised kept in order for the
//! next parser (`parse_known_args`). Messages are argparse's.

/// How many values an option or positional takes (argparse's `nargs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nargs {
    /// A flag (`store_true`): no value.
    Zero,
    /// Exactly one value.
    One,
    /// `?`: one value if one follows, else none.
    Optional,
    /// `*`: every value up to the next option.
    Any,
    /// `+`: at least one value.
    AtLeastOne,
}

/// The conversion argparse applies to each value (`type=int` and `type=float`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    Text,
    Int,
    Float,
}

#[derive(Debug, Clone)]
pub struct Spec {
    /// `--vpc-ids`, or a positional's name (`outfile`).
    pub name: String,
    pub nargs: Nargs,
    pub required: bool,
    pub conversion: Conversion,
    pub choices: Option<Vec<String>>,
    pub positional: bool,
}

impl Spec {
    pub fn option(name: impl Into<String>, nargs: Nargs) -> Spec {
        Spec {
            name: name.into(),
            nargs,
            required: false,
            conversion: Conversion::Text,
            choices: None,
            positional: false,
        }
    }

    pub fn positional(name: impl Into<String>, nargs: Nargs) -> Spec {
        Spec {
            positional: true,
            ..Spec::option(name, nargs)
        }
    }
}

/// What was given for one spec: `None` when absent, else the values (empty for a flag or an
/// option with `nargs='*'` and nothing after it). The last occurrence wins, as in argparse.
pub type Given = Option<Vec<String>>;

#[derive(Debug, Default)]
pub struct Parsed {
    /// One entry per spec, in the specs' order.
    pub given: Vec<Given>,
    /// Where each spec last appeared among the arguments (for options that share a
    /// destination, like `--x` and `--no-x`: the later one wins).
    pub position: Vec<usize>,
    /// What this parser did not recognise, in the order it came.
    pub extras: Vec<String>,
}

/// An argparse error: the message argparse would print after `error: `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ArgError(pub String);

enum Kind {
    /// A recognised option, with a value given after `=`.
    Option(usize, Option<String>),
    /// Something that looks like an option but is not one of ours.
    Unknown,
    /// A value (or positional).
    Value,
    /// `--`: everything after it is a value.
    Separator,
}

fn looks_like_negative_number(arg: &str) -> bool {
    let digits = arg.strip_prefix('-').unwrap_or("");
    if digits.is_empty() {
        return false;
    }
    let integer = digits.chars().all(|c| c.is_ascii_digit());
    let decimal = digits.split_once('.').is_some_and(|(a, b)| {
        a.chars().all(|c| c.is_ascii_digit())
            && !b.is_empty()
            && b.chars().all(|c| c.is_ascii_digit())
    });
    integer || decimal
}

fn classify(specs: &[Spec], arg: &str) -> Result<Kind, ArgError> {
    if !arg.starts_with('-') || arg.len() == 1 {
        return Ok(Kind::Value);
    }
    let options = || specs.iter().enumerate().filter(|(_, s)| !s.positional);
    if let Some((i, _)) = options().find(|(_, s)| s.name == arg) {
        return Ok(Kind::Option(i, None));
    }
    if let Some((name, value)) = arg.split_once('=')
        && let Some((i, _)) = options().find(|(_, s)| s.name == name)
    {
        return Ok(Kind::Option(i, Some(value.to_string())));
    }
    // Unique prefixes of long options (argparse's allow_abbrev).
    if arg.starts_with("--") {
        let (prefix, value) = match arg.split_once('=') {
            Some((p, v)) => (p, Some(v.to_string())),
            None => (arg, None),
        };
        let matches: Vec<(usize, &Spec)> = options()
            .filter(|(_, s)| s.name.starts_with(prefix))
            .collect();
        match matches.as_slice() {
            [(i, _)] => return Ok(Kind::Option(*i, value)),
            [_, _, ..] => {
                let names: Vec<&str> = matches.iter().map(|(_, s)| s.name.as_str()).collect();
                return Err(ArgError(format!(
                    "ambiguous option: {prefix} could match {}",
                    names.join(", ")
                )));
            }
            [] => {}
        }
    }
    if looks_like_negative_number(arg) || arg.contains(' ') {
        return Ok(Kind::Value);
    }
    Ok(Kind::Unknown)
}

/// Parses `args` against `specs`, keeping what is not recognised (`parse_known_args`).
/// Positionals are filled in order from the values that are not an option's.
pub fn parse_known(specs: &[Spec], args: &[String]) -> Result<Parsed, ArgError> {
    let mut parsed = Parsed {
        given: vec![None; specs.len()],
        position: vec![0; specs.len()],
        extras: Vec::new(),
    };
    let mut positionals = (0..specs.len()).filter(|&i| specs[i].positional);
    let kinds = classify_all(specs, args)?;
    let mut i = 0;
    while i < args.len() {
        match &kinds[i] {
            Kind::Separator => {}
            Kind::Unknown => parsed.extras.push(args[i].clone()),
            Kind::Value => match positionals.next() {
                Some(p) => {
                    parsed.given[p] = Some(vec![args[i].clone()]);
                    parsed.position[p] = i;
                }
                None => parsed.extras.push(args[i].clone()),
            },
            Kind::Option(index, explicit) => {
                let spec = &specs[*index];
                parsed.position[*index] = i;
                let values = match explicit {
                    Some(value) if spec.nargs == Nargs::Zero => {
                        return Err(ArgError(format!(
                            "argument {}: ignored explicit argument '{value}'",
                            spec.name
                        )));
                    }
                    Some(value) => vec![value.clone()],
                    None => {
                        let following = kinds[i + 1..]
                            .iter()
                            .take_while(|k| matches!(k, Kind::Value))
                            .count();
                        let take = values_taken(spec, following)?;
                        let values = args[i + 1..i + 1 + take].to_vec();
                        i += take;
                        values
                    }
                };
                for value in &values {
                    check_value(spec, value)?;
                }
                parsed.given[*index] = Some(values);
            }
        }
        i += 1;
    }
    check_required(specs, &parsed)?;
    Ok(parsed)
}

/// What each word is; after `--` every word is a value.
fn classify_all(specs: &[Spec], args: &[String]) -> Result<Vec<Kind>, ArgError> {
    let mut kinds = Vec::with_capacity(args.len());
    let mut only_values = false;
    for arg in args {
        if only_values {
            kinds.push(Kind::Value);
        } else if arg == "--" {
            only_values = true;
            kinds.push(Kind::Separator);
        } else {
            kinds.push(classify(specs, arg)?);
        }
    }
    Ok(kinds)
}

/// How many of the `following` values an option takes, by its `nargs`.
fn values_taken(spec: &Spec, following: usize) -> Result<usize, ArgError> {
    let missing = |what: &str| ArgError(format!("argument {}: expected {what}", spec.name));
    Ok(match spec.nargs {
        Nargs::Zero => 0,
        Nargs::One if following == 0 => return Err(missing("one argument")),
        Nargs::One => 1,
        Nargs::Optional => following.min(1),
        Nargs::Any => following,
        Nargs::AtLeastOne if following == 0 => return Err(missing("at least one argument")),
        Nargs::AtLeastOne => following,
    })
}

/// argparse's error for required arguments not given, all named at once.
fn check_required(specs: &[Spec], parsed: &Parsed) -> Result<(), ArgError> {
    let missing: Vec<&str> = specs
        .iter()
        .zip(&parsed.given)
        .filter(|(s, g)| s.required && g.is_none())
        .map(|(s, _)| s.name.as_str())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(ArgError(format!(
        "the following arguments are required: {}",
        missing.join(", ")
    )))
}

fn check_value(spec: &Spec, value: &str) -> Result<(), ArgError> {
    let converts = match spec.conversion {
        Conversion::Text => true,
        Conversion::Int => python_int(value).is_some(),
        Conversion::Float => python_float(value).is_some(),
    };
    if !converts {
        let kind = if spec.conversion == Conversion::Int {
            "int"
        } else {
            "float"
        };
        return Err(ArgError(format!(
            "argument {}: invalid {kind} value: '{value}'",
            spec.name
        )));
    }
    if let Some(choices) = &spec.choices
        && !choices.iter().any(|c| c == value)
    {
        return Err(ArgError(super::suggest::invalid_choice(
            &spec.name,
            value,
            choices.iter().map(String::as_str),
        )));
    }
    Ok(())
}

/// Python's `int(text)`: surrounding whitespace, a sign, and underscores between digits.
pub fn python_int(text: &str) -> Option<i64> {
    let t = text.trim();
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let n: i64 = digits.replace('_', "").parse().ok()?;
    Some(if negative { -n } else { n })
}

/// Python's `float(text)`, including `nan`, `inf` and `infinity` in any case.
pub fn python_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if matches!(unsigned, "nan" | "inf" | "infinity") {
        return lower.replace("infinity", "inf").parse().ok();
    }
    if t.contains("__") || t.starts_with('_') || t.ends_with('_') {
        return None;
    }
    let cleaned = t.replace('_', "");
    if cleaned
        .chars()
        .any(|c| c.is_alphabetic() && c != 'e' && c != 'E')
    {
        return None;
    }
    cleaned.parse().ok()
}

#[cfg(test)]
mod tests;
