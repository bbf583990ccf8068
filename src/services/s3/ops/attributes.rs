//! What an upload or copy says about the new object besides its bytes: content type, cache
//! control, user metadata and storage class, as request headers.

use crate::services::s3::S3Request;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    pub content_type: Option<String>,
    pub cache_control: Option<String>,
    /// User metadata, sent as `x-amz-meta-NAME` headers.
    pub metadata: Vec<(String, String)>,
    pub storage_class: Option<String>,
    /// For copies: `COPY` or `REPLACE` the source's metadata; unset, REPLACE when any of the
    /// above is given (as the CLI decides), else S3's default, COPY.
    pub metadata_directive: Option<String>,
}

impl Attributes {
    /// The `x-amz-metadata-directive` a copy sends, if any.
    pub fn metadata_directive(&self) -> Option<&str> {
        let replaces = self.content_type.is_some()
            || self.cache_control.is_some()
            || !self.metadata.is_empty();
        self.metadata_directive
            .as_deref()
            .or(replaces.then_some("REPLACE"))
    }

    pub fn apply<'a>(&self, mut request: S3Request<'a>) -> S3Request<'a> {
        if let Some(t) = &self.content_type {
            request = request.header("content-type", t);
        }
        if let Some(c) = &self.cache_control {
            request = request.header("cache-control", c);
        }
        for (name, value) in &self.metadata {
            request = request.header(&format!("x-amz-meta-{name}"), value);
        }
        if let Some(class) = &self.storage_class {
            request = request.header("x-amz-storage-class", class);
        }
        request
    }
}
