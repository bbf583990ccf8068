//! Writing an edit to disk: refuse values that would break the file, then replace the file
//! atomically (`crate::fs::replace_with_mode`: temporary file in the same directory, fsync,
//! rename, fsync of the directory) so that a crash or a full disk leaves either the old file
//! or the new one, never half of one. New files are 0600, existing files keep their mode, a
//! missing directory is created 0700. A symlinked config file is edited at its target; a
//! symlinked credentials file is refused.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Change, text};
use crate::error::ConfigFileError;

/// Applies `changes` to `section` of the file at `path`, creating the file (and its
/// directory) when missing. Returns the file's mode after the write.
pub fn update_file(path: &Path, section: &str, changes: &[Change]) -> Result<u32, ConfigFileError> {
    validate(section, changes)?;
    let target = resolve_symlink(path);
    let read_error = |source| ConfigFileError::Read {
        path: path.display().to_string(),
        source,
    };
    // Two `configure set` at once must not lose one's change: the read, edit and rename hold
    // an exclusive lock on the directory (the rename replaces the file, so the file itself
    // cannot carry the lock). Released when `_lock` is dropped.
    let _lock = lock_directory(&target).map_err(|source| ConfigFileError::Write {
        path: path.display().to_string(),
        source,
    })?;
    let existing = match fs::read(&target) {
        Ok(bytes) => {
            let mode = crate::fs::mode_of(&fs::metadata(&target).map_err(read_error)?);
            let text = String::from_utf8(bytes)
                .map_err(|e| read_error(io::Error::new(io::ErrorKind::InvalidData, e)))?;
            Some((text, mode))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(read_error(e)),
    };
    let old_text = existing.as_ref().map_or("", |(t, _)| t.as_str());
    let new_text = text::apply(old_text, section, changes);
    if let Some((text, mode)) = &existing
        && *text == new_text
    {
        return Ok(*mode);
    }
    let mode = existing.map_or(0o600, |(_, mode)| mode & 0o7777);
    // The directory exists: the lock above made it.
    crate::fs::replace_with_mode(&target, new_text.as_bytes(), mode).map_err(|source| {
        ConfigFileError::Write {
            path: path.display().to_string(),
            source,
        }
    })?;
    Ok(mode)
}

/// As [`update_file`], for the credentials file: a symbolic link there is refused rather
/// than written through (its target may be anywhere, with any mode: 0666 was seen).
pub fn update_secret_file(
    path: &Path,
    section: &str,
    changes: &[Change],
) -> Result<u32, ConfigFileError> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        let target = fs::read_link(path).map_or_else(|_| "?".into(), |t| t.display().to_string());
        return Err(ConfigFileError::SecretsThroughLink {
            path: path.display().to_string(),
            target,
        });
    }
    update_file(path, section, changes)
}

fn lock_directory(target: &Path) -> io::Result<fs::File> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::fs::create_private_dir(dir)?;
    // A directory can be opened and locked on Unix; elsewhere a lock file beside the config
    // file stands in for it.
    #[cfg(unix)]
    let handle = fs::File::open(dir)?;
    #[cfg(not(unix))]
    let handle = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".awsctl.lock"))?;
    handle.lock()?;
    Ok(handle)
}

/// v2's `warn_if_permissive` test: group or other may read or write the file.
pub fn is_permissive(mode: u32) -> bool {
    mode & 0o077 != 0
}

/// v2 refuses these before writing anything: a newline would end the line and start another
/// key or section. The value itself is never echoed (it may be a secret).
fn validate(section: &str, changes: &[Change]) -> Result<(), ConfigFileError> {
    let bad = |s: &str| s.contains(['\n', '\r']);
    if bad(section) {
        return Err(ConfigFileError::NewlineInSection(
            crate::output::python_repr(section),
        ));
    }
    for change in changes {
        let (sub_key, value) = match change {
            Change::Set { value, .. } => (None, Some(value)),
            Change::SetNested { sub_key, value, .. } => (Some(sub_key), Some(value)),
            Change::Remove { .. } => (None, None),
        };
        for key in std::iter::once(change.key()).chain(sub_key.map(String::as_str)) {
            if bad(key) {
                return Err(ConfigFileError::NewlineInKey(crate::output::python_repr(
                    key,
                )));
            }
        }
        if value.is_some_and(|v| bad(v)) {
            return Err(ConfigFileError::NewlineInValue(change.key().to_string()));
        }
    }
    Ok(())
}

/// A symlinked file (dotfiles kept in a repository) is edited where it points, so that the
/// rename replaces the target and not the link.
fn resolve_symlink(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}
