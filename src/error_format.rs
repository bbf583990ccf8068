//! `--cli-error-format` (the option, `AWS_CLI_ERROR_FORMAT`, or the profile's
//! `cli_error_format`): how an error reaches stderr. `enhanced` (the default) is the one-line
//! message plus, for a service error with modeled fields beyond its code and message, an
//! "Additional error details" block; `legacy` is the line alone; `json`, `yaml`, `text` and
//! `table` print the error as a document in that format. Errors of the command line itself
//! (usage) always print as text.

use serde_json::{Map, Value};

use crate::error::{ERROR_PREFIX, Error};
use crate::output::{self, OutputFormat, RenderOptions, python_str};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErrorFormat {
    #[default]
    Enhanced,
    Legacy,
    Document(OutputFormat),
}

impl ErrorFormat {
    /// The CLI's reading of a format name (case-insensitive); an unknown name is `enhanced`.
    pub fn from_name(name: &str) -> ErrorFormat {
        match name.to_ascii_lowercase().as_str() {
            "legacy" => ErrorFormat::Legacy,
            "json" => ErrorFormat::Document(OutputFormat::Json),
            "yaml" => ErrorFormat::Document(OutputFormat::Yaml),
            "text" => ErrorFormat::Document(OutputFormat::Text),
            "table" => ErrorFormat::Document(OutputFormat::Table),
            _ => ErrorFormat::Enhanced,
        }
    }
}

/// Collections shorter than this print inline in the details block.
const MAX_INLINE_ITEMS: usize = 5;

/// The whole text for stderr.
pub fn render(error: &Error, format: ErrorFormat) -> String {
    let Some(info) = error_info(error) else {
        return error.render();
    };
    match format {
        ErrorFormat::Legacy => error.render(),
        ErrorFormat::Enhanced => {
            let mut out = error.render();
            if let Error::Service(e) = error {
                out.push_str(&details(&e.fields));
            }
            out
        }
        ErrorFormat::Document(format) => {
            let mut out = Vec::new();
            let options = RenderOptions {
                format,
                color: false,
                terminal_width: None,
            };
            match output::render(&Value::Object(info), "error", &options, &mut out) {
                Ok(()) => String::from_utf8_lossy(&out).into_owned(),
                Err(_) => error.render(),
            }
        }
    }
}

/// The error as a dict (`Code`, `Message`, modeled fields), for errors the CLI formats.
fn error_info(error: &Error) -> Option<Map<String, Value>> {
    let mut info = Map::new();
    match error {
        Error::Service(e) => {
            info.insert("Code".into(), Value::String(e.code.clone()));
            if let Some(message) = &e.message {
                info.insert("Message".into(), Value::String(message.clone()));
            }
            info.extend(e.fields.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        Error::ArgParse(_) | Error::UnknownOptions(_) => return None,
        Error::ParamValidation { usage: true, .. } => return None,
        other => {
            let rendered = other.render();
            let body = rendered
                .trim()
                .trim_start_matches(ERROR_PREFIX.trim_end())
                .trim();
            let (code, message) = match body.strip_prefix("An error occurred (") {
                Some(rest) => match rest.split_once("): ") {
                    Some((code, message)) => (code.to_string(), message.to_string()),
                    None => return None,
                },
                None => return None,
            };
            info.insert("Code".into(), Value::String(code));
            info.insert("Message".into(), Value::String(message));
        }
    }
    Some(info)
}

/// The "Additional error details" block, empty when there are no extra fields.
pub fn details(fields: &Map<String, Value>) -> String {
    let extra: Vec<(&String, &Value)> = fields
        .iter()
        .filter(|(k, _)| !matches!(k.to_ascii_lowercase().as_str(), "code" | "message"))
        .collect();
    if extra.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nAdditional error details:\n");
    let mut complex = false;
    for (key, value) in extra {
        let shown = if is_simple(value) {
            python_str(value).into_owned()
        } else if let Some(inline) = inline(value) {
            inline
        } else {
            complex = true;
            "<complex value>".to_string()
        };
        out.push_str(&format!("{key}: {shown}\n"));
    }
    if complex {
        out.push_str(
            "Use \"--cli-error-format json\" or another error format to see the full details.\n",
        );
    }
    out
}

fn is_simple(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

fn inline(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) if items.len() < MAX_INLINE_ITEMS && items.iter().all(is_simple) => {
            let shown: Vec<String> = items.iter().map(|i| python_str(i).into_owned()).collect();
            Some(format!("[{}]", shown.join(", ")))
        }
        Value::Object(map) if map.len() < MAX_INLINE_ITEMS && map.values().all(is_simple) => {
            let shown: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k}: {}", python_str(v)))
                .collect();
            Some(format!("{{{}}}", shown.join(", ")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn details_inline_small_collections_and_hide_complex_ones() {
        let fields = json!({
            "Reason": "BadThing",
            "Count": 3,
            "Retry": false,
            "Ids": ["a", "b"],
            "Tags": {"k": "v"},
            "Deep": [{"a": 1}],
        });
        assert_eq!(
            details(fields.as_object().unwrap()),
            "\nAdditional error details:\nReason: BadThing\nCount: 3\nRetry: False\nIds: [a, b]\nTags: {k: v}\nDeep: <complex value>\nUse \"--cli-error-format json\" or another error format to see the full details.\n"
        );
        assert_eq!(details(&Map::new()), "");
    }

    #[test]
    fn structured_formats_print_the_error_as_a_document() {
        let error = Error::NoRegion;
        let text = render(&error, ErrorFormat::from_name("json"));
        assert!(
            text.starts_with(
                "{\n    \"Code\": \"NoRegion\",\n    \"Message\": \"You must specify a region."
            ),
            "{text}"
        );
        assert_eq!(render(&error, ErrorFormat::Legacy), error.render());
    }
}
