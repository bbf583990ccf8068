//! One file per S3 API operation: the request it sends and the typed result it reads.

pub mod create_bucket;
pub mod delete_bucket;
pub mod delete_object;
pub mod delete_objects;
pub mod head_bucket;
pub mod head_object;
pub mod list_buckets;
pub mod list_objects_v2;

use crate::error::Error;
use crate::protocol::xml::{self, Element};

/// The response document's root element.
fn parse_body(body: &[u8]) -> Result<Element, Error> {
    xml::parse(body).map_err(Error::InvalidResponse)
}

/// The text of a child element, if present.
fn text(element: &Element, name: &str) -> Option<String> {
    element.child(name).map(|e| e.text.clone())
}
