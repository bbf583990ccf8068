//! Downloads: below the threshold one GetObject, above it ranged GETs in parallel, each range
//! written at its offset. A file download goes to a temporary file beside the destination and
//! is renamed into place only when its length, and its CRC32 when S3 stored one for the whole
//! object, check out; on any failure the temporary file is removed.

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use futures_util::{StreamExt, stream};

use super::{Engine, checksum, retry};
use crate::error::Error;
use crate::services::s3::ops::get_object;

/// What is known of the object before its bytes are fetched (from HeadObject or a listing).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub bucket: &'a str,
    pub key: &'a str,
    pub size: u64,
    /// The stored CRC32 (`x-amz-checksum-crc32`), when known.
    pub crc32: Option<&'a str>,
    /// The object's LastModified: the downloaded file gets it as its modification time, as
    /// the CLI does (so that a later sync sees the two as the same).
    pub last_modified: Option<std::time::SystemTime>,
}

/// A hidden name beside `dest`, unique to this run, so that a partial file is never mistaken
/// for the real one and the final rename stays on one filesystem.
pub fn temp_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let tag = &uuid::Uuid::new_v4().simple().to_string()[..8];
    dest.with_file_name(format!(".{name}.{tag}.awsctl-part"))
}

impl Engine<'_> {
    /// Downloads the object to `dest` (parent directories created as needed).
    pub async fn download_file(&self, source: Source<'_>, dest: &Path) -> Result<(), Error> {
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let temp = temp_path(dest);
        self.unfinished.temp_created(&temp);
        self.progress.started(source.size);
        let result = self.download_into(source, &temp).await;
        self.progress.finished();
        let result = result.and_then(|file| {
            if let Some(time) = source.last_modified {
                file.set_modified(time)?;
            }
            drop(file);
            Ok(std::fs::rename(&temp, dest)?)
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        self.unfinished.temp_gone(&temp);
        result
    }

    /// Fills the temporary file and returns it open (its time is set through the handle). It
    /// is not fsync'ed, as neither the CLI nor s5cmd do: the rename makes it appear whole to
    /// other processes; surviving a power cut is not promised.
    async fn download_into(&self, source: Source<'_>, temp: &Path) -> Result<File, Error> {
        let file = File::create(temp)?;
        if source.size < self.config.multipart_threshold {
            let body = {
                let _slot = self.slot().await;
                self.fetch_whole(&source).await?
            };
            (&file).write_all(&body)?;
            self.progress.advanced(source.size);
            return Ok(file);
        }
        file.set_len(source.size)?;
        let ranges = self.ranged(source, |offset, body| {
            // One thread runs every future: nothing runs between this seek and write.
            (&file).seek(SeekFrom::Start(offset))?;
            (&file).write_all(body)?;
            self.progress.advanced(body.len() as u64);
            Ok(())
        });
        let mut crcs = ranges.await?;
        crcs.sort_by_key(|(offset, _, _)| *offset);
        let parts: Vec<(u32, u64)> = crcs.iter().map(|(_, crc, len)| (*crc, *len)).collect();
        let total = parts.iter().map(|(_, len)| len).sum();
        verify(&source, total, || checksum::combine(&parts), None)?;
        Ok(file)
    }

    /// Fetches the object in ranges, concurrently, handing each to `write` as it arrives;
    /// returns each range's offset, CRC32 and length.
    async fn ranged(
        &self,
        source: Source<'_>,
        write: impl Fn(u64, &[u8]) -> Result<(), Error>,
    ) -> Result<Vec<(u64, u32, u64)>, Error> {
        let part = self.config.download_part_size();
        let write = &write;
        let mut ranges = stream::iter((0..source.size).step_by(part as usize))
            .map(|offset| async move {
                let _slot = self.slot().await;
                let body = self.fetch_range(&source, offset, part).await?;
                write(offset, &body)?;
                Ok::<_, Error>((offset, crc32fast::hash(&body), body.len() as u64))
            })
            .buffer_unordered(self.config.max_concurrent_requests);
        let mut done = Vec::new();
        while let Some(range) = ranges.next().await {
            done.push(range?);
        }
        Ok(done)
    }

    /// The `part` bytes of the object from `offset` (fewer for the last range), checked to be
    /// complete: a short body is an error, to be retried or reported, never written.
    async fn fetch_range(
        &self,
        source: &Source<'_>,
        offset: u64,
        part: u64,
    ) -> Result<Vec<u8>, Error> {
        let last = (offset + part).min(source.size) - 1;
        let expected = last - offset + 1;
        let body = retry::again(self.session.log(), "GetObject", || async {
            let object = get_object::call(
                self.session,
                source.bucket,
                source.key,
                Some((offset, last)),
            )
            .await?;
            if object.body.len() as u64 != expected {
                return Err(short(source, expected, object.body.len() as u64));
            }
            Ok(object.body)
        })
        .await?;
        self.bandwidth.take(expected).await;
        Ok(body)
    }

    /// The whole (small) object in one GetObject, checked: length and, when S3 stored one,
    /// CRC32. A short body or a transient failure is asked for again with a fresh request.
    async fn fetch_whole(&self, source: &Source<'_>) -> Result<Vec<u8>, Error> {
        let body = retry::again(self.session.log(), "GetObject", || async {
            let object = get_object::call(self.session, source.bucket, source.key, None).await?;
            verify(
                source,
                object.body.len() as u64,
                || crc32fast::hash(&object.body),
                object.crc32.as_deref(),
            )?;
            Ok(object.body)
        })
        .await?;
        self.bandwidth.take(body.len() as u64).await;
        Ok(body)
    }

    /// Writes the object to `out` in order (stdout): ranges are fetched concurrently but
    /// handed on in sequence, so at most `max_concurrent_requests` ranges wait in memory.
    pub async fn download_to(&self, source: Source<'_>, out: &mut dyn Write) -> Result<(), Error> {
        if source.size < self.config.multipart_threshold {
            let body = self.fetch_whole(&source).await?;
            return Ok(out.write_all(&body)?);
        }
        let part = self.config.download_part_size();
        let mut ranges = stream::iter((0..source.size).step_by(part as usize))
            .map(|offset| self.fetch_range(&source, offset, part))
            .buffered(self.config.max_concurrent_requests);
        let mut parts = Vec::new();
        while let Some(body) = ranges.next().await {
            let body = body?;
            parts.push((crc32fast::hash(&body), body.len() as u64));
            out.write_all(&body)?;
        }
        let total = parts.iter().map(|(_, len)| len).sum();
        verify(&source, total, || checksum::combine(&parts), None)
    }
}

/// The length must be the object's; the CRC32 must match the whole object's stored one
/// (`response_crc` from this very response wins over the one HeadObject reported).
fn verify(
    source: &Source<'_>,
    length: u64,
    crc: impl FnOnce() -> u32,
    response_crc: Option<&str>,
) -> Result<(), Error> {
    if length != source.size {
        return Err(short(source, source.size, length));
    }
    let stored = checksum::full_object(response_crc).or(checksum::full_object(source.crc32));
    match stored {
        Some(expected) if checksum::encode(crc()) != expected => Err(Error::General(format!(
            "The CRC32 checksum of the downloaded s3://{}/{} does not match the one S3 stored ({expected}): the data was corrupted in transit",
            source.bucket, source.key
        ))),
        _ => Ok(()),
    }
}

fn short(source: &Source<'_>, expected: u64, got: u64) -> Error {
    Error::ShortBody(format!(
        "Received {got} bytes of s3://{}/{} where {expected} were expected",
        source.bucket, source.key
    ))
}
