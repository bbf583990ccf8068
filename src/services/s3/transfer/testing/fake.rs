//! A fake S3 in memory, for the transfer engine's unit tests only (compiled under `cfg(test)`).
//!
//! It is not a peer and replaces none: the commands and the HTTP level are tested against
//! s3s-fs and moto, with the fault proxy for broken connections (tests/s3_cp*.rs). It exists
//! because the engine's own logic (parts, ranges, checksums, aborts, transfer-level retries)
//! needs no peer: behind [`ObjectClient`] it is tested in process, quickly, with faults placed
//! exactly (faults.rs). It keeps the S3 behaviour the engine relies on:
//! - buckets of objects with ETags (a digest of the bytes, or for a multipart object the digest
//!   of the parts' digests with `-N`), content headers and metadata. Where S3 takes the MD5,
//!   the digest here is the CRC32 and the length: the engine reads no more of an ETag than
//!   its equality and the `-N`, and MD5 is slow in unoptimised test builds;
//! - checksums checked on upload (`BadDigest`) and stored; a CRC32 reported for whole-object
//!   reads as S3 reports it: the object's, or for a multipart object the CRC32 of its parts'
//!   CRC32s as `base64-N`;
//! - multipart uploads with S3's rules on completion (parts in order, known ETags and
//!   checksums, all but the last at least 5 MiB) and `NoSuchUpload` once one is gone; a part's
//!   checksum algorithm must be the upload's;
//! - UploadPartCopy with `x-amz-copy-source-if-match` (`PreconditionFailed`), CopyObject with
//!   its metadata directive, ranges clamped to the object as S3 clamps them.
//!
//! Every request yields to the runtime once, and a GetObject hands its body on in 64 KiB
//! chunks with a yield between them, so concurrent requests interleave as on a network; the
//! most requests carrying an object's bytes at once is recorded, and every call is logged.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use bytes::Bytes;

use super::error;
use crate::error::Error;
use crate::http::{Body, BodySink};
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::ops::get_object::Object;
use crate::services::s3::ops::head_object::Head;
use crate::services::s3::ops::upload_part::CompletedPart;
use crate::services::s3::ops::upload_part_copy::PartSource;
use crate::services::s3::ops::{
    abort_multipart_upload, complete_multipart_upload, copy_object, create_multipart_upload,
    get_object, head_object, put_object, upload_part, upload_part_copy,
};
use crate::services::s3::transfer::ObjectClient;
use crate::services::s3::transfer::checksum::Algorithm;
use crate::services::s3::transfer::config::MIN_PART;

/// How much of a GET body is handed on at a time.
const CHUNK: usize = 64 * 1024;
/// Every object's Last-Modified.
pub const LAST_MODIFIED: &str = "Thu, 03 Dec 2026 12:00:00 GMT";

/// An object as stored.
#[derive(Debug, Clone)]
pub struct StoredObject {
    pub data: Bytes,
    /// Quoted, as S3 sends it.
    pub etag: String,
    /// The stored checksum: the whole object's, or `value-N` for a multipart object.
    pub checksum: Option<(Algorithm, String)>,
    /// The content headers and user metadata.
    pub attributes: Attributes,
}

impl StoredObject {
    /// `x-amz-checksum-crc32`, when the object has a CRC32.
    pub fn crc32(&self) -> Option<String> {
        match &self.checksum {
            Some((Algorithm::Crc32, value)) => Some(value.clone()),
            _ => None,
        }
    }
}

/// One request as it reached the fake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub operation: &'static str,
    pub key: String,
    /// A GetObject's or an UploadPartCopy's byte range.
    pub range: Option<(u64, u64)>,
    pub part: Option<u32>,
    /// PutObject or UploadPart: the body was a file's range, read as it was sent.
    pub from_file: bool,
}

impl Call {
    fn new(operation: &'static str, key: &str) -> Call {
        Call {
            operation,
            key: key.to_string(),
            range: None,
            part: None,
            from_file: false,
        }
    }
}

struct Upload {
    bucket: String,
    key: String,
    attributes: Attributes,
    algorithm: Option<Algorithm>,
    parts: BTreeMap<u32, Part>,
}

struct Part {
    data: Bytes,
    digest: [u8; 16],
    checksum: Option<String>,
}

#[derive(Default)]
struct State {
    buckets: BTreeMap<String, BTreeMap<String, StoredObject>>,
    uploads: BTreeMap<String, Upload>,
    uploads_created: u64,
    calls: Vec<Call>,
    in_flight: usize,
    most_in_flight: usize,
}

/// The fake; clones share one store, so a test keeps one to look into while the engine owns
/// another.
#[derive(Clone, Default)]
pub struct FakeS3 {
    state: Rc<RefCell<State>>,
}

impl FakeS3 {
    /// A fake with these (empty) buckets.
    pub fn with_buckets(names: &[&str]) -> FakeS3 {
        let fake = FakeS3::default();
        for name in names {
            fake.state
                .borrow_mut()
                .buckets
                .insert(name.to_string(), BTreeMap::new());
        }
        fake
    }

    /// Stores an object as a PutObject would, with its CRC32 and these attributes.
    pub fn put(&self, bucket: &str, key: &str, data: &[u8], attributes: Attributes) {
        let object = StoredObject {
            data: Bytes::copy_from_slice(data),
            etag: etag(&digest(data)),
            checksum: Some((Algorithm::Crc32, Algorithm::Crc32.digest(data))),
            attributes,
        };
        self.store("PutObject", bucket, key, object)
            .expect("the bucket exists");
    }

    pub fn object(&self, bucket: &str, key: &str) -> Option<StoredObject> {
        self.state.borrow().buckets.get(bucket)?.get(key).cloned()
    }

    /// The multipart uploads neither completed nor aborted, as (bucket, key).
    pub fn open_uploads(&self) -> Vec<(String, String)> {
        let state = self.state.borrow();
        let uploads = state.uploads.values();
        uploads.map(|u| (u.bucket.clone(), u.key.clone())).collect()
    }

    pub fn calls(&self) -> Vec<Call> {
        self.state.borrow().calls.clone()
    }

    /// The calls of one operation, in the order they arrived.
    pub fn calls_of(&self, operation: &str) -> Vec<Call> {
        let calls = self.calls();
        calls
            .into_iter()
            .filter(|c| c.operation == operation)
            .collect()
    }

    /// The most requests carrying an object's bytes (PutObject, UploadPart, UploadPartCopy,
    /// CopyObject, GetObject) that were in flight at once.
    pub fn most_in_flight(&self) -> usize {
        self.state.borrow().most_in_flight
    }

    /// Logs the call and yields once; the guard counts the request in flight until dropped.
    async fn arrive(&self, call: Call, carries_bytes: bool) -> InFlight<'_> {
        {
            let mut state = self.state.borrow_mut();
            state.calls.push(call);
            if carries_bytes {
                state.in_flight += 1;
                state.most_in_flight = state.most_in_flight.max(state.in_flight);
            }
        }
        tokio::task::yield_now().await;
        InFlight {
            fake: self,
            counted: carries_bytes,
        }
    }

    fn store(
        &self,
        operation: &'static str,
        bucket: &str,
        key: &str,
        object: StoredObject,
    ) -> Result<(), Error> {
        let mut state = self.state.borrow_mut();
        let bucket = state
            .buckets
            .get_mut(bucket)
            .ok_or_else(|| error(operation, 404, "NoSuchBucket"))?;
        bucket.insert(key.to_string(), object);
        Ok(())
    }

    fn find(
        &self,
        operation: &'static str,
        bucket: &str,
        key: &str,
    ) -> Result<StoredObject, Error> {
        let state = self.state.borrow();
        let objects = state
            .buckets
            .get(bucket)
            .ok_or_else(|| error(operation, 404, "NoSuchBucket"))?;
        objects
            .get(key)
            .cloned()
            .ok_or_else(|| error(operation, 404, "NoSuchKey"))
    }

    /// The upload `id` of `bucket`/`key`, handed to `f`.
    fn with_upload<T>(
        &self,
        operation: &'static str,
        (bucket, key, id): (&str, &str, &str),
        f: impl FnOnce(&mut Upload) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut state = self.state.borrow_mut();
        match state.uploads.get_mut(id) {
            Some(upload) if upload.bucket == bucket && upload.key == key => f(upload),
            _ => Err(error(operation, 404, "NoSuchUpload")),
        }
    }
}

struct InFlight<'a> {
    fake: &'a FakeS3,
    counted: bool,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if self.counted {
            self.fake.state.borrow_mut().in_flight -= 1;
        }
    }
}

/// A body's bytes; a file's range is read now, as the HTTP client reads it when sending.
fn read_body(body: &Body) -> Result<Bytes, Error> {
    match body {
        Body::Bytes(bytes) => Ok(bytes.clone()),
        Body::File(range) => {
            let mut out = Vec::with_capacity(range.len as usize);
            range
                .read_each(|chunk| out.extend_from_slice(chunk))
                .map_err(|e| Error::General(e.to_string()))?;
            Ok(out.into())
        }
    }
}

fn with_body(mut call: Call, body: &Body) -> Call {
    call.from_file = matches!(body, Body::File(_));
    call
}

/// S3 checks a body against the checksum header it came with.
fn check(
    operation: &'static str,
    algorithm: Algorithm,
    data: &[u8],
    sent: &str,
) -> Result<(), Error> {
    if algorithm.digest(data) == sent {
        Ok(())
    } else {
        Err(error(operation, 400, "BadDigest"))
    }
}

/// What stands for an MD5 here: the CRC32 and the length.
fn digest(data: &[u8]) -> [u8; 16] {
    let mut out = [0; 16];
    out[..4].copy_from_slice(&crc32fast::hash(data).to_be_bytes());
    out[4..12].copy_from_slice(&(data.len() as u64).to_be_bytes());
    out
}

fn etag(digest: &[u8; 16]) -> String {
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// What a new object keeps of the attributes it was written with.
fn content_of(attributes: &Attributes) -> Attributes {
    Attributes {
        content_type: attributes.content_type.clone(),
        cache_control: attributes.cache_control.clone(),
        content_disposition: attributes.content_disposition.clone(),
        content_encoding: attributes.content_encoding.clone(),
        content_language: attributes.content_language.clone(),
        expires: attributes.expires.clone(),
        metadata: attributes.metadata.clone(),
        ..Attributes::default()
    }
}

/// The object that `parts` make of `upload`, by S3's rules for CompleteMultipartUpload.
fn assemble(upload: &Upload, parts: &[CompletedPart]) -> Result<StoredObject, Error> {
    let refuse = |code| error(complete_multipart_upload::OPERATION, 400, code);
    if parts.is_empty() {
        return Err(refuse("MalformedXML"));
    }
    if parts.windows(2).any(|w| w[0].number >= w[1].number) {
        return Err(refuse("InvalidPartOrder"));
    }
    let (mut data, mut digests, mut checksums) = (Vec::new(), Vec::new(), Vec::new());
    for (i, given) in parts.iter().enumerate() {
        let stored = upload
            .parts
            .get(&given.number)
            .filter(|p| etag(&p.digest) == given.etag)
            .ok_or_else(|| refuse("InvalidPart"))?;
        if upload.algorithm.is_some() && stored.checksum != given.checksum {
            return Err(refuse("InvalidPart"));
        }
        if i + 1 < parts.len() && (stored.data.len() as u64) < MIN_PART {
            return Err(refuse("EntityTooSmall"));
        }
        data.extend_from_slice(&stored.data);
        digests.extend_from_slice(&stored.digest);
        let raw = stored.checksum.as_deref().map(|c| {
            base64::Engine::decode(&base64::engine::general_purpose::STANDARD, c)
                .expect("stored checksums are base64")
        });
        checksums.extend(raw.unwrap_or_default());
    }
    let n = parts.len();
    let checksum = upload
        .algorithm
        .map(|a| (a, format!("{}-{n}", a.digest(&checksums))));
    let etag = etag(&digest(&digests));
    Ok(StoredObject {
        data: data.into(),
        etag: format!("{}-{n}\"", etag.trim_end_matches('"')),
        checksum,
        attributes: upload.attributes.clone(),
    })
}

impl ObjectClient for FakeS3 {
    async fn put_object(
        &self,
        bucket: &str,
        key: &str,
        body: Body,
        attributes: &Attributes,
        checksum: &str,
    ) -> Result<(), Error> {
        const OP: &str = put_object::OPERATION;
        let _in_flight = self
            .arrive(with_body(Call::new(OP, key), &body), true)
            .await;
        let data = read_body(&body)?;
        let algorithm = attributes.checksum.unwrap_or_default();
        check(OP, algorithm, &data, checksum)?;
        let object = StoredObject {
            etag: etag(&digest(&data)),
            checksum: Some((algorithm, checksum.to_string())),
            attributes: content_of(attributes),
            data,
        };
        self.store(OP, bucket, key, object)
    }

    async fn create_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        attributes: &Attributes,
        checksum: Option<Algorithm>,
    ) -> Result<String, Error> {
        const OP: &str = create_multipart_upload::OPERATION;
        let _in_flight = self.arrive(Call::new(OP, key), false).await;
        let mut state = self.state.borrow_mut();
        if !state.buckets.contains_key(bucket) {
            return Err(error(OP, 404, "NoSuchBucket"));
        }
        state.uploads_created += 1;
        let id = format!("fake-upload-{}", state.uploads_created);
        let upload = Upload {
            bucket: bucket.to_string(),
            key: key.to_string(),
            attributes: content_of(attributes),
            algorithm: checksum,
            parts: BTreeMap::new(),
        };
        state.uploads.insert(id.clone(), upload);
        Ok(id)
    }

    async fn upload_part(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        number: u32,
        body: Body,
        (algorithm, checksum): (Algorithm, String),
    ) -> Result<CompletedPart, Error> {
        const OP: &str = upload_part::OPERATION;
        let call = Call {
            part: Some(number),
            ..with_body(Call::new(OP, key), &body)
        };
        let _in_flight = self.arrive(call, true).await;
        let data = read_body(&body)?;
        check(OP, algorithm, &data, &checksum)?;
        let digest = digest(&data);
        self.with_upload(OP, (bucket, key, upload_id), |upload| {
            if upload.algorithm != Some(algorithm) || !(1..=10_000).contains(&number) {
                return Err(error(OP, 400, "InvalidRequest"));
            }
            let checksum = Some(checksum);
            let part = Part {
                data,
                digest,
                checksum: checksum.clone(),
            };
            upload.parts.insert(number, part);
            Ok(CompletedPart {
                number,
                etag: etag(&digest),
                algorithm,
                checksum,
            })
        })
    }

    async fn complete_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        parts: &[CompletedPart],
    ) -> Result<(), Error> {
        const OP: &str = complete_multipart_upload::OPERATION;
        let _in_flight = self.arrive(Call::new(OP, key), false).await;
        let object = self.with_upload(OP, (bucket, key, upload_id), |u| assemble(u, parts))?;
        self.state.borrow_mut().uploads.remove(upload_id);
        self.store(OP, bucket, key, object)
    }

    async fn abort_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
    ) -> Result<(), Error> {
        const OP: &str = abort_multipart_upload::OPERATION;
        let _in_flight = self.arrive(Call::new(OP, key), false).await;
        self.with_upload(OP, (bucket, key, upload_id), |_| Ok(()))?;
        self.state.borrow_mut().uploads.remove(upload_id);
        Ok(())
    }

    async fn upload_part_copy(
        &self,
        source: PartSource<'_>,
        bucket: &str,
        key: &str,
        upload_id: &str,
        number: u32,
        algorithm: Option<Algorithm>,
    ) -> Result<CompletedPart, Error> {
        const OP: &str = upload_part_copy::OPERATION;
        let call = Call {
            range: Some(source.range),
            part: Some(number),
            ..Call::new(OP, key)
        };
        let _in_flight = self.arrive(call, true).await;
        let object = self.find(OP, source.bucket, source.key)?;
        if source.if_match.is_some_and(|tag| tag != object.etag) {
            return Err(error(OP, 412, "PreconditionFailed"));
        }
        let (first, last) = source.range;
        if first > last || last >= object.data.len() as u64 {
            return Err(error(OP, 416, "InvalidRange"));
        }
        let data = object.data.slice(first as usize..=last as usize);
        let digest = digest(&data);
        self.with_upload(OP, (bucket, key, upload_id), |upload| {
            let checksum = upload.algorithm.map(|a| a.digest(&data));
            let part = Part {
                data,
                digest,
                checksum: checksum.clone(),
            };
            upload.parts.insert(number, part);
            Ok(CompletedPart {
                number,
                etag: etag(&digest),
                algorithm: algorithm.unwrap_or_default(),
                checksum,
            })
        })
    }

    async fn copy_object(
        &self,
        source_bucket: &str,
        source_key: &str,
        bucket: &str,
        key: &str,
        attributes: &Attributes,
    ) -> Result<(), Error> {
        const OP: &str = copy_object::OPERATION;
        let _in_flight = self.arrive(Call::new(OP, key), true).await;
        let source = self.find(OP, source_bucket, source_key)?;
        let kept = match attributes.metadata_directive() {
            Some("REPLACE") => content_of(attributes),
            _ => source.attributes,
        };
        // A new object of one part: its checksum is computed afresh, with the algorithm asked
        // for or else the source's.
        let algorithm = attributes.checksum.or(source.checksum.map(|(a, _)| a));
        let object = StoredObject {
            etag: etag(&digest(&source.data)),
            checksum: algorithm.map(|a| (a, a.digest(&source.data))),
            attributes: kept,
            data: source.data,
        };
        self.store(OP, bucket, key, object)
    }

    async fn head_object(&self, bucket: &str, key: &str) -> Result<Head, Error> {
        const OP: &str = head_object::OPERATION;
        let _in_flight = self.arrive(Call::new(OP, key), false).await;
        // A HEAD error has no body: its code is the status.
        let object = self
            .find(OP, bucket, key)
            .map_err(|_| error(OP, 404, "404"))?;
        Ok(Head {
            content_length: object.data.len() as u64,
            last_modified: Some(LAST_MODIFIED.to_string()),
            crc32: object.crc32(),
            etag: Some(object.etag),
            storage_class: None,
            restored: false,
            content: object.attributes,
        })
    }

    async fn get_object(
        &self,
        bucket: &str,
        key: &str,
        range: Option<(u64, u64)>,
        sink: Option<&mut dyn BodySink>,
    ) -> Result<Object, Error> {
        const OP: &str = get_object::OPERATION;
        let call = Call {
            range,
            ..Call::new(OP, key)
        };
        let _in_flight = self.arrive(call, true).await;
        let object = self.find(OP, bucket, key)?;
        let size = object.data.len() as u64;
        let body = match range {
            None => object.data.clone(),
            Some((first, _)) if first >= size => return Err(error(OP, 416, "InvalidRange")),
            Some((first, last)) => object
                .data
                .slice(first as usize..=last.min(size - 1) as usize),
        };
        let answer = Object {
            body: Vec::new(),
            // A range comes without the object's checksum.
            crc32: if range.is_none() {
                object.crc32()
            } else {
                None
            },
            last_modified: Some(LAST_MODIFIED.to_string()),
        };
        let Some(sink) = sink else {
            return Ok(Object {
                body: body.to_vec(),
                ..answer
            });
        };
        sink.expect(body.len() as u64);
        for chunk in body.chunks(CHUNK) {
            sink.write(chunk)?;
            tokio::task::yield_now().await;
        }
        Ok(answer)
    }
}
