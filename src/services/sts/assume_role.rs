//! STS AssumeRole: temporary credentials for a role, signed with the caller's credentials.

use serde_json::Value;

use super::credentials_shape::{ASSUMED_ROLE_USER, CREDENTIALS};
use super::{STS, VERSION};
use crate::error::Error;
use crate::protocol::shape::{Member, Shape};
use crate::secret::Secret;
use crate::services::call::CallContext;

pub const OPERATION: &str = "AssumeRole";

pub static OUTPUT: Shape = Shape::Structure(&[
    Member::new("Credentials", &CREDENTIALS),
    Member::new("AssumedRoleUser", &ASSUMED_ROLE_USER),
    Member::new("PackedPolicySize", &Shape::Integer),
    Member::new("SourceIdentity", &Shape::String),
]);

/// The request's members, in the order the CLI's cache key needs them named.
#[derive(Debug, Default, Clone)]
pub struct Input {
    pub role_arn: String,
    pub role_session_name: String,
    pub external_id: Option<String>,
    pub serial_number: Option<String>,
    pub token_code: Option<Secret>,
    pub duration_seconds: Option<i64>,
    /// Session policies and tags (the `sts assume-role` command's; role profiles use none).
    pub policy: Option<String>,
    pub policy_arns: Vec<String>,
    pub tags: Vec<(String, String)>,
    pub transitive_tag_keys: Vec<String>,
    pub source_identity: Option<String>,
}

impl Input {
    pub fn params(&self) -> Vec<(String, String)> {
        let mut p = vec![
            ("RoleArn".to_string(), self.role_arn.clone()),
            (
                "RoleSessionName".to_string(),
                self.role_session_name.clone(),
            ),
        ];
        let optional = [
            ("ExternalId", self.external_id.clone()),
            ("SerialNumber", self.serial_number.clone()),
            (
                "TokenCode",
                self.token_code.as_ref().map(|c| c.expose().to_string()),
            ),
            (
                "DurationSeconds",
                self.duration_seconds.map(|d| d.to_string()),
            ),
        ];
        p.extend(
            optional
                .into_iter()
                .filter_map(|(k, v)| Some((k.to_string(), v?))),
        );
        // Query lists: `Name.member.N[.Field]`, numbered from 1.
        for (i, arn) in self.policy_arns.iter().enumerate() {
            p.push((format!("PolicyArns.member.{}.arn", i + 1), arn.clone()));
        }
        if let Some(policy) = &self.policy {
            p.push(("Policy".into(), policy.clone()));
        }
        for (i, (key, value)) in self.tags.iter().enumerate() {
            p.push((format!("Tags.member.{}.Key", i + 1), key.clone()));
            p.push((format!("Tags.member.{}.Value", i + 1), value.clone()));
        }
        for (i, key) in self.transitive_tag_keys.iter().enumerate() {
            p.push((format!("TransitiveTagKeys.member.{}", i + 1), key.clone()));
        }
        if let Some(identity) = &self.source_identity {
            p.push(("SourceIdentity".into(), identity.clone()));
        }
        p
    }
}

pub async fn call(ctx: &CallContext<'_>, input: &Input) -> Result<Value, Error> {
    ctx.query(&STS, VERSION, OPERATION, &input.params(), &OUTPUT)
        .await
}
