//! `aws.partition`: which partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`, ...)
//! and that partition's facts (DNS suffixes, FIPS and dual-stack support), from botocore's
//! `partitions.json` (models/partitions.json, generated with the models). Read once, on
//! first use; a partition's region pattern is compiled only if a region botocore does not
//! name is asked for.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use super::value::Val;

const PARTITIONS_JSON: &str = include_str!("../../models/partitions.json");

struct Partition {
    pattern_text: String,
    pattern: OnceLock<Option<regex_lite::Regex>>,
    outputs: Val,
}

impl Partition {
    fn matches(&self, region: &str) -> bool {
        self.pattern
            .get_or_init(|| regex_lite::Regex::new(&self.pattern_text).ok())
            .as_ref()
            .is_some_and(|p| p.is_match(region))
    }
}

struct Partitions {
    list: Vec<Partition>,
    /// Every region botocore names: its partition, and its own record when the region
    /// overrides some of the partition's outputs.
    regions: HashMap<String, (usize, Option<Val>)>,
    /// The `aws` partition: the answer for a region nothing matches.
    fallback: usize,
}

fn load() -> &'static Partitions {
    static LOADED: OnceLock<Partitions> = OnceLock::new();
    LOADED.get_or_init(|| {
        from_json(PARTITIONS_JSON).expect("models/partitions.json is botocore's and reads")
    })
}

fn from_json(text: &str) -> Result<Partitions, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut list = Vec::new();
    let mut regions = HashMap::new();
    let mut fallback = 0;
    for p in value["partitions"].as_array().ok_or("no partitions")? {
        let id = p["id"].as_str().ok_or("a partition without id")?;
        let mut outputs = p["outputs"].as_object().cloned().unwrap_or_default();
        outputs.insert("name".into(), Value::String(id.to_string()));
        for (region, facts) in p["regions"].as_object().into_iter().flatten() {
            let overrides: Vec<_> = facts
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, _)| *k != "description")
                .collect();
            let own = if overrides.is_empty() {
                None
            } else {
                let mut merged = outputs.clone();
                for (k, v) in overrides {
                    merged.insert(k.clone(), v.clone());
                }
                Some(Val::from_json(&Value::Object(merged)).ok_or("bad outputs")?)
            };
            regions.insert(region.clone(), (list.len(), own));
        }
        let pattern_text = p["regionRegex"].as_str().ok_or("no regionRegex")?;
        if id == "aws" {
            fallback = list.len();
        }
        list.push(Partition {
            pattern_text: pattern_text.to_string(),
            pattern: OnceLock::new(),
            outputs: Val::from_json(&Value::Object(outputs)).ok_or("bad outputs")?,
        });
    }
    if list.is_empty() {
        return Err("no partitions".into());
    }
    Ok(Partitions {
        list,
        regions,
        fallback,
    })
}

/// Every region botocore names, sorted (for completion).
pub fn region_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = load().regions.keys().map(String::as_str).collect();
    names.sort_unstable();
    names
}

/// The partition record of a region: a named region's own, else the first partition whose
/// pattern matches, else `aws`'s.
pub fn partition(region: &str) -> Val {
    let p = load();
    if let Some((index, own)) = p.regions.get(region) {
        return own.as_ref().unwrap_or(&p.list[*index].outputs).clone();
    }
    p.list
        .iter()
        .find(|part| part.matches(region))
        .unwrap_or(&p.list[p.fallback])
        .outputs
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(region: &str) -> String {
        partition(region)
            .field("name")
            .and_then(Val::as_str)
            .unwrap()
            .to_string()
    }

    #[test]
    fn every_partition_pattern_compiles() {
        for part in &load().list {
            assert!(
                regex_lite::Regex::new(&part.pattern_text).is_ok(),
                "{}",
                part.pattern_text
            );
        }
    }

    #[test]
    fn region_overrides_are_merged() {
        let text = r#"{"partitions": [{"id": "aws", "regionRegex": "^x$",
            "outputs": {"dnsSuffix": "a.com", "supportsFIPS": true},
            "regions": {"x-1": {"description": "X", "supportsFIPS": false}, "x-2": {}}}]}"#;
        let p = from_json(text).unwrap();
        let (_, own) = &p.regions["x-1"];
        let own = own.as_ref().unwrap();
        assert_eq!(own.field("supportsFIPS"), Some(&Val::Bool(false)));
        assert_eq!(own.field("name").and_then(Val::as_str), Some("aws"));
        assert_eq!(p.regions["x-2"].1, None);
    }

    #[test]
    fn regions_find_their_partition() {
        assert_eq!(name("us-east-1"), "aws");
        assert_eq!(name("cn-north-1"), "aws-cn");
        assert_eq!(name("us-gov-west-1"), "aws-us-gov");
        // Unknown but well-formed names go by pattern, anything else to aws.
        assert_eq!(name("cn-future-9"), "aws-cn");
        assert_eq!(name("us-isob-west-7"), "aws-iso-b");
        assert_eq!(name("mars-1"), "aws");
        let cn = partition("cn-north-1");
        assert_eq!(
            cn.field("dnsSuffix").and_then(Val::as_str),
            Some("amazonaws.com.cn")
        );
    }
}
