//! Local paths in transfers: how the CLI prints them (relative to the current directory,
//! `./a.txt` for a file in it), and the guard that keeps a download inside its destination.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute against `cwd` and normalised lexically (`.` and `..` resolved
/// without touching the filesystem), as Python's `os.path.abspath`.
pub fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The CLI's `relative_path`: `os.path.join(os.path.relpath(dirname), basename)`, so a file
/// in the current directory prints as `./a.txt`, one below it as `sub/b.bin`.
pub fn display(path: &Path, cwd: &Path) -> String {
    let abs = absolute(path, cwd);
    let name = abs.file_name().map(|n| n.to_string_lossy().into_owned());
    let dir = abs.parent().unwrap_or(&abs);
    let base = absolute(Path::new("."), cwd);
    let dir = relative(dir, &base);
    match name {
        Some(name) => format!("{dir}/{name}"),
        None => dir,
    }
}

/// `os.path.relpath(path, start)` for absolute, normalised paths.
fn relative(path: &Path, start: &Path) -> String {
    let a: Vec<Component> = path.components().collect();
    let b: Vec<Component> = start.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".into(); b.len() - common];
    parts.extend(
        a[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// An OS error on a local file as the CLI (Python) words it:
/// `[Errno 13] Permission denied: '/abs/path'`.
pub fn os_error(e: &std::io::Error, path: &Path) -> String {
    let text = e.to_string();
    match e.raw_os_error() {
        Some(code) => {
            let message = text.split(" (os error").next().unwrap_or(&text);
            format!("[Errno {code}] {message}: '{}'", path.display())
        }
        None => text,
    }
}

/// The path under `root` that a key's relative part names, or `None` when it would leave
/// `root`: a `..` climbing above it (`../x`, `a/../../x`, a bare `..`), or a name that Windows
/// would read as absolute or as a drive. Empty and `.` segments are dropped.
pub fn contained_join(root: &Path, relative: &str) -> Option<PathBuf> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn paths_print_as_the_cli_prints_them() {
        let cwd = Path::new("/home/u/work");
        assert_eq!(display(Path::new("a.txt"), cwd), "./a.txt");
        assert_eq!(display(Path::new("./a.txt"), cwd), "./a.txt");
        assert_eq!(display(Path::new("d/sub/b.bin"), cwd), "d/sub/b.bin");
        assert_eq!(display(Path::new("../x/y"), cwd), "../x/y");
        assert_eq!(display(Path::new("/home/u/work/d/../e"), cwd), "./e");
        assert_eq!(display(Path::new("/tmp/f"), cwd), "../../../tmp/f");
    }

    #[test]
    fn keys_cannot_leave_the_destination() {
        let root = Path::new("/dest");
        assert_eq!(
            contained_join(root, "ok/fine.txt"),
            Some(PathBuf::from("/dest/ok/fine.txt"))
        );
        assert_eq!(
            contained_join(root, "/abs/x"),
            Some(PathBuf::from("/dest/abs/x"))
        );
        assert_eq!(
            contained_join(root, "a/./b//c"),
            Some(PathBuf::from("/dest/a/b/c"))
        );
        assert_eq!(
            contained_join(root, "a/../b"),
            Some(PathBuf::from("/dest/b"))
        );
        for bad in [
            "../evil.txt",
            "ok/../../evil2.txt",
            "..",
            "prefix/../..",
            "",
            "a/..",
        ] {
            assert_eq!(contained_join(root, bad), None, "{bad}");
        }
    }

    proptest! {
        /// Whatever the key, the joined path stays strictly under the root.
        #[test]
        fn joined_paths_stay_inside(key in "[a./]{0,12}") {
            let root = Path::new("/dest");
            if let Some(path) = contained_join(root, &key) {
                prop_assert!(path.starts_with(root) && path != root);
                prop_assert!(!path.components().any(|c| matches!(c, Component::ParentDir | Component::CurDir)));
            }
        }
    }
}
