//! Writing files whole or not at all, the one place that does it: a temporary file in the
//! same directory, written and fsynced, renamed over the target, then (on Unix) the directory
//! fsynced so that the rename itself survives a crash. A reader sees the old file or the new
//! one, never half of one, and a failure leaves no temporary file behind. Files that hold
//! secrets get mode 0600, in a directory created with 0700 when missing; other files (a
//! streaming output's `outfile`) get the usual mode and need their directory; an edited
//! config file keeps the mode it had.

use std::fs::{self, DirBuilder, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub fn write_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    create_private_dir(directory(path))?;
    write_whole(path, contents, 0o600)
}

/// Creates `dir` and its missing parents, 0700 where files have Unix modes.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Opens a new file (never an existing one) for writing, created with `mode` less the umask
/// where files have Unix modes.
pub fn create_new(path: &Path, mode: u32) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    options.open(path)
}

/// A file's Unix permission bits. Where files have no such modes (Windows, whose access
/// lists awsctl does not read), 0o600: the file counts as private to its owner.
pub fn mode_of(metadata: &Metadata) -> u32 {
    #[cfg(unix)]
    {
        std::os::unix::fs::PermissionsExt::mode(&metadata.permissions())
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        0o600
    }
}

/// Sets an open file's Unix permission bits exactly (the umask aside); nothing elsewhere.
pub fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (file, mode);
        Ok(())
    }
}

/// Writes `contents` to `path` with `mode` (less the umask) through a temporary file beside
/// it, so that a reader never sees half a file and a failure leaves nothing behind.
pub fn write_whole(path: &Path, contents: &[u8], mode: u32) -> io::Result<()> {
    write_atomically(path, contents, Mode::LessUmask(mode))
}

/// As [`write_whole`], with exactly `mode` whatever the umask: a file rewritten in place keeps
/// the mode it had.
pub fn replace_with_mode(path: &Path, contents: &[u8], mode: u32) -> io::Result<()> {
    write_atomically(path, contents, Mode::Exact(mode))
}

/// The permission bits a written file gets.
#[derive(Clone, Copy)]
enum Mode {
    /// These bits less the umask, as for any new file.
    LessUmask(u32),
    /// These bits exactly; the temporary file is private until it has them.
    Exact(u32),
}

fn write_atomically(path: &Path, contents: &[u8], mode: Mode) -> io::Result<()> {
    let temporary = temporary_beside(path);
    let written = (|| {
        let mut file = match mode {
            Mode::LessUmask(mode) => create_new(&temporary, mode)?,
            Mode::Exact(mode) => {
                let file = create_new(&temporary, 0o600)?;
                set_mode(&file, mode)?;
                file
            }
        };
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written?;
    sync_directory(directory(path));
    Ok(())
}

/// A new name in `path`'s directory (the rename must not cross filesystems), unique to this
/// write so that two writers of one file never share a temporary file.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    directory(path).join(format!(".{name}.awsctl-{:016x}.tmp", rand::random::<u64>()))
}

/// Makes a rename in `dir` durable: it is one only once the directory entry is. A failure
/// changes nothing the caller could act on, so it is not reported. Unix only: elsewhere a
/// directory cannot be opened as a file, and the rename is durable as it is.
fn sync_directory(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn directory(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_is_replaced_whole_and_no_temporary_file_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        write_whole(&path, b"first", 0o644).unwrap();
        write_whole(&path, b"second", 0o644).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(names_in(dir.path()), ["config"]);
        // A failed write (the target is a directory) leaves the directory as it was.
        fs::create_dir(dir.path().join("taken")).unwrap();
        assert!(write_whole(&dir.path().join("taken"), b"x", 0o644).is_err());
        assert_eq!(names_in(dir.path()), ["config", "taken"]);
    }

    #[cfg(unix)]
    #[test]
    fn modes_are_private_less_the_umask_or_exact() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("private/credentials");
        write_private(&secret, b"s").unwrap();
        assert_eq!(mode_of(&fs::metadata(&secret).unwrap()) & 0o777, 0o600);
        let parent = fs::metadata(dir.path().join("private")).unwrap();
        assert_eq!(mode_of(&parent) & 0o777, 0o700);
        // Exact bits survive any umask (0o666 is never left whole by the usual 022).
        let kept = dir.path().join("kept");
        replace_with_mode(&kept, b"k", 0o666).unwrap();
        assert_eq!(mode_of(&fs::metadata(&kept).unwrap()) & 0o777, 0o666);
    }
}
