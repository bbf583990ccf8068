//! The AWS services awsctl speaks to: one folder per service, one file per API operation.

pub mod call;
pub mod iam;
pub mod paginate;
pub mod s3;
pub mod session;
pub mod sts;

pub use session::{ServiceMeta, Session};
