//! The files under a local directory, walked lazily in the order S3 lists keys: each
//! directory's names are sorted with a `/` after directory names (as the CLI's
//! `FileGenerator.list_files` does), so a depth-first walk yields relative paths in plain
//! byte order and can be merged with an S3 listing. Only the directories on the current path
//! are held in memory, never the whole tree.
//!
//! What cannot be uploaded is reported with the CLI's warning (naming the absolute path) and
//! left out: special files, names that vanished while walking, unreadable directories. A
//! directory reached twice (a link to an ancestor) is walked once.

use std::collections::HashSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::format::safe;

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
    stack: Vec<std::vec::IntoIter<Pending>>,
    seen: HashSet<PathBuf>,
}

impl LocalTree {
    /// The files under `root` (absolute); symbolic links are followed unless told otherwise.
    pub fn new(root: &Path, follow_symlinks: bool) -> LocalTree {
        let mut tree = LocalTree {
            follow_symlinks,
            stack: Vec::new(),
            seen: HashSet::new(),
        };
        let first = tree.read(root, "");
        tree.stack.push(first.into_iter());
        tree
    }

    /// One directory's entries, sorted as S3 would list their keys.
    fn read(&mut self, dir: &Path, key: &str) -> Vec<Pending> {
        let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.seen.insert(real) {
            return Vec::new();
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            // The CLI names a directory with its trailing separator; a root that is a file
            // does not exist as a directory.
            Err(e) => {
                let why = match e.kind() {
                    ErrorKind::NotFound | ErrorKind::NotADirectory => "File does not exist.",
                    _ => UNREADABLE,
                };
                let shown = PathBuf::from(format!("{}/", dir.display()));
                return vec![Pending::Skipped(skipped(&shown, why))];
            }
        };
        let mut named: Vec<(String, Pending)> = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if !self.follow_symlinks && path.is_symlink() {
                continue;
            }
            let child = format!("{key}{name}");
            let pending = match std::fs::metadata(&path) {
                Err(_) => Pending::Skipped(skipped(&path, "File does not exist.")),
                Ok(m) if m.is_dir() => {
                    named.push((format!("{name}/"), Pending::Dir(path, format!("{child}/"))));
                    continue;
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
            match top.next() {
                None => {
                    self.stack.pop();
                }
                Some(Pending::File(file)) => return Some(Found::File(file)),
                Some(Pending::Skipped(line)) => return Some(Found::Skipped(line)),
                Some(Pending::Dir(path, key)) => {
                    let entries = self.read(&path, &key);
                    self.stack.push(entries.into_iter());
                }
            }
        }
    }
}

const UNREADABLE: &str = "File/Directory is not readable.";
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
