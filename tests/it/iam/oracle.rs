//! The oracle for `simulate-principal-policy --offline`: moto with authentication on enforces
//! IAM policies on real requests. For a set of users with inline, managed and group policies
//! (allows, denies, wildcards, NotAction), the offline verdict for each action must agree with
//! what moto does when that user makes the call.
//!
//! Limits of the oracle, from moto 5.2.5's `iam/access_control.py`: it matches actions
//! case-sensitively (IAM does not), checks every request against the resource `*`, treats a
//! failed condition as a deny and ignores NotResource and permissions boundaries. The cases
//! below stay inside what it models faithfully; the rest is covered by the unit tests of
//! `src/policy/`.

use crate::common;

use common::{ALLOW_ALL_POLICY, Moto, Output, TestContext};

const ACCOUNT: &str = "123456789012";

/// Each action with the awsctl command that performs it.
const ACTIONS: &[(&str, &[&str])] = &[
    ("sts:GetSessionToken", &["sts", "get-session-token"]),
    (
        "ec2:RunInstances",
        &[
            "ec2",
            "run-instances",
            "--dry-run",
            "--image-id",
            "ami-12c6146b",
            "--instance-type",
            "t2.micro",
        ],
    ),
    ("ec2:DescribeInstances", &["ec2", "describe-instances"]),
    ("iam:ListUsers", &["iam", "list-users"]),
];

fn statement(effect: &str, action: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"{effect}","Action":{action},"Resource":"*"}}]}}"#
    )
}

fn iam(moto: &Moto, params: &[(&str, &str)]) {
    let mut all = params.to_vec();
    all.push(("Version", "2010-05-08"));
    let response = moto.query("iam", &all);
    assert_eq!(response.status, 200, "{params:?}: {}", response.text());
}

/// A managed policy, created and attached to `user`.
fn attach_managed(moto: &Moto, user: &str, name: &str, document: &str) {
    iam(
        moto,
        &[
            ("Action", "CreatePolicy"),
            ("PolicyName", name),
            ("PolicyDocument", document),
        ],
    );
    let arn = format!("arn:aws:iam::{ACCOUNT}:policy/{name}");
    iam(
        moto,
        &[
            ("Action", "AttachUserPolicy"),
            ("UserName", user),
            ("PolicyArn", &arn),
        ],
    );
}

/// A group with an inline policy, and `user` in it.
fn join_group(moto: &Moto, user: &str, group: &str, document: &str) {
    iam(moto, &[("Action", "CreateGroup"), ("GroupName", group)]);
    iam(
        moto,
        &[
            ("Action", "PutGroupPolicy"),
            ("GroupName", group),
            ("PolicyName", "inline"),
            ("PolicyDocument", document),
        ],
    );
    iam(
        moto,
        &[
            ("Action", "AddUserToGroup"),
            ("GroupName", group),
            ("UserName", user),
        ],
    );
}

fn run(ctx: &TestContext, moto: &Moto, keys: &(String, String), args: &[&str]) -> Output {
    ctx.cmd(args)
        .args(["--endpoint-url", &moto.endpoint(), "--region", "us-east-1"])
        .env("AWS_ACCESS_KEY_ID", &keys.0)
        .env("AWS_SECRET_ACCESS_KEY", &keys.1)
        .run()
}

/// What moto did: allowed (success, or DryRunOperation for a dry run) or refused.
fn enforced(out: &Output) -> &'static str {
    if out.code == 0 || out.stderr.contains("(DryRunOperation)") {
        "allowed"
    } else if out.stderr.contains("(AccessDenied)")
        || out.stderr.contains("(UnauthorizedOperation)")
    {
        "denied"
    } else {
        panic!("neither allowed nor denied: {out}")
    }
}

#[test]
fn offline_verdicts_agree_with_what_moto_enforces() {
    let mut moto = Moto::start();
    let admin = moto.create_user_with_keys("o-admin");
    moto.put_user_policy("o-admin", "all", ALLOW_ALL_POLICY);

    // (user, how its policies are set up)
    let mut users: Vec<(&str, (String, String))> = Vec::new();
    let mut user = |name: &'static str, set_up: &dyn Fn(&Moto)| {
        let keys = moto.create_user_with_keys(name);
        set_up(&moto);
        users.push((name, keys));
    };
    user("o-none", &|_| {});
    user("o-sts", &|m| {
        m.put_user_policy(
            "o-sts",
            "sts",
            &statement("Allow", r#""sts:GetSessionToken""#),
        )
    });
    user("o-deny-sts", &|m| {
        m.put_user_policy("o-deny-sts", "all", ALLOW_ALL_POLICY);
        m.put_user_policy(
            "o-deny-sts",
            "no-sts",
            &statement("Deny", r#""sts:GetSessionToken""#),
        );
    });
    user("o-ec2-run", &|m| {
        m.put_user_policy("o-ec2-run", "run", &statement("Allow", r#""ec2:Run*""#))
    });
    user("o-not-iam", &|m| {
        m.put_user_policy(
            "o-not-iam",
            "not-iam",
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}"#,
        )
    });
    user("o-group", &|m| {
        join_group(
            m,
            "o-group",
            "readers",
            &statement("Allow", r#"["iam:List*","ec2:Describe*"]"#),
        )
    });
    user("o-managed-deny", &|m| {
        m.put_user_policy("o-managed-deny", "all", ALLOW_ALL_POLICY);
        attach_managed(
            m,
            "o-managed-deny",
            "no-ec2",
            &statement("Deny", r#""ec2:*""#),
        );
    });
    user("o-mixed", &|m| {
        m.put_user_policy(
            "o-mixed",
            "mixed",
            r#"{"Version":"2012-10-17","Statement":[
                {"Effect":"Allow","Action":["sts:Get*","iam:ListUsers","ec2:*"],"Resource":"*"},
                {"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*"}]}"#,
        )
    });
    user("o-group-deny", &|m| {
        m.put_user_policy("o-group-deny", "all", ALLOW_ALL_POLICY);
        join_group(
            m,
            "o-group-deny",
            "no-iam",
            &statement("Deny", r#""iam:*""#),
        );
    });
    moto.enable_auth();

    let ctx = TestContext::new();
    let action_names: Vec<&str> = ACTIONS.iter().map(|(a, _)| *a).collect();
    let (mut agreed, mut total, mut verdicts) = (0, 0, std::collections::BTreeSet::new());
    let mut disagreements = Vec::new();
    for (name, keys) in &users {
        let arn = format!("arn:aws:iam::{ACCOUNT}:user/{name}");
        let mut args = vec![
            "iam",
            "simulate-principal-policy",
            "--offline",
            "--policy-source-arn",
            &arn,
            "--action-names",
        ];
        args.extend(&action_names);
        let simulated = run(&ctx, &moto, &admin, &args);
        simulated.assert_success();
        let results = simulated.json()["EvaluationResults"].clone();
        for (i, (action, command)) in ACTIONS.iter().enumerate() {
            assert_eq!(results[i]["EvalActionName"], *action);
            let offline = match results[i]["EvalDecision"].as_str().unwrap() {
                "allowed" => "allowed",
                _ => "denied",
            };
            let actual = enforced(&run(&ctx, &moto, keys, command));
            total += 1;
            verdicts.insert((offline, results[i]["EvalDecision"].to_string()));
            if offline == actual {
                agreed += 1;
            } else {
                disagreements.push(format!("{name} {action}: offline {offline}, moto {actual}"));
            }
        }
    }
    eprintln!("offline and moto agree on {agreed} of {total}");
    assert!(
        disagreements.is_empty(),
        "{agreed}/{total} agree; disagreements:\n{}\nmoto log:\n{}",
        disagreements.join("\n"),
        moto.log()
    );
    assert_eq!(total, users.len() * ACTIONS.len());
    // The set exercises all three decisions, so agreement is not agreement on one answer.
    let kinds: std::collections::BTreeSet<String> = verdicts.into_iter().map(|(_, d)| d).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["\"allowed\"", "\"explicitDeny\"", "\"implicitDeny\""]
    );
}
