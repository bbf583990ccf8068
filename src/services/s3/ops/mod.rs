//! One file per S3 API operation: the request it sends and the typed result it reads.

pub mod abort_multipart_upload;
pub mod attributes;
pub mod complete_multipart_upload;
pub mod copy_object;
pub mod create_bucket;
pub mod create_multipart_upload;
pub mod delete_bucket;
pub mod delete_object;
pub mod delete_objects;
pub mod get_object;
pub mod head_bucket;
pub mod head_object;
pub mod list_buckets;
pub mod list_objects_v2;
pub mod put_object;
pub mod upload_part;
pub mod upload_part_copy;

use crate::error::Error;
use crate::http::HttpResponse;
use crate::protocol::xml::{self, Element};

/// The response document's root element.
fn parse_body(body: &[u8]) -> Result<Element, Error> {
    xml::parse(body).map_err(Error::InvalidResponse)
}

/// The text of a child element, if present.
fn text(element: &Element, name: &str) -> Option<String> {
    element.child(name).map(|e| e.text.clone())
}

/// CopyObject, UploadPartCopy and CompleteMultipartUpload can fail after S3 has answered 200:
/// the error is then in the body.
fn error_in_body(response: &HttpResponse, operation: &'static str) -> Result<(), Error> {
    match xml::parse(&response.body) {
        Ok(root) if root.name == "Error" => {
            let mut error = crate::protocol::rest_xml::parse_error(response, operation);
            error.status = 200;
            Err(Error::Service(error))
        }
        _ => Ok(()),
    }
}
