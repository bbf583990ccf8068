//! Amazon S3 on the REST-XML protocol: the endpoint from S3's rules, the one send path every
//! operation uses, and one file per API operation under `ops/`.

pub mod addressing;
mod client;
pub mod endpoint;
pub mod ops;
pub mod redirect;
pub mod transfer;

pub use client::{DEFAULT_REGION, S3Request, region, send, send_into};

use super::ServiceMeta;
use crate::http::sign::SigningStyle;

pub const S3: ServiceMeta = ServiceMeta {
    id: "S3",
    endpoint_prefix: "s3",
    signing_name: "s3",
    style: SigningStyle::S3,
};
