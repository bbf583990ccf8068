//! Reads every service of a botocore data directory (the newest API version of each), merges
//! botocore's `*.sdk-extras.json` additions as botocore does, and writes per service a
//! compressed runtime model and a compressed documentation blob, plus the Rust catalog that
//! embeds them and botocore's `partitions.json` as it is. With `check`, writes nothing and
//! fails on any difference.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::{docs, layout, strip};

/// zstd's level: the highest of the normal range. Decompression speed barely depends on it.
const LEVEL: i32 = 19;
const CATALOG: &str = "src/model/catalog.rs";
const PARTITIONS: &str = "models/partitions.json";

pub fn run(data: &Path, root: &Path, check: bool) -> Result<(), String> {
    let mut outputs: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    let mut names = Vec::new();
    for service in service_dirs(data)? {
        let name = service
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or("a service directory name is not UTF-8")?
            .to_string();
        let Some(version) = newest_version(&service)? else {
            continue;
        };
        let (model, documentation) = process(&version)?;
        outputs.insert(
            root.join("models").join(format!("{name}.model.zst")),
            compress(&model)?,
        );
        let documentation = serde_json::to_vec(&documentation).map_err(|e| e.to_string())?;
        outputs.insert(
            root.join("models").join(format!("{name}.docs.json.zst")),
            compress(&documentation)?,
        );
        names.push(name);
    }
    outputs.insert(root.join(CATALOG), catalog(&names).into_bytes());
    // The partitions the endpoint rules' `aws.partition` reads, unchanged.
    let partitions = data.join("partitions.json");
    outputs.insert(
        root.join(PARTITIONS),
        fs::read(&partitions).map_err(|e| format!("{}: {e}", partitions.display()))?,
    );
    if check {
        compare(root, &outputs)
    } else {
        write(root, &outputs)?;
        eprintln!("xtask: {} services written", names.len());
        Ok(())
    }
}

fn service_dirs(data: &Path) -> Result<Vec<PathBuf>, String> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(data)
        .map_err(|e| format!("{}: {e}", data.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// API versions are dates (`2016-11-15`), so the newest sorts last.
fn newest_version(service: &Path) -> Result<Option<PathBuf>, String> {
    let mut versions: Vec<PathBuf> = fs::read_dir(service)
        .map_err(|e| format!("{}: {e}", service.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && p.join("service-2.json").exists() || gz(p, "service-2.json"))
        .collect();
    versions.sort();
    Ok(versions.pop())
}

fn gz(dir: &Path, name: &str) -> bool {
    dir.join(format!("{name}.gz")).exists()
}

/// A JSON file of the version directory, plain or gzipped, if it exists.
fn read_json(dir: &Path, name: &str) -> Result<Option<Value>, String> {
    let plain = dir.join(name);
    let zipped = dir.join(format!("{name}.gz"));
    let text = if plain.exists() {
        fs::read_to_string(&plain).map_err(|e| format!("{}: {e}", plain.display()))?
    } else if zipped.exists() {
        let file = fs::File::open(&zipped).map_err(|e| format!("{}: {e}", zipped.display()))?;
        let mut text = String::new();
        flate2::read::GzDecoder::new(file)
            .read_to_string(&mut text)
            .map_err(|e| format!("{}: {e}", zipped.display()))?;
        text
    } else {
        return Ok(None);
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| format!("{}: {e}", dir.join(name).display()))
}

/// A file with its `.sdk-extras.json` merged in, as botocore's loader does.
fn read_with_extras(dir: &Path, name: &str) -> Result<Option<Value>, String> {
    let Some(mut value) = read_json(dir, &format!("{name}.json"))? else {
        return Ok(None);
    };
    if let Some(extras) = read_json(dir, &format!("{name}.sdk-extras.json"))?
        && let Some(merge) = extras.get("merge")
    {
        deep_merge(&mut value, merge);
    }
    Ok(Some(value))
}

/// botocore's `merge_dicts`: objects merge key by key, anything else replaces.
fn deep_merge(base: &mut Value, extra: &Value) {
    match (base, extra) {
        (Value::Object(b), Value::Object(e)) => {
            for (k, v) in e {
                match b.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => {
                        deep_merge(existing, v)
                    }
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, e) => *b = e.clone(),
    }
}

/// The runtime model and the documentation of one API version.
fn process(version: &Path) -> Result<(Vec<u8>, Value), String> {
    let service = read_with_extras(version, "service-2")?
        .ok_or("no service-2.json in a version directory")?;
    let object = |key: &str| -> Map<String, Value> {
        service
            .get(key)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let operations: Map<String, Value> = object("operations")
        .iter()
        .map(|(k, v)| (k.clone(), strip::operation(v)))
        .collect();
    let shapes: Map<String, Value> = object("shapes")
        .iter()
        .map(|(k, v)| (k.clone(), strip::shape(v)))
        .collect();
    for name in operations.keys().chain(shapes.keys()) {
        // The runtime borrows names straight from the text: no escapes allowed.
        if name.contains(['\\', '"']) {
            return Err(format!(
                "{}: name {name:?} needs escaping",
                version.display()
            ));
        }
    }
    let paginators = read_with_extras(version, "paginators-1")?.map(|p| p["pagination"].clone());
    let waiters = read_with_extras(version, "waiters-2")?.map(|w| w["waiters"].clone());
    let rules = read_json(version, "endpoint-rule-set-1.json")?;
    let model = layout::write(
        &strip::metadata(&service["metadata"]),
        &operations,
        &shapes,
        paginators.as_ref(),
        waiters.as_ref(),
        rules.as_ref(),
    );
    let documentation = docs::extract(&json!({
        "documentation": service["documentation"],
        "operations": service["operations"],
        "shapes": service["shapes"],
    }));
    Ok((model, documentation))
}

fn compress(bytes: &[u8]) -> Result<Vec<u8>, String> {
    zstd::bulk::compress(bytes, LEVEL).map_err(|e| e.to_string())
}

fn catalog(names: &[String]) -> String {
    let mut out = String::from(
        "//! Generated by `cargo run -p xtask -- models` (scripts/gen-models.sh): do not edit.\n\
         //! Every service model awsctl embeds, sorted by botocore's service name.\n\n\
         use super::embedded::Embedded;\n\n\
         pub static SERVICES: &[Embedded] = &[\n",
    );
    for name in names {
        out.push_str(&format!(
            "    Embedded {{\n        name: {name:?},\n        \
             model: include_bytes!(\"../../models/{name}.model.zst\"),\n        \
             docs: include_bytes!(\"../../models/{name}.docs.json.zst\"),\n    }},\n"
        ));
    }
    out.push_str("];\n");
    out
}

fn generated_models(root: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = root.join("models");
    if !dir.exists() {
        return Ok(Vec::new());
    }
    Ok(fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".zst"))
        .collect())
}

fn write(root: &Path, outputs: &BTreeMap<PathBuf, Vec<u8>>) -> Result<(), String> {
    fs::create_dir_all(root.join("models")).map_err(|e| e.to_string())?;
    for stale in generated_models(root)? {
        if !outputs.contains_key(&stale) {
            fs::remove_file(&stale).map_err(|e| format!("{}: {e}", stale.display()))?;
        }
    }
    for (path, bytes) in outputs {
        if fs::read(path).ok().as_deref() != Some(bytes.as_slice()) {
            fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

fn compare(root: &Path, outputs: &BTreeMap<PathBuf, Vec<u8>>) -> Result<(), String> {
    let mut problems = Vec::new();
    for stale in generated_models(root)? {
        if !outputs.contains_key(&stale) {
            problems.push(format!(
                "{} is not generated from the models",
                stale.display()
            ));
        }
    }
    for (path, bytes) in outputs {
        match fs::read(path) {
            Ok(existing) if existing == *bytes => {}
            Ok(_) => problems.push(format!("{} differs", path.display())),
            Err(_) => problems.push(format!("{} is missing", path.display())),
        }
    }
    if problems.is_empty() {
        eprintln!("xtask: the committed models match botocore's");
        Ok(())
    } else {
        Err(format!(
            "the committed models are not what the generator gives:\n  {}",
            problems.join("\n  ")
        ))
    }
}
