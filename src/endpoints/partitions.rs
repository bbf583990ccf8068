//! `aws.partition`: which partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`, ...)
//! and that partition's facts (DNS suffixes, FIPS and dual-stack support), from botocore's
//! `partitions.json` (models/partitions.json, generated with the models). Read and its
//! region patterns compiled once, on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use super::value::Val;

const PARTITIONS_JSON: &str = include_str!("../../models/partitions.json");

struct Partition {
    pattern: regex_lite::Regex,
    outputs: Val,
}

struct Partitions {
    list: Vec<Partition>,
    /// Every region botocore names, with its partition's outputs (and any region overrides).
    regions: HashMap<String, Val>,
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
            let mut merged = outputs.clone();
            for (k, v) in facts.as_object().into_iter().flatten() {
                if k != "description" {
                    merged.insert(k.clone(), v.clone());
                }
            }
            let merged = Val::from_json(&Value::Object(merged)).ok_or("bad outputs")?;
            regions.insert(region.clone(), merged);
        }
        let pattern = p["regionRegex"].as_str().ok_or("no regionRegex")?;
        let pattern = regex_lite::Regex::new(pattern).map_err(|e| e.to_string())?;
        if id == "aws" {
            fallback = list.len();
        }
        list.push(Partition {
            pattern,
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

/// The partition record of a region: a named region's own, else the first partition whose
/// pattern matches, else `aws`'s.
pub fn partition(region: &str) -> Val {
    let p = load();
    if let Some(record) = p.regions.get(region) {
        return record.clone();
    }
    p.list
        .iter()
        .find(|part| part.pattern.is_match(region))
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
