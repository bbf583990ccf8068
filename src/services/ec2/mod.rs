//! Amazon EC2, on the EC2 flavour of the Query protocol.

pub mod run_instances;
pub mod shapes;

use super::ServiceMeta;
use crate::http::sign::SigningStyle;

pub const EC2: ServiceMeta = ServiceMeta {
    id: "EC2",
    endpoint_prefix: "ec2",
    signing_name: "ec2",
    style: SigningStyle::Standard,
};

/// `DryRun=true` when asked: EC2 checks permissions and answers DryRunOperation instead.
pub fn push_dry_run(params: &mut Vec<(String, String)>, dry_run: bool) {
    if dry_run {
        params.push(("DryRun".into(), "true".into()));
    }
}
