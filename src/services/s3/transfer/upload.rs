//! Uploads: a file or a stream below the threshold in one PutObject, anything larger as a
//! multipart upload whose parts go concurrently; a failed multipart upload is aborted. A file's
//! bytes are read when they are sent (once before, for the checksum header) and read again for
//! a retry: no part is held in memory. A stream's parts are held, a bounded number at a time.

use std::path::Path;
use std::sync::Arc;

use futures_util::{StreamExt, stream};
use tokio::io::{AsyncRead, AsyncReadExt};

use super::checksum::Algorithm;
use super::{Engine, ObjectClient};
use crate::error::Error;
use crate::http::Body;
use crate::http::body::FileRange;
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::ops::head_object;
use crate::services::s3::ops::upload_part::CompletedPart;

/// Where an upload goes.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub bucket: &'a str,
    pub key: &'a str,
    pub attributes: &'a Attributes,
}

impl<C: ObjectClient> Engine<'_, C> {
    /// Uploads a local file.
    pub async fn upload_file(&self, path: &Path, target: Target<'_>) -> Result<(), Error> {
        let size = std::fs::metadata(path)?.len();
        self.progress.started(size);
        let result = self.upload_sized(path, size, target).await;
        self.progress.finished();
        result
    }

    async fn upload_sized(&self, path: &Path, size: u64, target: Target<'_>) -> Result<(), Error> {
        let path: Arc<Path> = path.into();
        let range = |offset: u64, len: u64| {
            Body::File(FileRange {
                path: path.clone(),
                offset,
                len,
                chunk: self.config.io_chunksize,
            })
        };
        if size == 0 || size < self.config.multipart_threshold {
            let _slot = self.slot().await;
            self.bandwidth.take(size).await;
            self.put(target, range(0, size)).await?;
            self.progress.advanced(size);
            return Ok(());
        }
        let part_size = self.config.upload_part_size(size);
        let count = size.div_ceil(part_size);
        let range = &range;
        self.multipart(
            target,
            Some(self.part_checksum(target)),
            async |upload_id| {
                let parts = stream::iter(1..=count)
                    .map(|number| async move {
                        let _slot = self.slot().await;
                        let offset = (number - 1) * part_size;
                        let body = range(offset, part_size.min(size - offset));
                        self.part(target, upload_id, number as u32, body).await
                    })
                    .buffer_unordered(self.config.parts_per_object);
                collect_parts(parts).await
            },
        )
        .await
    }

    /// Uploads what a stream (stdin) yields, of unknown size: one PutObject when it ends
    /// before the threshold, else parts of `multipart_chunksize` read one after another.
    pub async fn upload_stream(
        &self,
        reader: &mut (dyn AsyncRead + Unpin),
        target: Target<'_>,
        expected_size: Option<u64>,
    ) -> Result<(), Error> {
        let threshold = self.config.multipart_threshold.max(1);
        let first = read_up_to(reader, threshold).await?;
        if (first.len() as u64) < threshold {
            self.bandwidth.take(first.len() as u64).await;
            return self.put(target, first.into()).await;
        }
        // A stream's length is unknown: the part size is the configured one unless the
        // caller said how big it will be (`--expected-size`), then big enough for 10,000 parts.
        let part_size = self.config.upload_part_size(expected_size.unwrap_or(0));
        self.multipart(
            target,
            Some(self.part_checksum(target)),
            async move |upload_id| {
                // The bytes already read lead the stream; parts are cut from both in turn.
                let state = (first, reader, 0u32, false);
                let bodies = stream::unfold(
                    state,
                    move |(mut pending, reader, number, done)| async move {
                        if done {
                            return None;
                        }
                        if (pending.len() as u64) < part_size {
                            let more = part_size - pending.len() as u64;
                            match read_up_to(reader, more).await {
                                Ok(bytes) => pending.extend_from_slice(&bytes),
                                Err(e) => {
                                    return Some((Err(e), (Vec::new(), reader, number, true)));
                                }
                            }
                        }
                        if pending.is_empty() && number > 0 {
                            return None;
                        }
                        let rest = if pending.len() as u64 > part_size {
                            let rest = pending.split_off(part_size as usize);
                            // Else each part would keep the whole first read's allocation alive.
                            pending.shrink_to_fit();
                            rest
                        } else {
                            Vec::new()
                        };
                        let last = (pending.len() as u64) < part_size;
                        Some((Ok((number + 1, pending)), (rest, reader, number + 1, last)))
                    },
                );
                let parts = bodies
                    .map(|item| async move {
                        let (number, body) = item?;
                        self.part(target, upload_id, number, body.into()).await
                    })
                    .buffer_unordered(self.config.parts_per_object);
                collect_parts(parts).await
            },
        )
        .await
    }

    async fn part(
        &self,
        target: Target<'_>,
        upload_id: &str,
        number: u32,
        body: Body,
    ) -> Result<CompletedPart, Error> {
        let len = body.len();
        let algorithm = self.part_checksum(target);
        let checksum = algorithm.digest_body(&body)?;
        self.bandwidth.take(len).await;
        let part = self
            .again("UploadPart", || {
                self.client.upload_part(
                    target.bucket,
                    target.key,
                    upload_id,
                    number,
                    body.clone(),
                    (algorithm, checksum.clone()),
                )
            })
            .await?;
        self.progress.advanced(len);
        Ok(part)
    }

    /// One PutObject, asked again with a fresh request after a transient failure.
    async fn put(&self, target: Target<'_>, body: Body) -> Result<(), Error> {
        let checksum = self.part_checksum(target).digest_body(&body)?;
        self.again("PutObject", || {
            self.client.put_object(
                target.bucket,
                target.key,
                body.clone(),
                target.attributes,
                &checksum,
            )
        })
        .await
    }

    /// CompleteMultipartUpload, asked again after a transient failure. S3 may have completed
    /// the upload before its answer was lost: the next try then meets `NoSuchUpload`, and the
    /// object in place with a multipart ETag of as many parts is taken as this upload's.
    async fn complete(
        &self,
        target: Target<'_>,
        upload_id: &str,
        parts: &[CompletedPart],
    ) -> Result<(), Error> {
        let result = self
            .again("CompleteMultipartUpload", || {
                self.client
                    .complete_multipart_upload(target.bucket, target.key, upload_id, parts)
            })
            .await;
        match result {
            // S3 says NoSuchUpload; s3s-fs says AccessDenied.
            Err(Error::Service(e))
                if matches!(e.code.as_str(), "NoSuchUpload" | "AccessDenied") =>
            {
                let head = self.client.head_object(target.bucket, target.key).await;
                match head {
                    Ok(head) if is_this_upload(&head, parts) => {
                        self.session.log().log(
                            "awsctl.s3.transfer",
                            "CompleteMultipartUpload: the upload was completed by a try whose answer was lost",
                        );
                        Ok(())
                    }
                    _ => Err(Error::Service(e)),
                }
            }
            other => other,
        }
    }

    /// Uploaded parts always carry a checksum: `--checksum-algorithm`'s, else CRC32, as
    /// current SDKs send.
    fn part_checksum(&self, target: Target<'_>) -> Algorithm {
        target.attributes.checksum.unwrap_or_default()
    }

    /// Creates the upload (its parts checksummed with `checksum`, if given), runs `parts`,
    /// completes it; on any failure aborts it, so that no stored part is left behind to be
    /// billed.
    pub(super) async fn multipart(
        &self,
        target: Target<'_>,
        checksum: Option<Algorithm>,
        parts: impl AsyncFnOnce(&str) -> Result<Vec<CompletedPart>, Error>,
    ) -> Result<(), Error> {
        let upload_id = self
            .again("CreateMultipartUpload", || {
                self.client.create_multipart_upload(
                    target.bucket,
                    target.key,
                    target.attributes,
                    checksum,
                )
            })
            .await?;
        let id = upload_id.as_str();
        self.unfinished
            .upload_started(target.bucket, target.key, id);
        let result = match parts(id).await {
            Ok(parts) => self.complete(target, id, &parts).await,
            Err(e) => Err(e),
        };
        if result.is_err()
            && let Err(abort) = self
                .client
                .abort_multipart_upload(target.bucket, target.key, id)
                .await
        {
            self.session.log().log(
                "awsctl.s3.transfer",
                format_args!("Aborting the failed multipart upload failed too: {abort}"),
            );
        }
        self.unfinished.upload_ended(id);
        result
    }
}

/// Whether the object in place is the one these parts make: a multipart ETag of as many
/// parts, and, when S3 reports one, the CRC32 checksum of the parts' CRC32 checksums.
fn is_this_upload(head: &head_object::Head, parts: &[CompletedPart]) -> bool {
    let suffix = format!("-{}", parts.len());
    if !head
        .etag
        .as_deref()
        .is_some_and(|t| t.trim_matches('"').ends_with(&suffix))
    {
        return false;
    }
    let Some(stored) = head.crc32.as_deref() else {
        return true;
    };
    let mut joined = Vec::with_capacity(parts.len() * 4);
    for part in parts {
        let decoded = part.checksum.as_deref().and_then(|c| {
            base64::Engine::decode(&base64::engine::general_purpose::STANDARD, c).ok()
        });
        match decoded {
            Some(bytes) if part.algorithm == Algorithm::Crc32 => joined.extend(bytes),
            // Another algorithm: the ETag is all there is to go on.
            _ => return true,
        }
    }
    let expected = super::checksum::encode(crc32fast::hash(&joined));
    stored.split('-').next() == Some(expected.as_str())
}

/// Gathers finished parts in part-number order; the first failure ends the upload (the
/// parts still in flight are dropped, i.e. cancelled).
pub(super) async fn collect_parts(
    parts: impl stream::Stream<Item = Result<CompletedPart, Error>>,
) -> Result<Vec<CompletedPart>, Error> {
    let mut parts = std::pin::pin!(parts);
    let mut done = Vec::new();
    while let Some(part) = parts.next().await {
        done.push(part?);
    }
    done.sort_by_key(|p| p.number);
    Ok(done)
}

/// Up to `limit` bytes; fewer only at the end of the stream.
async fn read_up_to(reader: &mut (dyn AsyncRead + Unpin), limit: u64) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    reader.take(limit).read_to_end(&mut out).await?;
    Ok(out)
}
