//! The files under a local directory, walked lazily in the order S3 lists keys: each
//! directory's names are sorted with a `/` after directory names (as the CLI's
//! `FileGenerator.list_files` does), so a depth-first walk yields relative paths in plain
//! byte order and can be merged with an S3 listing. Only the directories on the current path
//! are held in memory, never the whole tree.
//!
//! What cannot be uploaded is reported with the CLI's warning (naming the absolute path) and
//! left out: special files, names that vanished while walking, unreadable files and
//! directories, names that are not UTF-8. A link back to an ancestor directory is not followed
//! (it would loop); a link to any other directory is walked like a directory.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::commands::s3::format::safe;
use crate::commands::s3::paths::under::{dir_prefix, key_under};

/// One regular file found under the root.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// Absolute.
    pub path: PathBuf,
    /// The path below the root, `/`-separated: the key it maps to.
    pub key: String,
    pub size: u64,
    pub modified: SystemTime,
}

#[derive(Debug)]
pub enum Found {
    File(LocalFile),
    /// The CLI's `warning: Skipping file ...` line for what was left out.
    Skipped(String),
}

enum Pending {
    Dir(PathBuf, String),
    File(LocalFile),
    Skipped(String),
}

pub struct LocalTree {
    follow_symlinks: bool,
    /// The directories on the path being walked, innermost last.
    stack: Vec<Level>,
}

struct Level {
    entries: std::vec::IntoIter<Pending>,
    /// Its canonical path: a link back to an ancestor is not walked again.
    real: PathBuf,
}

impl LocalTree {
    /// The files under `root` (absolute); symbolic links are followed unless told otherwise.
    pub fn new(root: &Path, follow_symlinks: bool) -> LocalTree {
        let mut tree = LocalTree {
            follow_symlinks,
            stack: Vec::new(),
        };
        tree.enter(root, "", true);
        tree
    }

    /// Starts walking `dir`, unless it is an ancestor of itself (a link loop). A directory
    /// that cannot be read is reported instead, the root with its trailing separator as the
    /// CLI names it (a root that is a file does not exist as a directory).
    fn enter(&mut self, dir: &Path, key: &str, root: bool) {
        let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if self.stack.iter().any(|level| level.real == real) {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => self.sorted(entries, key),
            Err(e) => {
                let why = match e.kind() {
                    ErrorKind::NotFound | ErrorKind::NotADirectory => "File does not exist.",
                    _ => UNREADABLE,
                };
                let shown = match root {
                    true => PathBuf::from(format!("{}/", dir.display())),
                    false => dir.to_path_buf(),
                };
                vec![Pending::Skipped(skipped(&shown, why))]
            }
        };
        self.stack.push(Level {
            entries: entries.into_iter(),
            real,
        });
    }

    /// One directory's entries, sorted as S3 would list their keys.
    fn sorted(&self, entries: std::fs::ReadDir, key: &str) -> Vec<Pending> {
        let mut named: Vec<(String, Pending)> = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if !self.follow_symlinks && path.is_symlink() {
                continue;
            }
            // A name that is not UTF-8 has no faithful key: sent under a lossy one it could
            // overwrite another file's object (and `mv` would then delete both sources).
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                let name = entry.file_name().to_string_lossy().into_owned();
                named.push((name, Pending::Skipped(skipped(&path, NOT_UTF8))));
                continue;
            };
            // `key` is the directory's own key: empty at the root, else ending in `/`.
            let child = key_under(key, &name);
            let pending = match std::fs::metadata(&path) {
                Err(_) => Pending::Skipped(skipped(&path, "File does not exist.")),
                Ok(m) if m.is_dir() => {
                    named.push((format!("{name}/"), Pending::Dir(path, dir_prefix(&child))));
                    continue;
                }
                // As the CLI: a file that cannot be opened is skipped, not failed.
                Ok(m) if m.is_file() && std::fs::File::open(&path).is_err() => {
                    Pending::Skipped(skipped(&path, UNREADABLE))
                }
                Ok(m) if m.is_file() => Pending::File(LocalFile {
                    path,
                    key: child,
                    size: m.len(),
                    modified: m.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                }),
                Ok(_) => Pending::Skipped(skipped(&path, SPECIAL)),
            };
            named.push((name, pending));
        }
        named.sort_by(|a, b| a.0.cmp(&b.0));
        named.into_iter().map(|(_, pending)| pending).collect()
    }
}

impl Iterator for LocalTree {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            let top = self.stack.last_mut()?;
            match top.entries.next() {
                None => {
                    self.stack.pop();
                }
                Some(Pending::File(file)) => return Some(Found::File(file)),
                Some(Pending::Skipped(line)) => return Some(Found::Skipped(line)),
                Some(Pending::Dir(path, key)) => self.enter(&path, &key, false),
            }
        }
    }
}

const UNREADABLE: &str = "File/Directory is not readable.";
const NOT_UTF8: &str = "File name is not valid UTF-8, so it has no S3 key.";
const SPECIAL: &str = "File is character special device, block special device, FIFO, or socket.";

fn skipped(path: &Path, why: &str) -> String {
    format!(
        "warning: Skipping file {}. {why}",
        safe(&path.to_string_lossy())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(root: &Path) -> Vec<String> {
        LocalTree::new(root, true)
            .filter_map(|found| match found {
                Found::File(f) => Some(f.key),
                Found::Skipped(_) => None,
            })
            .collect()
    }

    #[test]
    fn files_come_in_the_order_s3_lists_keys() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in ["a-c", "a/b", "a/z/y", "a0", "b", "a.txt", "ä", "A"] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, file).unwrap();
        }
        let found = keys(root);
        let mut sorted = found.clone();
        sorted.sort();
        assert_eq!(found, sorted);
        assert_eq!(found, ["A", "a-c", "a.txt", "a/b", "a/z/y", "a0", "b", "ä"]);
    }

    #[test]
    #[cfg(unix)]
    fn a_link_to_a_sibling_is_walked_like_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("a")).unwrap();
        std::fs::write(root.join("a/f"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("b")).unwrap();
        assert_eq!(keys(root), ["a/f", "b/f"]);
    }

    #[test]
    #[cfg(unix)]
    fn names_that_are_not_utf8_are_skipped_with_a_warning() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [&b"x\xff"[..], b"x\xfe", b"ok"] {
            std::fs::write(root.join(std::ffi::OsStr::from_bytes(name)), name).unwrap();
        }
        let found: Vec<Found> = LocalTree::new(root, true).collect();
        let warnings = found
            .iter()
            .filter(|f| matches!(f, Found::Skipped(w) if w.ends_with(NOT_UTF8)))
            .count();
        assert_eq!((keys(root), warnings), (vec!["ok".to_string()], 2));
    }

    #[test]
    #[cfg(unix)]
    fn a_link_loop_is_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("d")).unwrap();
        std::fs::write(root.join("d/f"), "x").unwrap();
        std::os::unix::fs::symlink(root, root.join("d/loop")).unwrap();
        assert_eq!(keys(root), ["d/f"]);
        let unfollowed: Vec<_> = LocalTree::new(root, false).collect();
        assert_eq!(unfollowed.len(), 1);
    }
}
