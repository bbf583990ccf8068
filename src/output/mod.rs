//! Output rendering: the `--output` formats (json, text, table, yaml, yaml-stream, off) of
//! AWS CLI v2, byte for byte, and `--query` (JMESPath with jmespath.py's behaviour).
//!
//! Callers aggregate the response (unless the format streams pages: text and yaml-stream
//! render each page with its own `render` call, `--query` applied per page), apply the query,
//! then call [`render`] once per document.

mod east_asian_width;
pub(crate) mod json;
mod multitable;
mod python;
mod query;
mod query_depth;
mod query_errors;
mod query_lex;
mod query_order;
mod query_runtime;
mod table;
mod text;
mod yaml;
mod yaml_emitter;
mod yaml_scalar;

use std::io::{self, Write};
use std::str::FromStr;

use serde_json::Value;

pub use query::{Query, QueryError};

/// Python's `json.dumps(value, indent=4)` (ASCII only: everything past `~` as `\uXXXX`), as
/// `logs tail --format json` prints a message.
pub fn json_dumps_indented_ascii(value: &Value) -> String {
    let text = json::to_document(value);
    let mut out = String::with_capacity(text.len());
    for c in text.trim_end_matches('\n').chars() {
        if (c as u32) < 0x7f {
            out.push(c);
            continue;
        }
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            out.push_str(&format!("\\u{unit:04x}"));
        }
    }
    out
}

/// A document as YAML with its keys in their own order (files the CLI writes as YAML).
pub fn yaml_in_order(value: &Value) -> String {
    yaml::to_yaml_in_order(value)
}

/// The width the CLI assumes when stdout is not a terminal.
pub const DEFAULT_TERMINAL_WIDTH: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Json,
    Text,
    Table,
    Yaml,
    YamlStream,
    Off,
}

impl OutputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Json => "json",
            OutputFormat::Text => "text",
            OutputFormat::Table => "table",
            OutputFormat::Yaml => "yaml",
            OutputFormat::YamlStream => "yaml-stream",
            OutputFormat::Off => "off",
        }
    }
}

impl std::fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An `--output` / `output =` value that is not one of the six formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOutputFormat(pub String);

impl std::fmt::Display for UnknownOutputFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Unknown output type: {}", self.0)
    }
}

impl std::error::Error for UnknownOutputFormat {}

impl FromStr for OutputFormat {
    type Err = UnknownOutputFormat;

    /// Exact, case-sensitive names, as the CLI compares them.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "json" => OutputFormat::Json,
            "text" => OutputFormat::Text,
            "table" => OutputFormat::Table,
            "yaml" => OutputFormat::Yaml,
            "yaml-stream" => OutputFormat::YamlStream,
            "off" => OutputFormat::Off,
            other => return Err(UnknownOutputFormat(other.to_string())),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    pub format: OutputFormat,
    /// Colour the table format (`--color on`, or `auto` on a terminal).
    pub color: bool,
    /// The terminal's width in columns; `None` when stdout is not a terminal (80 is used).
    pub terminal_width: Option<usize>,
}

/// Renders one whole response, already aggregated and queried, to `out`. `operation` is the
/// API operation name (`GetCallerIdentity`), the table's title. An empty object prints nothing
/// in json, yaml, text and table; the table prints nothing for any falsy value. A table row
/// of the wrong length fails as the CLI's does, with its message (io::ErrorKind::InvalidData).
pub(crate) use json::write_string as write_json_string;
pub(crate) use python::repr_str as python_repr;
pub(crate) use python::str_of as python_str;
pub(crate) use python::{
    is_truthy as python_truthy, number_repr as python_number_repr, repr as python_value_repr,
};
pub(crate) use yaml::to_yaml_template;

pub fn render(
    value: &Value,
    operation: &str,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let is_empty_object = value.as_object().is_some_and(|m| m.is_empty());
    let document = match opts.format {
        OutputFormat::Off => return Ok(()),
        OutputFormat::Json if is_empty_object => return Ok(()),
        OutputFormat::Json => json::to_document(value),
        OutputFormat::Text => text::to_text(value),
        OutputFormat::Yaml if is_empty_object => return Ok(()),
        OutputFormat::Yaml => yaml::to_yaml(value),
        OutputFormat::YamlStream => yaml::to_yaml_stream_item(value),
        OutputFormat::Table => {
            let width = opts.terminal_width.unwrap_or(DEFAULT_TERMINAL_WIDTH);
            match table::to_table(value, operation, opts.color, width) {
                Ok(Some(table)) => table,
                Ok(None) => return Ok(()),
                Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e.to_string())),
            }
        }
    };
    out.write_all(document.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rendered(value: &Value, format: OutputFormat) -> String {
        let mut out = Vec::new();
        let opts = RenderOptions {
            format,
            color: false,
            terminal_width: None,
        };
        render(value, "GetCallerIdentity", &opts, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn caller_identity() -> Value {
        json!({"UserId": "AKIAIOSFODNN7EXAMPLE", "Account": "123456789012", "Arn": "arn:aws:sts::123456789012:user/moto"})
    }

    // `aws sts get-caller-identity` as the AWS CLI v2 prints it in every output format.
    #[test]
    fn caller_identity_in_every_format() {
        let v = caller_identity();
        assert_eq!(
            rendered(&v, OutputFormat::Json),
            "{\n    \"UserId\": \"AKIAIOSFODNN7EXAMPLE\",\n    \"Account\": \"123456789012\",\n    \
             \"Arn\": \"arn:aws:sts::123456789012:user/moto\"\n}\n"
        );
        assert_eq!(
            rendered(&v, OutputFormat::Text),
            "123456789012\tarn:aws:sts::123456789012:user/moto\tAKIAIOSFODNN7EXAMPLE\n"
        );
        assert_eq!(
            rendered(&v, OutputFormat::Yaml),
            "Account: '123456789012'\nArn: arn:aws:sts::123456789012:user/moto\nUserId: AKIAIOSFODNN7EXAMPLE\n"
        );
        assert_eq!(
            rendered(&v, OutputFormat::YamlStream),
            "- Account: '123456789012'\n  Arn: arn:aws:sts::123456789012:user/moto\n  UserId: AKIAIOSFODNN7EXAMPLE\n"
        );
        let table = concat!(
            "----------------------------------------------------\n",
            "|                 GetCallerIdentity                |\n",
            "+---------+----------------------------------------+\n",
            "|  Account|  123456789012                          |\n",
            "|  Arn    |  arn:aws:sts::123456789012:user/moto   |\n",
            "|  UserId |  AKIAIOSFODNN7EXAMPLE                  |\n",
            "+---------+----------------------------------------+\n",
        );
        assert_eq!(rendered(&v, OutputFormat::Table), table);
        assert_eq!(rendered(&v, OutputFormat::Off), "");
    }

    // formatter.py: json/yaml skip exactly `{}`; other falsy values print.
    #[test]
    fn empty_and_falsy_results() {
        let empty = json!({});
        for format in [
            OutputFormat::Json,
            OutputFormat::Yaml,
            OutputFormat::Text,
            OutputFormat::Table,
        ] {
            assert_eq!(rendered(&empty, format), "", "{format}");
        }
        assert_eq!(rendered(&empty, OutputFormat::YamlStream), "- {}\n");
        assert_eq!(rendered(&json!(null), OutputFormat::Json), "null\n");
        assert_eq!(rendered(&json!(null), OutputFormat::Text), "None\n");
        assert_eq!(rendered(&json!(null), OutputFormat::Yaml), "null\n");
        assert_eq!(rendered(&json!(null), OutputFormat::Table), "");
        assert_eq!(rendered(&json!([]), OutputFormat::Json), "[]\n");
        assert_eq!(rendered(&json!([]), OutputFormat::Yaml), "[]\n");
        assert_eq!(rendered(&json!([]), OutputFormat::Text), "");
        assert_eq!(rendered(&json!("foo"), OutputFormat::Yaml), "\"foo\"\n");
        assert_eq!(rendered(&json!(true), OutputFormat::Yaml), "true\n");
        assert_eq!(rendered(&json!(1.2), OutputFormat::Yaml), "1.2\n");
    }

    #[test]
    fn table_width_comes_from_the_terminal() {
        let v = json!({"A": "x", "B": "0123456789012345678901234567890123456789"});
        let mut out = Vec::new();
        let opts = RenderOptions {
            format: OutputFormat::Table,
            color: false,
            terminal_width: Some(40),
        };
        render(&v, "Op", &opts, &mut out).unwrap();
        // Wider than 40 columns: converted to `key | value` rows (aws-cli's TableFormatter output).
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("\n|  A|  x    "), "{out}");
        assert!(
            out.contains("\n|  B|  0123456789012345678901234567890123456789   |\n"),
            "{out}"
        );
        let mut out = Vec::new();
        render(
            &v,
            "Op",
            &RenderOptions {
                terminal_width: None,
                ..opts
            },
            &mut out,
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("\n| A |                      B                      |\n"),
            "{out}"
        );
    }

    #[test]
    fn bad_table_rows_are_an_error() {
        let mut out = Vec::new();
        let opts = RenderOptions {
            format: OutputFormat::Table,
            color: false,
            terminal_width: None,
        };
        let err = render(&json!([1, [2, 3]]), "Op", &opts, &mut out).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(
            err.to_string(),
            "Row should have 1 elements, instead it has 2"
        );
    }

    #[test]
    fn output_format_names() {
        for name in ["json", "text", "table", "yaml", "yaml-stream", "off"] {
            assert_eq!(name.parse::<OutputFormat>().unwrap().as_str(), name);
        }
        assert_eq!(
            "JSON".parse::<OutputFormat>().unwrap_err().to_string(),
            "Unknown output type: JSON"
        );
        assert!("yaml_stream".parse::<OutputFormat>().is_err());
    }
}
