//! `~/.pypirc` as Python's `RawConfigParser` reads and writes it, for `codeartifact login
//! --tool twine`: sections in order, keys lower-cased, `key: value` or `key = value`,
//! indented continuation lines; comments are dropped, and it writes `key = value` with
//! continuation lines indented by a tab and a blank line after each section.

/// Sections in file order, each with its keys in order.
#[derive(Debug, Default, PartialEq)]
pub struct Pypirc {
    pub sections: Vec<(String, Vec<(String, String)>)>,
}

#[derive(Debug)]
pub struct Invalid;

impl Pypirc {
    pub fn parse(text: &str) -> Result<Pypirc, Invalid> {
        let mut out = Pypirc::default();
        let mut current: Option<(usize, usize)> = None; // (section, key) of the last value
        for line in text.lines() {
            let trimmed = line.trim();
            let indented = line.starts_with([' ', '\t']);
            if trimmed.is_empty() {
                // An empty line inside a value is kept by Python only when more follows;
                // .pypirc values never rely on it.
                continue;
            }
            if trimmed.starts_with('#') || trimmed.starts_with(';') {
                continue;
            }
            if indented && let Some((s, k)) = current {
                let value = &mut out.sections[s].1[k].1;
                value.push('\n');
                value.push_str(trimmed);
                continue;
            }
            if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
                out.sections.push((name.to_string(), Vec::new()));
                current = None;
                continue;
            }
            let split = line.find([':', '=']).ok_or(Invalid)?;
            let key = line[..split].trim().to_lowercase();
            let value = line[split + 1..].trim().to_string();
            let s = out.sections.len().checked_sub(1).ok_or(Invalid)?;
            let entries = &mut out.sections[s].1;
            match entries.iter().position(|(k, _)| *k == key) {
                Some(i) => {
                    entries[i].1 = value;
                    current = Some((s, i));
                }
                None => {
                    entries.push((key, value));
                    current = Some((s, entries.len() - 1));
                }
            }
        }
        Ok(out)
    }

    pub fn get(&self, section: &str, key: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|(s, _)| s == section)
            .and_then(|(_, keys)| keys.iter().find(|(k, _)| k == key))
            .map(|(_, v)| v.as_str())
    }

    pub fn set(&mut self, section: &str, key: &str, value: &str) {
        let s = match self.sections.iter().position(|(s, _)| s == section) {
            Some(s) => s,
            None => {
                self.sections.push((section.to_string(), Vec::new()));
                self.sections.len() - 1
            }
        };
        let entries = &mut self.sections[s].1;
        match entries.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = value.to_string(),
            None => entries.push((key.to_string(), value.to_string())),
        }
    }

    pub fn write(&self) -> String {
        let mut out = String::new();
        for (name, keys) in &self.sections {
            out.push_str(&format!("[{name}]\n"));
            for (key, value) in keys {
                out.push_str(&format!("{key} = {}\n", value.replace('\n', "\n\t")));
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_as_raw_config_parser_does() {
        let text = "[distutils]\nindex-servers=\n    pypi\n    private\n\n# note\n[Private]\nRepository: https://p\nusername = me\n";
        let rc = Pypirc::parse(text).unwrap();
        assert_eq!(
            rc.get("distutils", "index-servers"),
            Some("\npypi\nprivate")
        );
        assert_eq!(rc.get("Private", "repository"), Some("https://p"));
        assert_eq!(
            rc.write(),
            "[distutils]\nindex-servers = \n\tpypi\n\tprivate\n\n[Private]\nrepository = https://p\nusername = me\n\n"
        );
        assert!(Pypirc::parse("key = outside\n").is_err());
    }
}
