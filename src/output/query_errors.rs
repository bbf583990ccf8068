//! The wording of `--query` errors: jmespath.py's messages (which the AWS CLI prints) rebuilt
//! from the `jmespath` crate's errors, with positions mapped back to the expression as typed.

use jmespath::{ErrorReason, JmespathError, RuntimeError};

use super::query_lex::Rewritten;

/// jmespath.py's LexerError text.
pub(super) fn lexer_message(expr: &str, message: &str, position: usize) -> String {
    format!(
        "Bad jmespath expression: {message}:\n{expr}\n{}^",
        " ".repeat(position)
    )
}

/// The char column in the original expression of a `jmespath` crate error.
fn original_column(rewritten: &Rewritten, expr: &str, offset: usize) -> usize {
    let offset = rewritten.original_offset(offset).min(expr.len());
    expr.get(..offset).map_or(offset, |s| s.chars().count())
}

/// jmespath.py's ParseError texts, rebuilt from the crate's error: the token the parser
/// stopped at is named the Python way (`token "bar" (UNQUOTED_IDENTIFIER)`).
pub(super) fn parse_message(expr: &str, rewritten: &Rewritten, e: &JmespathError) -> String {
    let column = original_column(rewritten, expr, e.offset);
    let reason = match &e.reason {
        ErrorReason::Parse(reason) => reason.as_str(),
        ErrorReason::Runtime(r) => return format!("{r}"),
    };
    if let Some(c) = reason.strip_prefix("Invalid character: ") {
        return lexer_message(expr, &format!("Unknown token '{c}'"), column);
    }
    if reason.starts_with("'-' must be followed") {
        return lexer_message(expr, "Unknown token '-'", column);
    }
    let Some((what, token)) = reason.rsplit_once(" -- found ") else {
        return format!(
            "{reason}: Parse error at column {column}, for expression:\n\"{expr}\"\n{}^",
            " ".repeat(column + 1)
        );
    };
    let underline = " ".repeat(column + 1);
    if token == "Eof" {
        let underline = " ".repeat(expr.chars().count() + 1);
        return format!(
            "Invalid jmespath expression: Incomplete expression:\n\"{expr}\"\n{underline}^"
        );
    }
    let (value, kind) = python_token(token);
    let what = if what.starts_with("Did not parse the complete expression") {
        format!("Unexpected token: {value}")
    } else {
        what.to_string()
    };
    format!(
        "{what}: Parse error at column {column}, token \"{value}\" ({kind}), for expression:\n\"{expr}\"\n{underline}^"
    )
}

/// A `jmespath` crate token (its Debug form) as jmespath.py names it: (value, TYPE).
fn python_token(debug: &str) -> (String, &'static str) {
    let (name, inner) = match debug.split_once('(') {
        Some((name, rest)) => (name, rest.strip_suffix(')').unwrap_or(rest)),
        None => (debug, ""),
    };
    let text = |s: &str| serde_json::from_str::<String>(s).unwrap_or_else(|_| s.to_string());
    let fixed = |v: &str, t| (v.to_string(), t);
    match name {
        "Identifier" => (text(inner), "UNQUOTED_IDENTIFIER"),
        "QuotedIdentifier" => (text(inner), "QUOTED_IDENTIFIER"),
        "Number" => (inner.to_string(), "NUMBER"),
        "Literal" => (inner.to_string(), "LITERAL"),
        "Dot" => fixed(".", "DOT"),
        "Star" => fixed("*", "STAR"),
        "Flatten" => fixed("[]", "FLATTEN"),
        "And" => fixed("&&", "AND"),
        "Or" => fixed("||", "OR"),
        "Pipe" => fixed("|", "PIPE"),
        "Filter" => fixed("[?", "FILTER"),
        "Lbracket" => fixed("[", "LBRACKET"),
        "Rbracket" => fixed("]", "RBRACKET"),
        "Comma" => fixed(",", "COMMA"),
        "Colon" => fixed(":", "COLON"),
        "Not" => fixed("!", "NOT"),
        "Ne" => fixed("!=", "NE"),
        "Eq" => fixed("==", "EQ"),
        "Gt" => fixed(">", "GT"),
        "Gte" => fixed(">=", "GTE"),
        "Lt" => fixed("<", "LT"),
        "Lte" => fixed("<=", "LTE"),
        "At" => fixed("@", "CURRENT"),
        "Ampersand" => fixed("&", "EXPREF"),
        "Lparen" => fixed("(", "LPAREN"),
        "Rparen" => fixed(")", "RPAREN"),
        "Lbrace" => fixed("{", "LBRACE"),
        "Rbrace" => fixed("}", "RBRACE"),
        _ => (debug.to_string(), "UNKNOWN"),
    }
}

/// Errors raised while searching, in jmespath.py's words where the crate gives enough to say it.
pub(super) fn search_message(rewritten: &Rewritten, e: &JmespathError) -> String {
    let offset = rewritten.original_offset(e.offset);
    let function = || {
        let before = rewritten
            .text
            .get(..e.offset.min(rewritten.text.len()))
            .unwrap_or("");
        let name: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        name.chars().rev().collect::<String>()
    };
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    match &e.reason {
        ErrorReason::Runtime(RuntimeError::UnknownFunction(name)) => {
            format!("Unknown function: {name}()")
        }
        ErrorReason::Runtime(RuntimeError::TooManyArguments { expected, actual }) => {
            format!(
                "Expected {expected} {} for function {}(), received {actual}",
                plural(*expected),
                function()
            )
        }
        ErrorReason::Runtime(RuntimeError::NotEnoughArguments { expected, actual }) => {
            let name = function();
            // Only the variadic functions say "at least".
            let at_least = if name == "merge" || name == "not_null" {
                "at least "
            } else {
                ""
            };
            format!(
                "Expected {at_least}{expected} {} for function {name}(), received {actual}",
                plural(*expected)
            )
        }
        ErrorReason::Runtime(RuntimeError::InvalidType {
            expected,
            actual,
            position,
        }) => format!(
            "In function {}(), invalid type for argument {position}, expected one of: {}, received: \"{actual}\"",
            function(),
            python_type_list(expected)
        ),
        ErrorReason::Runtime(RuntimeError::InvalidReturnType {
            expected, actual, ..
        }) => format!(
            "In function {}(), invalid type for value, expected one of: {}, received: \"{actual}\"",
            function(),
            python_type_list(expected)
        ),
        ErrorReason::Runtime(RuntimeError::InvalidSlice) => "slice step cannot be zero".to_string(),
        ErrorReason::Parse(reason) => format!("{reason} (at column {offset})"),
    }
}

/// `array|object|string` as Python prints a list of type names: `['array', 'object', 'string']`.
fn python_type_list(types: &str) -> String {
    let names: Vec<String> = types
        .split('|')
        .map(|t| format!("'{}'", t.trim()))
        .collect();
    format!("[{}]", names.join(", "))
}
