//! `--cli-input-yaml`: a YAML document (the CLI reads it with ruamel's safe loader, YAML 1.2)
//! turned into the same values `--cli-input-json` gives.

use serde_json::{Map, Number, Value};
use yaml_rust2::{Yaml, YamlLoader};

#[derive(Debug)]
pub struct InvalidYaml;

pub fn parse(text: &str) -> Result<Value, InvalidYaml> {
    let documents = YamlLoader::load_from_str(text).map_err(|_| InvalidYaml)?;
    match documents.into_iter().next() {
        Some(document) => convert(document),
        None => Ok(Value::Null),
    }
}

fn convert(yaml: Yaml) -> Result<Value, InvalidYaml> {
    Ok(match yaml {
        Yaml::Null | Yaml::BadValue => Value::Null,
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Integer(i) => Value::from(i),
        Yaml::Real(text) => text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or(Value::String(text), Value::Number),
        Yaml::String(s) => Value::String(s),
        Yaml::Array(items) => {
            Value::Array(items.into_iter().map(convert).collect::<Result<_, _>>()?)
        }
        Yaml::Hash(hash) => {
            let mut map = Map::new();
            for (k, v) in hash {
                let key = match k {
                    Yaml::String(s) | Yaml::Real(s) => s,
                    Yaml::Integer(i) => i.to_string(),
                    Yaml::Boolean(b) => if b { "True" } else { "False" }.to_string(),
                    _ => return Err(InvalidYaml),
                };
                map.insert(key, convert(v)?);
            }
            Value::Object(map)
        }
        Yaml::Alias(_) => return Err(InvalidYaml),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_reads_as_json_would() {
        let v = parse(
            "Name: web\nCount: 2\nRatio: 0.5\nOn: true\nTags:\n- Key: a\n  Value: b\nNone: null\n",
        )
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({"Name": "web", "Count": 2, "Ratio": 0.5, "On": true,
                "Tags": [{"Key": "a", "Value": "b"}], "None": null})
        );
        assert!(parse("a: [").is_err());
    }
}
