//! Where a download's bytes go as they arrive: straight to their offset in the temporary file
//! (positioned writes, so that ranges in flight never disturb each other's file position),
//! with their CRC32 computed on the way. Nothing of a range is held in memory.

use std::fs::File;

use crate::error::Error;
use crate::http::BodySink;

/// One range of the file (the whole file for a small object): bytes `start..start + len`.
pub struct RangeWriter<'f> {
    file: &'f File,
    start: u64,
    len: u64,
    written: u64,
    crc: crc32fast::Hasher,
    /// `s3://bucket/key`, for the error when more arrives than the range holds.
    what: &'f str,
}

impl<'f> RangeWriter<'f> {
    pub fn new(file: &'f File, start: u64, len: u64, what: &'f str) -> RangeWriter<'f> {
        RangeWriter {
            file,
            start,
            len,
            written: 0,
            crc: crc32fast::Hasher::new(),
            what,
        }
    }

    /// How many bytes have been written.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// The CRC32 of the bytes written.
    pub fn crc32(&self) -> u32 {
        self.crc.clone().finalize()
    }
}

impl BodySink for RangeWriter<'_> {
    fn write(&mut self, chunk: &[u8]) -> Result<(), Error> {
        let after = self.written + chunk.len() as u64;
        if after > self.len {
            // The object changed since it was listed: asked for again (a fresh request), and
            // reported if it keeps happening.
            return Err(Error::ShortBody(format!(
                "Received more than {} bytes of {} where {} were expected",
                self.len, self.what, self.len
            )));
        }
        write_all_at(self.file, chunk, self.start + self.written)?;
        self.crc.update(chunk);
        self.written = after;
        Ok(())
    }

    fn restart(&mut self) {
        self.written = 0;
        self.crc = crc32fast::Hasher::new();
    }
}

#[cfg(unix)]
fn write_all_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(windows)]
fn write_all_at(file: &File, mut bytes: &[u8], mut offset: u64) -> std::io::Result<()> {
    // seek_write moves the file position too, which no other write here relies on.
    while !bytes.is_empty() {
        match std::os::windows::fs::FileExt::seek_write(file, bytes, offset) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => {
                bytes = &bytes[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn write_all_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    // One thread runs every future: nothing runs between this seek and write.
    let mut file = file;
    file.seek(SeekFrom::Start(offset))?;
    file.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_land_at_their_offsets_and_a_restart_rewrites_them() {
        let dir = tempfile::tempdir().unwrap();
        let file = File::create(dir.path().join("f")).unwrap();
        file.set_len(10).unwrap();
        let mut second = RangeWriter::new(&file, 5, 5, "s3://b/k");
        second.write(b"56").unwrap();
        second.restart();
        second.write(b"567").unwrap();
        second.write(b"89").unwrap();
        let mut first = RangeWriter::new(&file, 0, 5, "s3://b/k");
        first.write(b"01234").unwrap();
        assert_eq!(std::fs::read(dir.path().join("f")).unwrap(), b"0123456789");
        assert_eq!(second.written(), 5);
        assert_eq!(second.crc32(), crc32fast::hash(b"56789"));
        let error = first.write(b"x").unwrap_err();
        assert!(matches!(error, Error::ShortBody(_)), "{error}");
    }
}
