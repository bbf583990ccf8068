//! The process environment as a value, so that settings and credential code never read it
//! behind the caller's back and every case can be tested with a made-up environment.

use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Clone, Default)]
pub struct Env {
    vars: HashMap<String, String>,
}

/// Names only: the environment holds secret keys and tokens.
impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<&String> = self.vars.keys().collect();
        names.sort();
        f.debug_struct("Env").field("names", &names).finish()
    }
}

impl Env {
    /// A snapshot of the real process environment (variables that are not valid UTF-8 are
    /// left out: no AWS setting can use them).
    pub fn from_process() -> Self {
        Self::from_pairs(
            std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))),
        )
    }

    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Env {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// The same environment without these variables.
    pub fn without(&self, names: &[&str]) -> Env {
        let mut vars = self.vars.clone();
        for name in names {
            vars.remove(*name);
        }
        Env { vars }
    }

    /// The value of a variable, treating an empty value as unset (as botocore does for the
    /// settings it reads: an empty `AWS_REGION` does not override the config file).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The value of a variable as set, empty included (where an empty value means something:
    /// `AWS_PAGER=` turns the pager off).
    pub fn get_raw(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// Whether the variable is present at all, even if empty.
    pub fn is_set(&self, name: &str) -> bool {
        self.vars.contains_key(name)
    }

    /// True when the variable holds `true` in any case, the CLI's rule for boolean variables.
    pub fn is_true(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The home directory: `HOME` first (so tests can point it at a temporary directory),
    /// then the platform's notion of it.
    pub fn home(&self) -> Option<PathBuf> {
        self.get("HOME").map(PathBuf::from).or_else(dirs::home_dir)
    }

    /// Expands a leading `~` or `~/` the way the CLI does for file-path settings.
    pub fn expand_tilde(&self, path: &str) -> PathBuf {
        match (path.strip_prefix('~'), self.home()) {
            (Some(""), Some(home)) => home,
            (Some(rest), Some(home)) if rest.starts_with('/') => home.join(&rest[1..]),
            _ => PathBuf::from(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_count_as_unset_but_present() {
        let env = Env::from_pairs([("AWS_REGION", ""), ("AWS_PROFILE", "dev")]);
        assert_eq!(env.get("AWS_REGION"), None);
        assert!(env.is_set("AWS_REGION"));
        assert_eq!(env.get("AWS_PROFILE"), Some("dev"));
    }

    #[test]
    fn tilde_expands_against_home() {
        let env = Env::from_pairs([("HOME", "/home/u")]);
        assert_eq!(
            env.expand_tilde("~/.aws/config"),
            PathBuf::from("/home/u/.aws/config")
        );
        assert_eq!(env.expand_tilde("~"), PathBuf::from("/home/u"));
        assert_eq!(env.expand_tilde("/etc/x"), PathBuf::from("/etc/x"));
        assert_eq!(env.expand_tilde("~other/x"), PathBuf::from("~other/x"));
    }

    #[test]
    fn booleans_follow_the_cli() {
        let env = Env::from_pairs([("A", "TRUE"), ("B", "1"), ("C", "false")]);
        assert!(env.is_true("A"));
        assert!(!env.is_true("B"));
        assert!(!env.is_true("C"));
        assert!(!env.is_true("D"));
    }
}
