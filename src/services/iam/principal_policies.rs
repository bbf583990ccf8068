//! The read calls `simulate-principal-policy --offline` makes to collect a principal's
//! policies: ListUserPolicies / GetUserPolicy, ListAttachedUserPolicies, ListGroupsForUser,
//! the group and role equivalents, GetPolicy / GetPolicyVersion for managed policies' default
//! versions, and GetUser / GetRole for permissions boundaries. Kept in one file, unlike the
//! other operations, because nothing else uses them yet and they share one walk.

use serde_json::Value;

use super::{all_pages, call, decode_document, shapes};
use crate::error::Error;
use crate::protocol::shape::Shape;
use crate::services::Session;

/// One of the principal's policies, by name, with its document.
#[derive(Debug, Clone)]
pub struct NamedPolicy {
    pub name: String,
    pub document: String,
}

/// What simulate-principal-policy evaluates: identity policies, and the permissions boundary.
#[derive(Debug, Default)]
pub struct PrincipalPolicies {
    pub policies: Vec<NamedPolicy>,
    pub boundary: Option<NamedPolicy>,
}

/// Which kind of principal an ARN names: `user`, `group` or `role`, and its name.
pub fn principal(arn: &str) -> Option<(&str, &str)> {
    let resource = arn.splitn(6, ':').nth(5)?;
    let (kind, path) = resource.split_once('/')?;
    let name = path.rsplit('/').next()?;
    matches!(kind, "user" | "group" | "role").then_some((kind, name))
}

pub async fn fetch(session: &Session<'_>, arn: &str) -> Result<PrincipalPolicies, Error> {
    let Some((kind, name)) = principal(arn) else {
        return Err(Error::Service(crate::error::ServiceError {
            code: "InvalidInput".into(),
            message: Some(format!(
                "Invalid ARN: {arn}. Expected a user, group or role ARN."
            )),
            operation: super::simulate::PRINCIPAL,
            status: 400,
            request_id: None,
            retries_exhausted: None,
            fields: Default::default(),
        }));
    };
    let mut out = PrincipalPolicies::default();
    match kind {
        "user" => {
            entity(session, &mut out.policies, Entity::User, name).await?;
            let groups = list(
                session,
                "ListGroupsForUser",
                &[("UserName", name)],
                &shapes::LIST_GROUPS_FOR_USER_RESPONSE,
                "Groups",
            )
            .await?;
            for group in &groups {
                let group = text(group, "GroupName");
                entity(session, &mut out.policies, Entity::Group, &group).await?;
            }
            let user = call(
                session,
                "GetUser",
                &[("UserName".into(), name.into())],
                &shapes::GET_USER_RESPONSE,
            )
            .await?;
            out.boundary = boundary(session, &user["User"]).await?;
        }
        "group" => entity(session, &mut out.policies, Entity::Group, name).await?,
        _ => {
            entity(session, &mut out.policies, Entity::Role, name).await?;
            let role = call(
                session,
                "GetRole",
                &[("RoleName".into(), name.into())],
                &shapes::GET_ROLE_RESPONSE,
            )
            .await?;
            out.boundary = boundary(session, &role["Role"]).await?;
        }
    }
    Ok(out)
}

/// The permissions boundary a user or role names, if any.
async fn boundary(session: &Session<'_>, entity: &Value) -> Result<Option<NamedPolicy>, Error> {
    match entity["PermissionsBoundary"]["PermissionsBoundaryArn"].as_str() {
        Some(arn) => Ok(Some(managed(session, arn).await?)),
        None => Ok(None),
    }
}

#[derive(Clone, Copy)]
enum Entity {
    User,
    Group,
    Role,
}

/// The entity's inline policies, then its attached managed policies.
async fn entity(
    session: &Session<'_>,
    out: &mut Vec<NamedPolicy>,
    entity: Entity,
    name: &str,
) -> Result<(), Error> {
    let (param, list_inline, get_inline, list_attached) = match entity {
        Entity::User => (
            "UserName",
            ("ListUserPolicies", &shapes::LIST_USER_POLICIES_RESPONSE),
            ("GetUserPolicy", &shapes::GET_USER_POLICY_RESPONSE),
            (
                "ListAttachedUserPolicies",
                &shapes::LIST_ATTACHED_USER_POLICIES_RESPONSE,
            ),
        ),
        Entity::Group => (
            "GroupName",
            ("ListGroupPolicies", &shapes::LIST_GROUP_POLICIES_RESPONSE),
            ("GetGroupPolicy", &shapes::GET_GROUP_POLICY_RESPONSE),
            (
                "ListAttachedGroupPolicies",
                &shapes::LIST_ATTACHED_GROUP_POLICIES_RESPONSE,
            ),
        ),
        Entity::Role => (
            "RoleName",
            ("ListRolePolicies", &shapes::LIST_ROLE_POLICIES_RESPONSE),
            ("GetRolePolicy", &shapes::GET_ROLE_POLICY_RESPONSE),
            (
                "ListAttachedRolePolicies",
                &shapes::LIST_ATTACHED_ROLE_POLICIES_RESPONSE,
            ),
        ),
    };
    let names = list(
        session,
        list_inline.0,
        &[(param, name)],
        list_inline.1,
        "PolicyNames",
    )
    .await?;
    for policy in names {
        let policy = policy.as_str().unwrap_or_default().to_string();
        let params = [
            (param.to_string(), name.to_string()),
            ("PolicyName".to_string(), policy.clone()),
        ];
        let response = call(session, get_inline.0, &params, get_inline.1).await?;
        out.push(NamedPolicy {
            name: policy,
            document: decode_document(&text(&response, "PolicyDocument")),
        });
    }
    let attached = list(
        session,
        list_attached.0,
        &[(param, name)],
        list_attached.1,
        "AttachedPolicies",
    )
    .await?;
    for policy in attached {
        out.push(managed(session, &text(&policy, "PolicyArn")).await?);
    }
    Ok(())
}

/// A managed policy's default version.
async fn managed(session: &Session<'_>, arn: &str) -> Result<NamedPolicy, Error> {
    let params = [("PolicyArn".to_string(), arn.to_string())];
    let policy = call(session, "GetPolicy", &params, &shapes::GET_POLICY_RESPONSE).await?;
    let version = text(&policy["Policy"], "DefaultVersionId");
    let mut params = params.to_vec();
    params.push(("VersionId".into(), version));
    let response = call(
        session,
        "GetPolicyVersion",
        &params,
        &shapes::GET_POLICY_VERSION_RESPONSE,
    )
    .await?;
    Ok(NamedPolicy {
        name: text(&policy["Policy"], "PolicyName"),
        document: decode_document(&text(&response["PolicyVersion"], "Document")),
    })
}

async fn list(
    session: &Session<'_>,
    operation: &'static str,
    params: &[(&str, &str)],
    output: &Shape,
    key: &str,
) -> Result<Vec<Value>, Error> {
    let params: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let all = all_pages(session, operation, &params, output, key).await?;
    Ok(match all.get(key) {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    })
}

fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principals_by_arn() {
        assert_eq!(
            principal("arn:aws:iam::1:user/alice"),
            Some(("user", "alice"))
        );
        assert_eq!(
            principal("arn:aws:iam::1:user/team/a/bob"),
            Some(("user", "bob"))
        );
        assert_eq!(principal("arn:aws:iam::1:role/r"), Some(("role", "r")));
        assert_eq!(principal("arn:aws:iam::1:policy/p"), None);
        assert_eq!(principal("bob"), None);
    }
}
