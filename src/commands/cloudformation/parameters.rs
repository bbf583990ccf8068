//! `deploy`'s `--parameter-overrides` and `--tags`: `Key=Value` words, or for the overrides
//! JSON (inline or from `file://`) in any of the three formats the CLI accepts; and the
//! change set's parameter list, every template parameter either given a value or told to keep
//! its previous one.

use indexmap::IndexMap;
use serde_json::{Value, json};

use crate::error::Error;

const FORMATS: &str = "JSON passed to --parameter-overrides must be one of the formats: [\"Key1=Value1\",\"Key2=Value2\", ...] , [{\"ParameterKey\": \"Key1\", \"ParameterValue\": \"Value1\"}, ...] , [\"Parameters\": {\"Key1\": \"Value1\", \"Key2\": \"Value2\", ...}]";

/// `--parameter-overrides`: the values as given (a `file://` value already read as text).
pub fn overrides(words: &[String]) -> Result<IndexMap<String, String>, Error> {
    let json = match words {
        [] => None,
        // A file's text must be JSON (the CLI's json.loads fails otherwise).
        [only] if only.starts_with("file://") => {
            let text = crate::params::read_text("--parameter-overrides", only)?;
            Some(serde_json::from_str::<Value>(&text).map_err(|e| Error::General(e.to_string()))?)
        }
        [first, ..] => serde_json::from_str::<Value>(first).ok(),
    };
    let Some(data) = json else {
        return key_values(words, "parameter-overrides");
    };
    // CloudFormation's own format: [{"ParameterKey": k, "ParameterValue": v}, ...].
    if let Value::Array(items) = &data
        && items.iter().all(|item| {
            item.as_object().is_some_and(|o| {
                o.contains_key("ParameterKey") && o.contains_key("ParameterValue") && o.len() <= 2
            })
        })
    {
        return Ok(items
            .iter()
            .map(|item| (text(&item["ParameterKey"]), text(&item["ParameterValue"])))
            .collect());
    }
    // CodePipeline's: {"Parameters": {k: v, ...}}.
    if let Some(parameters) = data.get("Parameters").and_then(Value::as_object) {
        return Ok(parameters
            .iter()
            .map(|(k, v)| (k.clone(), text(v)))
            .collect());
    }
    // A JSON list of "Key=Value" strings.
    if let Value::Array(items) = &data
        && items
            .iter()
            .all(|item| item.as_str().is_some_and(|s| s.contains('=')))
    {
        let words: Vec<String> = items.iter().map(text).collect();
        return key_values(&words, "parameter-overrides");
    }
    Err(Error::ParamValidation {
        message: FORMATS.to_string(),
        usage: false,
    })
}

/// `Key=Value` words, split at the first `=`; a later key replaces an earlier one.
pub fn key_values(words: &[String], argument: &str) -> Result<IndexMap<String, String>, Error> {
    let mut out = IndexMap::new();
    for word in words {
        let Some((key, value)) = word.split_once('=') else {
            // Python prints the failed split, a one-element list.
            return Err(Error::General(format!(
                "['{word}'] value passed to --{argument} must be of format Key=Value"
            )));
        };
        out.insert(key.to_string(), value.to_string());
    }
    Ok(out)
}

/// `--tags` as CloudFormation's `[{"Key": k, "Value": v}]`.
pub fn tags(words: &[String]) -> Result<Value, Error> {
    Ok(Value::Array(
        key_values(words, "tags")?
            .into_iter()
            .map(|(k, v)| json!({"Key": k, "Value": v}))
            .collect(),
    ))
}

/// Every parameter the template declares, in its order: the override's value, or
/// `UsePreviousValue`.
pub fn merge(template: &Value, overrides: &IndexMap<String, String>) -> Vec<Value> {
    let Some(declared) = template.get("Parameters").and_then(Value::as_object) else {
        return Vec::new();
    };
    declared
        .keys()
        .map(|key| match overrides.get(key) {
            Some(value) => json!({"ParameterKey": key, "ParameterValue": value}),
            None => json!({"ParameterKey": key, "UsePreviousValue": true}),
        })
        .collect()
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn pairs(map: IndexMap<String, String>) -> Vec<(String, String)> {
        map.into_iter().collect()
    }

    #[test]
    fn key_value_words_split_at_the_first_equals_sign() {
        let got = overrides(&words(&["A=1", "B=x=y", "A=2"])).unwrap();
        assert_eq!(
            pairs(got),
            vec![("A".into(), "2".into()), ("B".into(), "x=y".into())]
        );
        assert_eq!(
            overrides(&words(&["A"])).unwrap_err().to_string(),
            "['A'] value passed to --parameter-overrides must be of format Key=Value"
        );
    }

    #[test]
    fn the_three_json_formats() {
        let cfn = r#"[{"ParameterKey": "A", "ParameterValue": "1"}]"#;
        let pipeline = r#"{"Parameters": {"A": "1"}}"#;
        let strings = r#"["A=1"]"#;
        for form in [cfn, pipeline, strings] {
            assert_eq!(
                pairs(overrides(&words(&[form])).unwrap()),
                vec![("A".into(), "1".into())],
                "{form}"
            );
        }
        let bad = overrides(&words(&[r#"[{"Key": "A"}]"#])).unwrap_err();
        assert_eq!(bad.exit_code(), 252);
        assert!(
            bad.to_string()
                .starts_with("JSON passed to --parameter-overrides")
        );
    }

    #[test]
    fn template_parameters_keep_their_previous_value_unless_given() {
        let template =
            json!({"Parameters": {"Env": {"Type": "String"}, "Size": {"Type": "Number"}}});
        let given: IndexMap<String, String> = [("Size".to_string(), "3".to_string())].into();
        assert_eq!(
            merge(&template, &given),
            vec![
                json!({"ParameterKey": "Env", "UsePreviousValue": true}),
                json!({"ParameterKey": "Size", "ParameterValue": "3"}),
            ]
        );
        assert!(merge(&json!({"Resources": {}}), &given).is_empty());
    }
}
