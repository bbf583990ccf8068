//! `--include` / `--exclude` as the CLI applies them (awscli/customizations/s3/filters.py):
//! each pattern is joined to the source's root (`bucket/prefix` for S3) and matched with
//! fnmatch against the object's full path; every object starts included and the last
//! pattern that matches decides. `rm`, `cp`, `mv` and `sync` use it.

mod fnmatch;

use std::path::Path;

use crate::cli::FilterKind;
use fnmatch::Pattern;

#[derive(Debug, Clone, Default)]
pub struct Filter {
    patterns: Vec<(FilterKind, Pattern)>,
}

impl Filter {
    /// Patterns in command-line order, evaluated under `root`.
    pub fn new(patterns: &[(FilterKind, String)], root: &str) -> Filter {
        Filter {
            patterns: patterns
                .iter()
                .map(|(kind, p)| (*kind, Pattern::new(&join(root, p))))
                .collect(),
        }
    }

    /// As the CLI builds it for every transfer command: each pattern is tried under the
    /// source's root, then under the destination's, and the last match decides, so one
    /// filter serves the files of both sides (a sync's destination listing included).
    pub fn both(patterns: &[(FilterKind, String)], src_root: &str, dest_root: &str) -> Filter {
        Filter {
            patterns: patterns
                .iter()
                .flat_map(|(kind, p)| {
                    [
                        (*kind, Pattern::new(&join(src_root, p))),
                        (*kind, Pattern::new(&join(dest_root, p))),
                    ]
                })
                .collect(),
        }
    }

    /// Whether the object at `path` (`bucket/key` for S3) is kept.
    pub fn includes(&self, path: &str) -> bool {
        self.patterns
            .iter()
            .rev()
            .find(|(_, p)| p.matches(path))
            .is_none_or(|(kind, _)| *kind == FilterKind::Include)
    }
}

/// The root an S3 source's patterns are joined to: `bucket/prefix` for a recursive
/// operation; for a single object, the "directory" the key is in.
pub fn s3_root(bucket: &str, key: &str, recursive: bool) -> String {
    let key = if recursive || key.ends_with('/') {
        key
    } else {
        key.rsplit_once('/').map_or("", |(dir, _)| dir)
    };
    format!("{bucket}/{key}")
}

/// The root a local directory's patterns are joined to: its path (absolute) and a `/`.
pub fn local_root(dir: &Path) -> String {
    format!("{}/", dir.display())
}

/// Python's `os.path.join(root, pattern)`: an absolute pattern replaces the root.
fn join(root: &str, pattern: &str) -> String {
    if pattern.starts_with('/') || root.is_empty() {
        pattern.to_string()
    } else if root.ends_with('/') {
        format!("{root}{pattern}")
    } else {
        format!("{root}/{pattern}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FilterKind::{Exclude, Include};
    use proptest::prelude::*;

    fn filter(patterns: &[(FilterKind, &str)], root: &str) -> Filter {
        let owned: Vec<_> = patterns.iter().map(|(k, p)| (*k, p.to_string())).collect();
        Filter::new(&owned, root)
    }

    #[test]
    fn the_documentation_examples() {
        // From the CLI's documentation of the s3 filters.
        let names = ["MyFile1.txt", "MyFile2.rtf", "MyFile88.txt", "1.txt"];
        let kept = |f: &Filter| -> Vec<&str> {
            names
                .iter()
                .copied()
                .filter(|n| f.includes(&format!("b/p/{n}")))
                .collect()
        };
        let f = filter(&[(Exclude, "*.txt")], "b/p/");
        assert_eq!(kept(&f), ["MyFile2.rtf"]);
        let f = filter(&[(Exclude, "*.txt"), (Include, "MyFile*.txt")], "b/p/");
        assert_eq!(kept(&f), ["MyFile1.txt", "MyFile2.rtf", "MyFile88.txt"]);
        let f = filter(
            &[
                (Exclude, "*.txt"),
                (Include, "MyFile*.txt"),
                (Exclude, "MyFile?.txt"),
            ],
            "b/p/",
        );
        assert_eq!(kept(&f), ["MyFile2.rtf", "MyFile88.txt"]);
    }

    #[test]
    fn patterns_are_relative_to_the_root() {
        let f = filter(&[(Exclude, "*"), (Include, "dir/*")], "b/pre");
        assert!(f.includes("b/pre/dir/x") && !f.includes("b/pre/x"));
        // The root is `bucket/prefix`: under `b/prefix/` neither pattern lines up.
        assert!(f.includes("b/prefix/x"));
        assert_eq!(s3_root("b", "dir/k", false), "b/dir");
        assert_eq!(s3_root("b", "k", false), "b/");
        assert_eq!(s3_root("b", "dir/", true), "b/dir/");
        assert_eq!(join("b/", "/abs"), "/abs");
        assert_eq!(local_root(Path::new("/home/u/d")), "/home/u/d/");
    }

    proptest! {
        /// With no patterns everything is kept; `--exclude '*'` drops everything under the
        /// root; a trailing `--include '*'` brings everything back.
        #[test]
        fn star_patterns(key in "\\PC{0,30}") {
            let path = format!("b/{key}");
            prop_assert!(filter(&[], "b/").includes(&path));
            prop_assert!(!filter(&[(Exclude, "*")], "b/").includes(&path));
            prop_assert!(filter(&[(Exclude, "*"), (Include, "*")], "b/").includes(&path));
        }

        /// Only the last matching pattern counts: appending a pattern that matches decides
        /// alone; appending one that does not match changes nothing.
        #[test]
        fn last_match_wins(
            key in "[a-c/.]{0,8}",
            patterns in proptest::collection::vec((any::<bool>(), "[a-c*?/.]{0,5}"), 0..6),
            last in (any::<bool>(), "[a-c*?/.]{0,5}"),
        ) {
            let kind = |include: bool| if include { Include } else { Exclude };
            let mut all: Vec<(FilterKind, String)> =
                patterns.iter().map(|(i, p)| (kind(*i), p.clone())).collect();
            let path = format!("b/{key}");
            let before = Filter::new(&all, "b/").includes(&path);
            all.push((kind(last.0), last.1.clone()));
            let after = Filter::new(&all, "b/").includes(&path);
            if Pattern::new(&join("b/", &last.1)).matches(&path) {
                prop_assert_eq!(after, last.0);
            } else {
                prop_assert_eq!(after, before);
            }
        }

        /// A pattern without metacharacters matches exactly itself.
        #[test]
        fn literals_match_only_themselves(a in "[a-z/.]{0,10}", b in "[a-z/.]{0,10}") {
            prop_assert_eq!(Pattern::new(&a).matches(&b), a == b);
        }
    }
}
