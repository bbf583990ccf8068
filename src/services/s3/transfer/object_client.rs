//! The seam between the transfer engine and S3: the S3 operations the engine uses, as one
//! trait. [`HttpObjectClient`] sends them over the session (the one `ops/` function each);
//! the unit tests put an in-memory fake and a failure-injecting wrapper behind the same trait
//! (`testing/`), so that upload, download, copy and their retries are tested in process.
//!
//! What an implementation promises is what S3 and the HTTP client give the engine today:
//! errors as `Error::Service` (with S3's code and status) or `Error::Transport`; a GetObject
//! whose `sink` is given hands the body to it chunk by chunk as it arrives (`Object::body`
//! then empty), and a body cut mid-way is either resumed into the sink where it stopped,
//! started again after `BodySink::restart`, or ended with a (retryable) error.

use crate::error::Error;
use crate::http::{Body, BodySink};
use crate::services::Session;
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::ops::get_object::{self, Object};
use crate::services::s3::ops::head_object::{self, Head};
use crate::services::s3::ops::upload_part::{self, CompletedPart};
use crate::services::s3::ops::upload_part_copy::{self, PartSource};
use crate::services::s3::ops::{
    abort_multipart_upload, complete_multipart_upload, copy_object, create_multipart_upload,
    put_object,
};
use crate::services::s3::transfer::checksum::Algorithm;

/// The S3 operations an upload, a download or a copy sends. The futures need not be `Send`:
/// the engine runs every transfer of a command on one thread (its counters are plain cells).
#[allow(async_fn_in_trait)]
pub trait ObjectClient {
    /// One object in one request; `checksum` is the header value of the body for the
    /// algorithm `attributes.checksum` names (CRC32 when unset).
    async fn put_object(
        &self,
        bucket: &str,
        key: &str,
        body: Body,
        attributes: &Attributes,
        checksum: &str,
    ) -> Result<(), Error>;

    /// Starts a multipart upload (its parts checksummed with `checksum`, if given); its id.
    async fn create_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        attributes: &Attributes,
        checksum: Option<Algorithm>,
    ) -> Result<String, Error>;

    /// One part, with its checksum (algorithm and header value).
    async fn upload_part(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        number: u32,
        body: Body,
        checksum: (Algorithm, String),
    ) -> Result<CompletedPart, Error>;

    async fn complete_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        parts: &[CompletedPart],
    ) -> Result<(), Error>;

    async fn abort_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
    ) -> Result<(), Error>;

    /// One part copied server-side from a byte range of another object; `algorithm` is the
    /// one the upload was created with, if any.
    async fn upload_part_copy(
        &self,
        source: PartSource<'_>,
        bucket: &str,
        key: &str,
        upload_id: &str,
        number: u32,
        algorithm: Option<Algorithm>,
    ) -> Result<CompletedPart, Error>;

    /// A server-side copy of one object (up to 5 GiB).
    async fn copy_object(
        &self,
        source_bucket: &str,
        source_key: &str,
        bucket: &str,
        key: &str,
        attributes: &Attributes,
    ) -> Result<(), Error>;

    /// Size, ETag, stored CRC32, content headers and metadata of an object.
    async fn head_object(&self, bucket: &str, key: &str) -> Result<Head, Error>;

    /// The whole object (with its stored CRC32) when `range` is `None`, else bytes
    /// `first..=last`; into `sink` as they arrive when one is given, else into `Object::body`.
    async fn get_object(
        &self,
        bucket: &str,
        key: &str,
        range: Option<(u64, u64)>,
        sink: Option<&mut dyn BodySink>,
    ) -> Result<Object, Error>;
}

/// The real S3: each operation sent over the session's HTTP client (endpoint rules, SigV4,
/// the client's retries and resumes, region redirects), as `ops/` writes and reads it.
#[derive(Clone, Copy)]
pub struct HttpObjectClient<'s> {
    session: &'s Session<'s>,
}

impl<'s> HttpObjectClient<'s> {
    pub fn new(session: &'s Session<'s>) -> HttpObjectClient<'s> {
        HttpObjectClient { session }
    }
}

impl ObjectClient for HttpObjectClient<'_> {
    async fn put_object(
        &self,
        bucket: &str,
        key: &str,
        body: Body,
        attributes: &Attributes,
        checksum: &str,
    ) -> Result<(), Error> {
        put_object::call(self.session, bucket, key, body, attributes, checksum).await
    }

    async fn create_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        attributes: &Attributes,
        checksum: Option<Algorithm>,
    ) -> Result<String, Error> {
        create_multipart_upload::call(self.session, bucket, key, attributes, checksum).await
    }

    async fn upload_part(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        number: u32,
        body: Body,
        checksum: (Algorithm, String),
    ) -> Result<CompletedPart, Error> {
        upload_part::call(self.session, bucket, key, upload_id, number, body, checksum).await
    }

    async fn complete_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        parts: &[CompletedPart],
    ) -> Result<(), Error> {
        complete_multipart_upload::call(self.session, bucket, key, upload_id, parts).await
    }

    async fn abort_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
    ) -> Result<(), Error> {
        abort_multipart_upload::call(self.session, bucket, key, upload_id).await
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
        upload_part_copy::call(
            self.session,
            source,
            bucket,
            key,
            upload_id,
            number,
            algorithm,
        )
        .await
    }

    async fn copy_object(
        &self,
        source_bucket: &str,
        source_key: &str,
        bucket: &str,
        key: &str,
        attributes: &Attributes,
    ) -> Result<(), Error> {
        copy_object::call(
            self.session,
            source_bucket,
            source_key,
            bucket,
            key,
            attributes,
        )
        .await
    }

    async fn head_object(&self, bucket: &str, key: &str) -> Result<Head, Error> {
        head_object::call(self.session, bucket, key, None).await
    }

    async fn get_object(
        &self,
        bucket: &str,
        key: &str,
        range: Option<(u64, u64)>,
        sink: Option<&mut dyn BodySink>,
    ) -> Result<Object, Error> {
        get_object::call_into(self.session, bucket, key, range, sink).await
    }
}
