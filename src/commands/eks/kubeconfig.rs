//! A kubeconfig file as `eks update-kubeconfig` edits it: which file of `KUBECONFIG` to use,
//! loading it (a missing file is a new, empty config), the CLI's checks of its shape, entries
//! inserted or replaced by name, and the file written whole or not at all (mode 0600 when new).
//! Everything else in the file is kept; comments are not (the CLI's YAML loader drops them too).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::driver::yaml_input;

#[derive(Debug, thiserror::Error)]
pub enum KubeconfigError {
    #[error("Can't open kubeconfig for reading: {0}")]
    Read(std::io::Error),
    #[error("Can't open kubeconfig for writing: {0}")]
    Write(std::io::Error),
    #[error("Can't create directory for writing: {0}")]
    Directory(std::io::Error),
    #[error("YamlError while loading kubeconfig: {0}")]
    Yaml(String),
    #[error("{0}")]
    Corrupted(String),
}

pub struct Kubeconfig {
    pub path: PathBuf,
    pub content: Map<String, Value>,
}

/// What a new kubeconfig holds, in the CLI's order; also the type each key must have.
fn empty_content() -> Map<String, Value> {
    let Value::Object(map) = json!({
        "apiVersion": "v1",
        "clusters": [],
        "contexts": [],
        "current-context": "",
        "kind": "Config",
        "preferences": {},
        "users": [],
    }) else {
        unreachable!()
    };
    map
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Object(_) => "<class 'dict'>",
        Value::Array(_) => "<class 'list'>",
        Value::String(_) => "<class 'str'>",
        Value::Bool(_) => "<class 'bool'>",
        Value::Number(n) if n.is_f64() => "<class 'float'>",
        Value::Number(_) => "<class 'int'>",
        Value::Null => "<class 'NoneType'>",
    }
}

impl Kubeconfig {
    /// The file at `path`; a missing or empty file is a new config to write there.
    pub fn load(path: &Path) -> Result<Kubeconfig, KubeconfigError> {
        let content = match std::fs::read_to_string(path) {
            Ok(text) => yaml_input::parse(&text)
                .map_err(|_| KubeconfigError::Yaml(path.display().to_string()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Value::Null,
            Err(e) => return Err(KubeconfigError::Read(e)),
        };
        let content = match content {
            Value::Null => empty_content(),
            Value::Object(map) => map,
            _ => {
                return Err(KubeconfigError::Corrupted(
                    "Content not a <class 'dict'>.".into(),
                ));
            }
        };
        validate(&content)?;
        Ok(Kubeconfig {
            path: path.to_path_buf(),
            content,
        })
    }

    pub fn has_cluster(&self, name: &str) -> bool {
        self.entries("clusters")
            .iter()
            .any(|c| c.get("name").and_then(Value::as_str) == Some(name))
    }

    fn entries(&self, key: &str) -> &[Value] {
        self.content
            .get(key)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    /// Puts `entry` in the list at `key`, in place of the entry of the same name if any.
    pub fn insert_entry(&mut self, key: &str, entry: Value) {
        let slot = self.content.entry(key).or_insert(Value::Null);
        if !slot.is_array() {
            *slot = Value::Array(Vec::new());
        }
        let Value::Array(entries) = slot else {
            unreachable!()
        };
        let name = entry.get("name").cloned();
        match entries
            .iter()
            .position(|e| name.is_some() && e.get("name") == name.as_ref())
        {
            Some(i) => entries[i] = entry,
            None => entries.push(entry),
        }
    }

    pub fn dump(&self) -> String {
        crate::output::yaml_in_order(&Value::Object(self.content.clone()))
    }

    /// Writes the file whole (a temporary file renamed over it), creating its directory.
    pub fn write(&self) -> Result<(), KubeconfigError> {
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(KubeconfigError::Directory)?;
        }
        crate::fs::write_whole(&self.path, self.dump().as_bytes(), 0o600)
            .map_err(KubeconfigError::Write)
    }
}

/// The CLI's checks: each known key has the type a new config gives it (or is null), and the
/// lists hold mappings only.
fn validate(content: &Map<String, Value>) -> Result<(), KubeconfigError> {
    for (key, expected) in empty_content() {
        let Some(value) = content.get(&key).filter(|v| !v.is_null()) else {
            continue;
        };
        if std::mem::discriminant(value) != std::mem::discriminant(&expected) {
            return Err(KubeconfigError::Corrupted(format!(
                "{key} is wrong type: {} (Should be {})",
                type_name(value),
                type_name(&expected)
            )));
        }
        if let Value::Array(items) = value
            && items.iter().any(|i| !i.is_object())
        {
            return Err(KubeconfigError::Corrupted(format!(
                "Entry in {key} not a <class 'dict'>. "
            )));
        }
    }
    Ok(())
}

/// The files to consider: `--kubeconfig`, else each of `KUBECONFIG` (`:`-separated), else
/// `~/.kube/config`; each made absolute with `~` expanded.
pub fn candidate_paths(option: Option<&str>, env: Option<&str>, home: &Path) -> Vec<PathBuf> {
    let default = || home.join(".kube").join("config");
    let expand = |p: &str| -> PathBuf {
        let path = match p.strip_prefix("~/") {
            Some(rest) => home.join(rest),
            None if p == "~" => home.to_path_buf(),
            None => PathBuf::from(p),
        };
        std::path::absolute(&path).unwrap_or(path)
    };
    if let Some(path) = option {
        return vec![expand(path)];
    }
    let paths: Vec<PathBuf> = env
        .unwrap_or_default()
        .split(':')
        .filter(|p| !p.trim().is_empty())
        .map(expand)
        .collect();
    if paths.is_empty() {
        vec![default()]
    } else {
        paths
    }
}

/// The file that already has `cluster` (unreadable ones skipped), else the first one.
pub fn choose(paths: &[PathBuf], cluster: &str) -> Result<Kubeconfig, KubeconfigError> {
    for path in paths {
        if let Ok(config) = Kubeconfig::load(path)
            && config.has_cluster(cluster)
        {
            return Ok(config);
        }
    }
    Kubeconfig::load(&paths[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_replace_their_namesake_and_keep_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(
            &path,
            "apiVersion: v1\nclusters:\n- cluster:\n    server: https://old\n  name: c1\n- cluster:\n    server: https://other\n  name: c2\nkind: Config\nextra:\n  keep: me\n",
        )
        .unwrap();
        let mut config = Kubeconfig::load(&path).unwrap();
        assert!(config.has_cluster("c1") && !config.has_cluster("c3"));
        config.insert_entry(
            "clusters",
            json!({"cluster": {"server": "https://new"}, "name": "c1"}),
        );
        config.insert_entry("users", json!({"name": "u"}));
        assert_eq!(
            config.dump(),
            "apiVersion: v1\nclusters:\n- cluster:\n    server: https://new\n  name: c1\n- cluster:\n    server: https://other\n  name: c2\nkind: Config\nextra:\n  keep: me\nusers:\n- name: u\n"
        );
    }

    #[test]
    fn a_missing_file_is_a_new_config_and_a_bad_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let config = Kubeconfig::load(&dir.path().join("none")).unwrap();
        assert_eq!(
            config.dump(),
            "apiVersion: v1\nclusters: []\ncontexts: []\ncurrent-context: ''\nkind: Config\npreferences: {}\nusers: []\n"
        );
        let bad = dir.path().join("bad");
        std::fs::write(&bad, "clusters: nope\n").unwrap();
        assert_eq!(
            Kubeconfig::load(&bad).err().unwrap().to_string(),
            "clusters is wrong type: <class 'str'> (Should be <class 'list'>)"
        );
        std::fs::write(&bad, "users:\n- just-a-string\n").unwrap();
        assert!(Kubeconfig::load(&bad).is_err());
    }

    #[test]
    fn paths_come_from_the_option_then_kubeconfig_then_home() {
        let home = Path::new("/home/u");
        assert_eq!(
            candidate_paths(Some("~/k"), Some("/a:/b"), home),
            vec![PathBuf::from("/home/u/k")]
        );
        assert_eq!(
            candidate_paths(None, Some("/a::/b"), home),
            vec![PathBuf::from("/a"), PathBuf::from("/b")]
        );
        assert_eq!(
            candidate_paths(None, Some(""), home),
            vec![PathBuf::from("/home/u/.kube/config")]
        );
    }
}
