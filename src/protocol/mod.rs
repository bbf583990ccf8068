//! Wire formats: the Query protocol (form POST + XML) for STS, EC2 and IAM, REST-XML for S3,
//! the JSON protocol (Service Quotas), with the XML tree, shapes and timestamps they share.

pub mod codec;
pub mod percent;
pub mod query;
pub mod rest_xml;
pub mod shape;
pub mod timestamp;
pub mod xml;
