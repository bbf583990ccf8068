//! What an upload or copy says about the new object besides its bytes, as request headers:
//! content headers, user metadata, storage class, ACL and grants, server-side encryption, a
//! website redirect. PutObject, CreateMultipartUpload and CopyObject send them all, as the
//! CLI's RequestParamsMapper does.

use crate::services::s3::S3Request;
use crate::services::s3::transfer::checksum::Algorithm;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    pub content_type: Option<String>,
    pub cache_control: Option<String>,
    pub content_disposition: Option<String>,
    pub content_encoding: Option<String>,
    pub content_language: Option<String>,
    /// Already an HTTP date.
    pub expires: Option<String>,
    /// User metadata, sent as `x-amz-meta-NAME` headers.
    pub metadata: Vec<(String, String)>,
    pub storage_class: Option<String>,
    /// For copies: `COPY` or `REPLACE` the source's metadata; unset, REPLACE when new
    /// metadata is given (as the CLI decides), else S3's default, COPY.
    pub metadata_directive: Option<String>,
    /// A canned ACL (`x-amz-acl`).
    pub acl: Option<String>,
    /// `x-amz-grant-*` headers (`read`, `full-control`, `read-acp`, `write-acp`) and grantees.
    pub grants: Vec<(&'static str, String)>,
    /// `AES256`, `aws:kms` or `aws:kms:dsse`.
    pub sse: Option<String>,
    pub sse_kms_key_id: Option<String>,
    pub website_redirect: Option<String>,
    /// `--checksum-algorithm`: what uploads carry (unset, CRC32) and copies ask S3 to store.
    pub checksum: Option<Algorithm>,
}

impl Attributes {
    /// The `x-amz-metadata-directive` a copy sends, if any.
    /// As the CLI's `_auto_populate_metadata_directive`: only `--metadata` implies REPLACE.
    /// Content headers alone leave S3's COPY in force (so S3 keeps the source's), which is
    /// what the CLI's users get and what keeps the source's user metadata.
    pub fn metadata_directive(&self) -> Option<&str> {
        let replaces = !self.metadata.is_empty();
        self.metadata_directive
            .as_deref()
            .or(replaces.then_some("REPLACE"))
    }

    pub fn apply<'a>(&self, mut request: S3Request<'a>) -> S3Request<'a> {
        let headers = [
            ("content-type", &self.content_type),
            ("cache-control", &self.cache_control),
            ("content-disposition", &self.content_disposition),
            ("content-encoding", &self.content_encoding),
            ("content-language", &self.content_language),
            ("expires", &self.expires),
            ("x-amz-storage-class", &self.storage_class),
            ("x-amz-acl", &self.acl),
            ("x-amz-server-side-encryption", &self.sse),
            (
                "x-amz-server-side-encryption-aws-kms-key-id",
                &self.sse_kms_key_id,
            ),
            ("x-amz-website-redirect-location", &self.website_redirect),
        ];
        for (name, value) in headers {
            if let Some(value) = value {
                request = request.header(name, value);
            }
        }
        for (name, value) in &self.metadata {
            request = request.header(&format!("x-amz-meta-{name}"), value);
        }
        for (permission, grantee) in &self.grants {
            request = request.header(&format!("x-amz-grant-{permission}"), grantee);
        }
        request
    }
}
