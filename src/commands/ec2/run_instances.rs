//! `awsctl ec2 run-instances`: the CLI's `--count MIN[:MAX]`, user data taken as text or
//! `file://` / `fileb://` and base64-encoded, and shorthand or JSON for the structures.

use crate::cli::ec2::RunInstancesArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::params;
use crate::services::Session;
use crate::services::ec2::run_instances::{Input, OPERATION, TagSpecification, call};

/// `N` or `MIN:MAX`; anything else is the CLI's ValueError (exit 255).
fn count(value: Option<&str>) -> Result<(i64, i64), Error> {
    let Some(value) = value else {
        return Ok((1, 1));
    };
    let bad =
        || Error::General("count parameter should be of form min[:max] (e.g. 1 or 1:10)".into());
    let (min, max) = value.split_once(':').unwrap_or((value, value));
    Ok((
        min.trim().parse().map_err(|_| bad())?,
        max.trim().parse().map_err(|_| bad())?,
    ))
}

fn user_data(value: &str) -> Result<Vec<u8>, Error> {
    match value.strip_prefix("fileb://") {
        Some(path) => std::fs::read(path).map_err(|e| Error::ParamValidation {
            message: format!(
                "Error parsing parameter '--user-data': Unable to load paramfile {value}: {e}"
            ),
            usage: false,
        }),
        None => Ok(params::read_text("--user-data", value)?.into_bytes()),
    }
}

pub async fn run(args: &RunInstancesArgs, session: &Session<'_>) -> Result<Outcome, Error> {
    let (min_count, max_count) = count(args.count.as_deref())?;
    let profile = args
        .iam_instance_profile
        .as_deref()
        .map(|p| params::structure("--iam-instance-profile", p))
        .transpose()?;
    let field = |v: &Option<serde_json::Value>, k: &str| {
        v.as_ref().and_then(|v| v.get(k)).map(params::scalar_text)
    };
    let tag_specifications =
        params::structure_list("--tag-specifications", &args.tag_specifications)?
            .iter()
            .map(|spec| TagSpecification {
                resource_type: spec.get("ResourceType").map(params::scalar_text),
                tags: spec
                    .get("Tags")
                    .and_then(|t| t.as_array())
                    .map(|tags| {
                        tags.iter()
                            .map(|t| {
                                (
                                    t.get("Key").map(params::scalar_text).unwrap_or_default(),
                                    t.get("Value").map(params::scalar_text).unwrap_or_default(),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect();
    let input = Input {
        image_id: args.image_id.clone(),
        instance_type: args.instance_type.clone(),
        min_count,
        max_count,
        key_name: args.key_name.clone(),
        security_group_ids: args.security_group_ids.clone(),
        security_groups: args.security_groups.clone(),
        subnet_id: args.subnet_id.clone(),
        user_data: args.user_data.as_deref().map(user_data).transpose()?,
        iam_instance_profile_arn: field(&profile, "Arn"),
        iam_instance_profile_name: field(&profile, "Name"),
        tag_specifications,
        dry_run: args.dry_run.dry_run,
    };
    Ok(Outcome::Response {
        operation: OPERATION,
        value: call(session, &input).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_takes_n_or_min_max() {
        assert_eq!(count(None).unwrap(), (1, 1));
        assert_eq!(count(Some("3")).unwrap(), (3, 3));
        assert_eq!(count(Some("1:10")).unwrap(), (1, 10));
        assert_eq!(
            count(Some("x")).unwrap_err().to_string(),
            "count parameter should be of form min[:max] (e.g. 1 or 1:10)"
        );
    }
}
