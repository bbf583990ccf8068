//! Writing files whole or not at all: a temporary file in the same directory, then a rename.
//! Files that hold secrets get mode 0600, in a directory created with 0700 when missing;
//! other files (a streaming output's `outfile`) get the usual mode and need their directory.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

pub fn write_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(directory(path))?;
    write_whole(path, contents, 0o600)
}

/// Writes `contents` to `path` with `mode` (less the umask) through a temporary file beside
/// it, so that a reader never sees half a file and a failure leaves nothing behind.
pub fn write_whole(path: &Path, contents: &[u8], mode: u32) -> io::Result<()> {
    let dir = directory(path);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&temporary)?;
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
