//! The output shapes AssumeRole and AssumeRoleWithWebIdentity share.

use crate::protocol::shape::{Member, Shape};

pub static CREDENTIALS: Shape = Shape::Structure(&[
    Member::new("AccessKeyId", &Shape::String),
    Member::new("SecretAccessKey", &Shape::String),
    Member::new("SessionToken", &Shape::String),
    Member::new("Expiration", &Shape::Timestamp),
]);

pub static ASSUMED_ROLE_USER: Shape = Shape::Structure(&[
    Member::new("AssumedRoleId", &Shape::String),
    Member::new("Arn", &Shape::String),
]);
