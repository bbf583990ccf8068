//! Writing files whole or not at all: a temporary file in the same directory, then a rename.
//! Files that hold secrets get mode 0600, in a directory created with 0700 when missing;
//! other files (a streaming output's `outfile`) get the usual mode and need their directory.

use std::fs::{self, DirBuilder, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

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
    let dir = directory(path);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = create_new(&temporary, mode)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

fn directory(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}
