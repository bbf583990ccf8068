//! The decision logic: deny wins, allow, implicit deny, boundaries, Not* elements, variables,
//! matched statements and missing context values.

use super::*;
use crate::policy::ContextType;

fn policy(id: &str, text: &str) -> Policy {
    Policy::parse(id, text).unwrap()
}

fn decide(policies: &[Policy], boundary: &[Policy], action: &str, resource: &str) -> Evaluation {
    decide_in(policies, boundary, action, resource, &Context::default())
}

fn decide_in(
    policies: &[Policy],
    boundary: &[Policy],
    action: &str,
    resource: &str,
    context: &Context,
) -> Evaluation {
    evaluate(
        policies,
        boundary,
        &Request {
            action,
            resource,
            context,
        },
    )
}

const ALLOW_S3: &str = r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#;
const DENY_DELETE: &str =
    r#"{"Statement":{"Effect":"Deny","Action":"s3:Delete*","Resource":"arn:aws:s3:::prod/*"}}"#;

#[test]
fn explicit_deny_wins_over_allow() {
    let ps = [policy("a", ALLOW_S3), policy("d", DENY_DELETE)];
    let e = decide(&ps, &[], "s3:DeleteObject", "arn:aws:s3:::prod/k");
    assert_eq!(e.decision, Decision::ExplicitDeny);
    assert_eq!(e.matched.len(), 1);
    assert_eq!(e.matched[0].policy_id, "d", "only the deny is reported");
    let e = decide(&ps, &[], "s3:DeleteObject", "arn:aws:s3:::dev/k");
    assert_eq!(e.decision, Decision::Allowed);
    assert_eq!(e.matched[0].policy_id, "a");
}

#[test]
fn nothing_matching_is_an_implicit_deny() {
    let e = decide(&[policy("a", ALLOW_S3)], &[], "ec2:RunInstances", "*");
    assert_eq!(e.decision, Decision::ImplicitDeny);
    assert!(e.matched.is_empty());
    assert_eq!(
        decide(&[], &[], "s3:GetObject", "*").decision,
        Decision::ImplicitDeny
    );
}

#[test]
fn actions_ignore_case_and_resources_do_not() {
    let p = [policy(
        "p",
        r#"{"Statement":{"Effect":"Allow","Action":"S3:getobject","Resource":"arn:aws:s3:::Bucket/*"}}"#,
    )];
    assert_eq!(
        decide(&p, &[], "s3:GetObject", "arn:aws:s3:::Bucket/k").decision,
        Decision::Allowed
    );
    assert_eq!(
        decide(&p, &[], "s3:GetObject", "arn:aws:s3:::bucket/k").decision,
        Decision::ImplicitDeny
    );
}

#[test]
fn not_action_and_not_resource() {
    let p = [policy(
        "p",
        r#"{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"},
                         {"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::open/*"}]}"#,
    )];
    assert_eq!(
        decide(&p, &[], "iam:ListUsers", "*").decision,
        Decision::ImplicitDeny
    );
    assert_eq!(
        decide(&p, &[], "ec2:RunInstances", "*").decision,
        Decision::Allowed
    );
    assert_eq!(
        decide(&p, &[], "s3:GetObject", "arn:aws:s3:::open/k").decision,
        Decision::Allowed
    );
    assert_eq!(
        decide(&p, &[], "s3:GetObject", "arn:aws:s3:::secret/k").decision,
        Decision::ExplicitDeny
    );
}

#[test]
fn permissions_boundaries_cap_the_identity_policies() {
    let identity = [policy("id", ALLOW_S3)];
    let boundary = [policy(
        "PermissionsBoundaryPolicyInputList.1",
        r#"{"Statement":{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}}"#,
    )];
    let get = decide(&identity, &boundary, "s3:GetObject", "*");
    assert_eq!(
        (get.decision, get.allowed_by_boundary),
        (Decision::Allowed, Some(true))
    );
    let put = decide(&identity, &boundary, "s3:PutObject", "*");
    assert_eq!(
        (put.decision, put.allowed_by_boundary),
        (Decision::ImplicitDeny, Some(false))
    );
    // A boundary alone grants nothing.
    let none = decide(&[], &boundary, "s3:GetObject", "*");
    assert_eq!(none.decision, Decision::ImplicitDeny);
    // A deny in the boundary is an explicit deny.
    let deny = [policy("b", DENY_DELETE)];
    let e = decide(&identity, &deny, "s3:DeleteObject", "arn:aws:s3:::prod/x");
    assert_eq!(
        (e.decision, e.matched[0].policy_id.as_str()),
        (Decision::ExplicitDeny, "b")
    );
    assert_eq!(
        decide(&identity, &[], "s3:PutObject", "*").allowed_by_boundary,
        None
    );
}

#[test]
fn policy_variables_in_resources() {
    let p = [policy(
        "p",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}}"#,
    )];
    let mut bob = Context::default();
    bob.insert("aws:username", ContextType::String, vec!["bob".into()]);
    assert_eq!(
        decide_in(&p, &[], "s3:GetObject", "arn:aws:s3:::home/bob/x", &bob).decision,
        Decision::Allowed
    );
    assert_eq!(
        decide_in(&p, &[], "s3:GetObject", "arn:aws:s3:::home/eve/x", &bob).decision,
        Decision::ImplicitDeny
    );
    let e = decide(&p, &[], "s3:GetObject", "arn:aws:s3:::home/bob/x");
    assert_eq!(
        (e.decision, e.missing.clone()),
        (Decision::ImplicitDeny, vec!["aws:username".to_string()])
    );
}

#[test]
fn conditions_gate_statements_and_missing_keys_are_reported() {
    let p = [policy(
        "p",
        r#"{"Statement":[
            {"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},
            {"Effect":"Deny","Action":"ec2:Terminate*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}},
            {"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"x"}}}]}"#,
    )];
    let e = decide(&p, &[], "ec2:RunInstances", "*");
    assert_eq!(e.decision, Decision::ImplicitDeny);
    assert_eq!(
        e.missing,
        ["aws:SourceIp"],
        "s3:prefix is not asked for ec2 actions"
    );
    let mut inside = Context::default();
    inside.insert("aws:sourceip", ContextType::Ip, vec!["10.1.2.3".into()]);
    assert_eq!(
        decide_in(&p, &[], "ec2:RunInstances", "*", &inside).decision,
        Decision::Allowed
    );
    // Without the MFA key the IfExists deny applies (true when absent).
    let t = decide_in(&p, &[], "ec2:TerminateInstances", "*", &inside);
    assert_eq!(t.decision, Decision::ExplicitDeny);
    assert_eq!(t.missing, ["aws:MultiFactorAuthPresent"]);
    inside.insert(
        "aws:MultiFactorAuthPresent",
        ContextType::Boolean,
        vec!["true".into()],
    );
    let t = decide_in(&p, &[], "ec2:TerminateInstances", "*", &inside);
    assert_eq!((t.decision, t.missing.len()), (Decision::Allowed, 0));
}

#[test]
fn matched_statements_carry_their_positions() {
    let p = [policy(
        "PolicyInputList.1",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}"#,
    )];
    let mut ctx = Context::default();
    ctx.insert(
        "aws:CurrentTime",
        ContextType::Date,
        vec!["2019-04-25T11:00:00Z".into()],
    );
    let e = decide_in(&p, &[], "dynamodb:CreateBackup", "*", &ctx);
    assert_eq!(e.decision, Decision::Allowed);
    assert_eq!(
        (e.matched[0].span.start.column, e.matched[0].span.end.column),
        (38, 167)
    );
    ctx.insert(
        "aws:CurrentTime",
        ContextType::Date,
        vec!["2014-04-25T11:00:00Z".into()],
    );
    assert_eq!(
        decide_in(&p, &[], "dynamodb:CreateBackup", "*", &ctx).decision,
        Decision::ImplicitDeny
    );
}
