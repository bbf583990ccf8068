//! Local paths in transfers: made absolute against the current directory, and printed as the
//! CLI prints them (relative to the current directory, `./a.txt` for a file in it).

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
