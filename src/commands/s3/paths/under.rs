//! What lies under a directory or prefix, and where it lands on the other side: the one
//! place for these rules, which `cp`, `mv`, `sync` and `rm` all follow.
//!
//! - A key taken as a directory means everything below `key/`, never a sibling that merely
//!   starts with the same characters (`photos` is not a parent of `photos2024.txt`).
//! - A file or object is known by its key relative to that directory (`/`-separated), and
//!   lands at the same relative key under the destination prefix, or at the same relative
//!   path under the destination directory, never outside it.
//! - A single object or file sent to a destination that names a directory (an empty key, a
//!   key or path ending in `/`, an existing local directory) takes the source's name.

use std::path::{Path, PathBuf};

/// `key` as a directory prefix: `dir` lists `dir/...`, never `dirx`. An empty key (the whole
/// bucket) and a key already ending in `/` stay as they are.
pub fn dir_prefix(key: &str) -> String {
    if key.is_empty() || key.ends_with('/') {
        key.to_string()
    } else {
        format!("{key}/")
    }
}

/// The part of `key` below `prefix` (a [`dir_prefix`]), or `None` when the key is not under it.
pub fn relative_key<'k>(key: &'k str, prefix: &str) -> Option<&'k str> {
    key.strip_prefix(prefix)
}

/// The key that `relative` lands at under the destination key `dir`, taken as a directory.
pub fn key_under(dir: &str, relative: &str) -> String {
    format!("{}{relative}", dir_prefix(dir))
}

/// The local path that a relative key names under `root`, or `None` when it would leave
/// `root`: a `..` climbing above it (`../x`, `a/../../x`, a bare `..`), or a name that Windows
/// would read as absolute or as a drive. Empty and `.` segments are dropped. (The AWS CLI
/// skips such keys with a warning rather than write outside the destination.)
pub fn local_under(root: &Path, relative: &str) -> Option<PathBuf> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s if cfg!(windows) && (s.contains('\\') || s.contains(':')) => return None,
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        return None;
    }
    let mut path = root.to_path_buf();
    path.extend(parts);
    Some(path)
}

/// A key's name: what follows its last `/` (`a/b.txt` gives `b.txt`, `a/` gives nothing).
pub fn name(key: &str) -> &str {
    key.rsplit('/').next().unwrap_or_default()
}

/// Where a single object or file named `name` goes in S3 when sent to `dest` (a key, or a
/// whole `s3://` URI): a destination that names a directory (empty, or ending in `/`) takes
/// the name, any other is the key itself.
pub fn single_key(dest: &str, name: &str) -> String {
    if dest.is_empty() || dest.ends_with('/') {
        format!("{dest}{name}")
    } else {
        dest.to_string()
    }
}

/// Where a single object named `name` is downloaded when sent to `dest`: into it when it is an
/// existing directory or is written with a trailing `/`, else to `dest` itself.
pub fn single_local(dest: &Path, name: &str) -> PathBuf {
    if dest.is_dir() || dest.to_string_lossy().ends_with('/') {
        dest.join(name)
    } else {
        dest.to_path_buf()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Component;

    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_key_as_a_directory_never_reaches_its_siblings() {
        assert_eq!(dir_prefix(""), "");
        assert_eq!(dir_prefix("photos"), "photos/");
        assert_eq!(dir_prefix("photos/"), "photos/");
        let prefix = dir_prefix("photos");
        assert_eq!(relative_key("photos/a/b.jpg", &prefix), Some("a/b.jpg"));
        assert_eq!(relative_key("photos2024.txt", &prefix), None);
        assert_eq!(relative_key("photos-private/x", &prefix), None);
        assert_eq!(relative_key("anything", ""), Some("anything"));
    }

    #[test]
    fn relative_keys_land_under_the_destination_prefix() {
        assert_eq!(key_under("", "a/b"), "a/b");
        assert_eq!(key_under("backup", "a/b"), "backup/a/b");
        assert_eq!(key_under("backup/", "a/b"), "backup/a/b");
    }

    #[test]
    fn single_objects_take_their_name_into_a_directory() {
        assert_eq!(name("a/b/c.txt"), "c.txt");
        assert_eq!(name("c.txt"), "c.txt");
        assert_eq!(name("a/"), "");
        assert_eq!(single_key("", "c.txt"), "c.txt");
        assert_eq!(single_key("dir/", "c.txt"), "dir/c.txt");
        assert_eq!(single_key("renamed", "c.txt"), "renamed");
        assert_eq!(single_key("s3://b/d/", "k"), "s3://b/d/k");
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(single_local(dir.path(), "k"), dir.path().join("k"));
        let missing = dir.path().join("new");
        assert_eq!(single_local(&missing, "k"), missing);
        let slashed = PathBuf::from(format!("{}/", missing.display()));
        assert_eq!(single_local(&slashed, "k"), slashed.join("k"));
    }

    #[test]
    fn keys_cannot_leave_the_destination() {
        let root = Path::new("/dest");
        assert_eq!(
            local_under(root, "ok/fine.txt"),
            Some(PathBuf::from("/dest/ok/fine.txt"))
        );
        assert_eq!(
            local_under(root, "/abs/x"),
            Some(PathBuf::from("/dest/abs/x"))
        );
        assert_eq!(
            local_under(root, "a/./b//c"),
            Some(PathBuf::from("/dest/a/b/c"))
        );
        assert_eq!(local_under(root, "a/../b"), Some(PathBuf::from("/dest/b")));
        for bad in [
            "../evil.txt",
            "ok/../../evil2.txt",
            "..",
            "prefix/../..",
            "",
            "a/..",
        ] {
            assert_eq!(local_under(root, bad), None, "{bad}");
        }
    }

    proptest! {
        /// Whatever the key, the joined path stays strictly under the root.
        #[test]
        fn joined_paths_stay_inside(key in "[a./]{0,12}") {
            let root = Path::new("/dest");
            if let Some(path) = local_under(root, &key) {
                prop_assert!(path.starts_with(root) && path != root);
                prop_assert!(!path.components().any(|c| matches!(c, Component::ParentDir | Component::CurDir)));
            }
        }

        /// A relative key carried under a destination prefix reads back as itself, and a key
        /// read relative to a prefix and put back under it is the same key.
        #[test]
        fn relative_keys_round_trip(dir in "[ab/]{0,4}", relative in "[ab/.]{0,6}", key in "[ab/]{0,6}") {
            let prefix = dir_prefix(&dir);
            let landed = key_under(&dir, &relative);
            prop_assert_eq!(relative_key(&landed, &prefix), Some(relative.as_str()));
            if let Some(rel) = relative_key(&key, &prefix) {
                prop_assert_eq!(key_under(&dir, rel), key.clone());
            }
        }
    }
}
