//! Downloads: below the threshold one GetObject, above it ranged GETs in parallel, each range
//! written at its offset as its bytes arrive. A file download goes to a temporary file beside
//! the destination and is renamed into place only when its length, and its CRC32 when S3
//! stored one for the whole object, check out; on any failure the temporary file is removed.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use futures_util::{StreamExt, stream};

use super::range_writer::RangeWriter;
use super::{Engine, ObjectClient, checksum};
use crate::error::Error;

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

impl<C: ObjectClient> Engine<'_, C> {
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
    /// other processes; surviving a power cut is not promised. Bytes go to the file as they
    /// arrive, each range at its offset: memory does not grow with the object or the part.
    async fn download_into(&self, source: Source<'_>, temp: &Path) -> Result<File, Error> {
        let file = File::create(temp)?;
        let what = format!("s3://{}/{}", source.bucket, source.key);
        if source.size < self.config.multipart_threshold {
            let _slot = self.slot().await;
            self.bandwidth.take(source.size).await;
            self.again("GetObject", || async {
                let mut sink = RangeWriter::new(&file, 0, source.size, &what);
                let object = self
                    .client
                    .get_object(source.bucket, source.key, None, Some(&mut sink))
                    .await?;
                verify(
                    &source,
                    sink.written(),
                    || sink.crc32(),
                    object.crc32.as_deref(),
                )
            })
            .await?;
            self.progress.advanced(source.size);
            return Ok(file);
        }
        file.set_len(source.size)?;
        let part = self.config.download_part_size();
        let (file_ref, what) = (&file, what.as_str());
        let mut ranges = stream::iter((0..source.size).step_by(part as usize))
            .map(|offset| async move {
                let _slot = self.slot().await;
                let len = part.min(source.size - offset);
                // A range is asked for once its share of the bandwidth has passed.
                self.bandwidth.take(len).await;
                let crc = self
                    .fetch_range_into(&source, file_ref, offset, len, what)
                    .await?;
                self.progress.advanced(len);
                Ok::<_, Error>((offset, crc, len))
            })
            .buffer_unordered(self.config.parts_per_object);
        let mut crcs = Vec::new();
        while let Some(range) = ranges.next().await {
            crcs.push(range?);
        }
        drop(ranges);
        crcs.sort_by_key(|(offset, _, _)| *offset);
        let parts: Vec<(u32, u64)> = crcs.iter().map(|(_, crc, len)| (*crc, *len)).collect();
        let total = parts.iter().map(|(_, len)| len).sum();
        verify(&source, total, || checksum::combine(&parts), None)?;
        Ok(file)
    }

    /// Writes bytes `offset..offset + len` of the object into `file` at their place as they
    /// arrive; returns their CRC32. A cut body is resumed by the client from the last byte
    /// written; a fresh request (transfer-level retry) writes the range again from its start.
    /// A short body is an error, to be retried or reported.
    async fn fetch_range_into(
        &self,
        source: &Source<'_>,
        file: &File,
        offset: u64,
        len: u64,
        what: &str,
    ) -> Result<u32, Error> {
        let last = offset + len - 1;
        self.again("GetObject", || async {
            let mut sink = RangeWriter::new(file, offset, len, what);
            self.client
                .get_object(
                    source.bucket,
                    source.key,
                    Some((offset, last)),
                    Some(&mut sink),
                )
                .await?;
            if sink.written() != len {
                return Err(short(source, len, sink.written()));
            }
            Ok(sink.crc32())
        })
        .await
    }

    /// The `part` bytes of the object from `offset` (fewer for the last range), in memory, for
    /// a stream that must be written in order; checked to be complete.
    async fn fetch_range(
        &self,
        source: &Source<'_>,
        offset: u64,
        part: u64,
    ) -> Result<Vec<u8>, Error> {
        let last = (offset + part).min(source.size) - 1;
        let expected = last - offset + 1;
        self.bandwidth.take(expected).await;
        self.again("GetObject", || async {
            let object = self
                .client
                .get_object(source.bucket, source.key, Some((offset, last)), None)
                .await?;
            if object.body.len() as u64 != expected {
                return Err(short(source, expected, object.body.len() as u64));
            }
            Ok(object.body)
        })
        .await
    }

    /// The whole (small) object in one GetObject, in memory, checked: length and, when S3
    /// stored one, CRC32. A short body or a transient failure is asked for again.
    async fn fetch_whole(&self, source: &Source<'_>) -> Result<Vec<u8>, Error> {
        self.bandwidth.take(source.size).await;
        self.again("GetObject", || async {
            let object = self
                .client
                .get_object(source.bucket, source.key, None, None)
                .await?;
            verify(
                source,
                object.body.len() as u64,
                || crc32fast::hash(&object.body),
                object.crc32.as_deref(),
            )?;
            Ok(object.body)
        })
        .await
    }

    /// Writes the object to `out` in order (stdout): ranges are fetched concurrently but
    /// handed on in sequence, so at most `parts_per_object` ranges wait in memory.
    pub async fn download_to(&self, source: Source<'_>, out: &mut dyn Write) -> Result<(), Error> {
        if source.size < self.config.multipart_threshold {
            let body = self.fetch_whole(&source).await?;
            return Ok(out.write_all(&body)?);
        }
        let part = self.config.download_part_size();
        let mut ranges = stream::iter((0..source.size).step_by(part as usize))
            .map(|offset| self.fetch_range(&source, offset, part))
            .buffered(self.config.parts_per_object);
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
