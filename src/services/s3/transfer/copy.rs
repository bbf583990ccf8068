//! Server-side copies: below the multipart threshold one CopyObject; at or above it (the only
//! way past CopyObject's 5 GiB) a multipart upload whose parts are UploadPartCopy of byte
//! ranges, up to `parts_per_object` at once in the engine's shared slots. A failed
//! multipart copy is aborted. Copies are not bandwidth-limited: their bytes never pass
//! through this machine.

use futures_util::{StreamExt, stream};

use super::upload::{Target, collect_parts};
use super::{Engine, ObjectClient};
use crate::error::Error;
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::ops::upload_part_copy::PartSource;

/// The object copied from; its size comes from the caller's HeadObject or listing.
#[derive(Debug, Clone, Copy)]
pub struct CopySource<'a> {
    pub bucket: &'a str,
    pub key: &'a str,
    pub size: u64,
}

impl<C: ObjectClient> Engine<'_, C> {
    pub async fn copy(&self, source: CopySource<'_>, target: Target<'_>) -> Result<(), Error> {
        self.progress.started(source.size);
        let result = self.copy_sized(source, target).await;
        self.progress.finished();
        result
    }

    async fn copy_sized(&self, source: CopySource<'_>, target: Target<'_>) -> Result<(), Error> {
        if source.size == 0 || source.size < self.config.multipart_threshold {
            // A copy holds no bytes here, but it is a request in flight like any other.
            let _slot = self.slot().await;
            self.client
                .copy_object(
                    source.bucket,
                    source.key,
                    target.bucket,
                    target.key,
                    target.attributes,
                )
                .await?;
            self.progress.advanced(source.size);
            return Ok(());
        }
        // CreateMultipartUpload starts from nothing, where CopyObject copies server-side: the
        // source's content headers and metadata are read and sent again, as the CLI v2 does
        // (`--copy-props default`). Its ETag pins the parts to this very version.
        let head = self.client.head_object(source.bucket, source.key).await?;
        let attributes = carried_over(target.attributes, head.content);
        let target = Target {
            attributes: &attributes,
            ..target
        };
        let part_size = self.config.upload_part_size(source.size);
        let count = source.size.div_ceil(part_size);
        // As s3transfer: a checksum algorithm only when the user asked for one.
        let checksum = attributes.checksum;
        let etag = head.etag.as_deref();
        self.multipart(target, checksum, async |upload_id| {
            let parts = stream::iter(1..=count)
                .map(|number| async move {
                    let _slot = self.slot().await;
                    let first = (number - 1) * part_size;
                    let last = (first + part_size).min(source.size) - 1;
                    let from = PartSource {
                        bucket: source.bucket,
                        key: source.key,
                        range: (first, last),
                        if_match: etag,
                    };
                    let part = self
                        .client
                        .upload_part_copy(
                            from,
                            target.bucket,
                            target.key,
                            upload_id,
                            number as u32,
                            checksum,
                        )
                        .await
                        .map_err(|e| changed_meanwhile(e, &source))?;
                    self.progress.advanced(last - first + 1);
                    Ok(part)
                })
                .buffer_unordered(self.config.parts_per_object);
            collect_parts(parts).await
        })
        .await
    }
}

/// The user's attributes, with every content header and the metadata they left unset taken
/// from the source (`source`, as HeadObject reported it).
fn carried_over(user: &Attributes, source: Attributes) -> Attributes {
    let mut out = user.clone();
    let pairs = [
        (&mut out.content_type, source.content_type),
        (&mut out.cache_control, source.cache_control),
        (&mut out.content_disposition, source.content_disposition),
        (&mut out.content_encoding, source.content_encoding),
        (&mut out.content_language, source.content_language),
        (&mut out.expires, source.expires),
    ];
    for (mine, theirs) in pairs {
        if mine.is_none() {
            *mine = theirs;
        }
    }
    if out.metadata.is_empty() {
        out.metadata = source.metadata;
    }
    out
}

/// s3transfer's wording when the source changed under a multipart copy (its ETag no longer
/// matches the one read first).
fn changed_meanwhile(error: Error, source: &CopySource<'_>) -> Error {
    match error {
        Error::Service(e) if e.code == "PreconditionFailed" => Error::General(format!(
            "Contents of stored object \"{}\" in bucket \"{}\" did not match expected ETag.",
            source.key, source.bucket
        )),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_user_sets_wins_and_the_rest_is_the_sources() {
        let user = Attributes {
            content_type: Some("text/plain".into()),
            ..Attributes::default()
        };
        let source = Attributes {
            content_type: Some("image/png".into()),
            cache_control: Some("max-age=60".into()),
            metadata: vec![("k".into(), "v".into())],
            ..Attributes::default()
        };
        let out = carried_over(&user, source);
        assert_eq!(out.content_type.as_deref(), Some("text/plain"));
        assert_eq!(out.cache_control.as_deref(), Some("max-age=60"));
        assert_eq!(out.metadata, vec![("k".to_string(), "v".to_string())]);
        let mine = Attributes {
            metadata: vec![("a".into(), "b".into())],
            ..Attributes::default()
        };
        let theirs = Attributes {
            metadata: vec![("k".into(), "v".into())],
            ..Attributes::default()
        };
        assert_eq!(carried_over(&mine, theirs).metadata, mine.metadata);
    }
}
