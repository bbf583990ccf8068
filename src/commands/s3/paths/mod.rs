//! Where things are, for the s3 commands: S3 URIs on the command line (`uri`, with access
//! point ARNs as buckets in `arn`), local paths as the CLI resolves and prints them (`local`),
//! and the one set of rules for what lies under a directory or prefix (`under`): the part of a
//! key below a prefix, and the key or local path it lands at on the other side.

pub mod arn;
pub mod local;
pub mod under;
pub mod uri;
