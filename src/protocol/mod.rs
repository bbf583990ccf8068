//! Wire formats: the Query protocol (form POST + XML) for STS, EC2 and IAM, REST-XML for S3,
//! with the XML tree, shapes and timestamps they share.

pub mod query;
pub mod rest_xml;
pub mod shape;
pub mod timestamp;
pub mod xml;
