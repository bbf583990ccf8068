//! EC2 RunInstances.

use base64::Engine;
use serde_json::Value;

use super::{push_dry_run, shapes};
use crate::error::Error;
use crate::protocol::ec2::push_list;
use crate::services::Session;

pub const OPERATION: &str = "RunInstances";

#[derive(Debug, Default)]
pub struct TagSpecification {
    pub resource_type: Option<String>,
    pub tags: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub struct Input {
    pub image_id: Option<String>,
    pub instance_type: Option<String>,
    pub min_count: i64,
    pub max_count: i64,
    pub key_name: Option<String>,
    pub security_group_ids: Vec<String>,
    pub security_groups: Vec<String>,
    pub subnet_id: Option<String>,
    /// Raw bytes: encoded in base64 here, as botocore does for RunInstances.
    pub user_data: Option<Vec<u8>>,
    pub iam_instance_profile_arn: Option<String>,
    pub iam_instance_profile_name: Option<String>,
    pub tag_specifications: Vec<TagSpecification>,
    pub dry_run: bool,
}

impl Input {
    pub fn params(&self) -> Vec<(String, String)> {
        let mut p = Vec::new();
        let mut opt = |k: &str, v: &Option<String>| {
            if let Some(v) = v {
                p.push((k.to_string(), v.clone()));
            }
        };
        opt("ImageId", &self.image_id);
        opt("InstanceType", &self.instance_type);
        opt("KeyName", &self.key_name);
        opt("SubnetId", &self.subnet_id);
        opt("IamInstanceProfile.Arn", &self.iam_instance_profile_arn);
        opt("IamInstanceProfile.Name", &self.iam_instance_profile_name);
        p.push(("MinCount".into(), self.min_count.to_string()));
        p.push(("MaxCount".into(), self.max_count.to_string()));
        push_list(&mut p, "SecurityGroupId", &self.security_group_ids);
        push_list(&mut p, "SecurityGroup", &self.security_groups);
        if let Some(data) = &self.user_data {
            p.push((
                "UserData".into(),
                base64::engine::general_purpose::STANDARD.encode(data),
            ));
        }
        for (i, spec) in self.tag_specifications.iter().enumerate() {
            let prefix = format!("TagSpecification.{}", i + 1);
            if let Some(kind) = &spec.resource_type {
                p.push((format!("{prefix}.ResourceType"), kind.clone()));
            }
            for (j, (key, value)) in spec.tags.iter().enumerate() {
                p.push((format!("{prefix}.Tag.{}.Key", j + 1), key.clone()));
                p.push((format!("{prefix}.Tag.{}.Value", j + 1), value.clone()));
            }
        }
        push_dry_run(&mut p, self.dry_run);
        p
    }
}

pub async fn call(session: &Session<'_>, input: &Input) -> Result<Value, Error> {
    session
        .call_ec2(OPERATION, &input.params(), &shapes::RESERVATION)
        .await
}
