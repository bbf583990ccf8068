//! Role chains over many profile layouts: each row is a config file, a credentials file, the
//! profile asked for, and the plan (written as "base > role > role") or the CLI's error text.

use super::*;

/// The plan in one line: the base, then each role's profile in the order they are assumed.
fn describe(chain: &RoleChain) -> String {
    let base = match &chain.base {
        Base::StaticKeys { profile } => format!("keys of {profile}"),
        Base::WebIdentity(w) => format!("web identity {} with {}", w.role_arn, w.token_file),
        Base::Sso(s) => format!(
            "sso {}/{} at {}",
            s.account_id, s.role_name, s.session.start_url
        ),
        Base::Process { command, profile } => format!("process `{command}` for {profile}"),
        Base::CredentialSource { source, profile } => format!("{} for {profile}", source.name()),
    };
    let roles = chain.roles.iter().map(|r| format!(" > {}", r.profile));
    base + &roles.collect::<String>()
}

fn outcome(config: &str, credentials: &str, profile: &str) -> String {
    let files = SharedConfig::from_strings(config, credentials);
    match plan(&files, profile) {
        Ok(chain) => describe(&chain),
        Err(e) => format!("error: {e}"),
    }
}

const ROLE: &str = "role_arn = arn:aws:iam::123456789012:role/r\n";

#[test]
fn layouts_plan_as_the_aws_cli_resolves_them() {
    let role = |name: &str, rest: &str| format!("[profile {name}]\n{ROLE}{rest}");
    let keys = "aws_access_key_id = AKIA\naws_secret_access_key = s\n";
    #[rustfmt::skip]
    let table: Vec<(&str, String, String, &str, String)> = vec![
        ("a source profile with keys in the credentials file",
            role("admin", "source_profile = base\n"), format!("[base]\n{keys}"), "admin",
            "keys of base > admin".into()),
        ("a source profile with keys in the config file",
            role("admin", "source_profile = base\n") + "[profile base]\n" + keys, String::new(), "admin",
            "keys of base > admin".into()),
        ("a chain of three roles, innermost assumed first",
            role("admin", "source_profile = dev\n") + &role("dev", "source_profile = ops\n")
                + &role("ops", "source_profile = base\n"),
            format!("[base]\n{keys}"), "admin",
            "keys of base > ops > dev > admin".into()),
        ("the default profile as a role",
            format!("[default]\n{ROLE}source_profile = base\n"), format!("[base]\n{keys}"), "default",
            "keys of base > default".into()),
        ("a profile that is its own source keeps its keys beside its role",
            role("self", "source_profile = self\n"), format!("[self]\n{keys}"), "self",
            "keys of self > self".into()),
        ("a source profile's static keys win over its own role",
            role("admin", "source_profile = dev\n") + &role("dev", "source_profile = base\n"),
            format!("[dev]\n{keys}"), "admin",
            "keys of dev > admin".into()),
        ("credential_source Environment",
            role("ci", "credential_source = Environment\n"), String::new(), "ci",
            "Environment for ci > ci".into()),
        ("credential_source EcsContainer under a role",
            role("admin", "source_profile = task\n") + &role("task", "credential_source = EcsContainer\n"),
            String::new(), "admin",
            "EcsContainer for task > task > admin".into()),
        ("credential_source Ec2InstanceMetadata",
            role("ec2", "credential_source = Ec2InstanceMetadata\n"), String::new(), "ec2",
            "Ec2InstanceMetadata for ec2 > ec2".into()),
        ("a source profile with a web identity token",
            role("admin", "source_profile = oidc\n") + &role("oidc", "web_identity_token_file = /t\n"),
            String::new(), "admin",
            "web identity arn:aws:iam::123456789012:role/r with /t > admin".into()),
        ("a source profile that signs in with IAM Identity Center",
            role("admin", "source_profile = sso\n")
                + "[profile sso]\nsso_account_id = 111122223333\nsso_role_name = Dev\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = us-east-1\n",
            String::new(), "admin",
            "sso 111122223333/Dev at https://d-1.awsapps.com/start > admin".into()),
        ("a source profile with a credential process",
            role("admin", "source_profile = proc\n") + "[profile proc]\ncredential_process = get-creds --json\n",
            String::new(), "admin",
            "process `get-creds --json` for proc > admin".into()),
        ("a profile that is its own source without keys is a loop",
            role("self", "source_profile = self\n"), String::new(), "self",
            "error: Infinite loop in credential configuration detected. Attempting to load from profile self which has already been visited. Visited profiles: ['self']".into()),
        ("two roles naming each other are a loop, even when one has keys",
            role("a", "source_profile = b\n") + &role("b", "source_profile = a\n"),
            format!("[a]\n{keys}"), "a",
            "error: Infinite loop in credential configuration detected. Attempting to load from profile a which has already been visited. Visited profiles: ['a', 'b']".into()),
        ("a loop further down the chain",
            role("a", "source_profile = b\n") + &role("b", "source_profile = c\n") + &role("c", "source_profile = b\n"),
            String::new(), "a",
            "error: Infinite loop in credential configuration detected. Attempting to load from profile b which has already been visited. Visited profiles: ['a', 'b', 'c']".into()),
        ("a missing source profile",
            role("admin", "source_profile = nowhere\n"), String::new(), "admin",
            "error: The source_profile \"nowhere\" referenced in the profile \"admin\" does not exist.".into()),
        ("a missing source profile under another role names its referrer",
            role("admin", "source_profile = dev\n") + &role("dev", "source_profile = gone\n"),
            String::new(), "admin",
            "error: The source_profile \"gone\" referenced in the profile \"dev\" does not exist.".into()),
        ("a source profile without credentials",
            role("admin", "source_profile = empty\n") + "[profile empty]\nregion = eu-west-1\n",
            String::new(), "admin",
            "error: The source profile \"empty\" must have credentials.".into()),
        ("both source_profile and credential_source",
            role("admin", "source_profile = base\ncredential_source = Environment\n"),
            format!("[base]\n{keys}"), "admin",
            "error: The profile \"admin\" contains both source_profile and credential_source.".into()),
        ("neither source_profile nor credential_source",
            role("admin", ""), String::new(), "admin",
            "error: Partial credentials found in assume-role, missing: source_profile or credential_source".into()),
        ("an unknown credential_source",
            role("admin", "credential_source = Laptop\n"), String::new(), "admin",
            "error: The credential source \"Laptop\" referenced in profile \"admin\" is not valid.".into()),
        ("a source profile with incomplete IAM Identity Center settings",
            role("admin", "source_profile = sso\n") + "[profile sso]\nsso_account_id = 111122223333\n",
            String::new(), "admin",
            "error: The profile \"sso\" is configured to use SSO but is missing required configuration: sso_role_name, sso_start_url, sso_region".into()),
    ];
    for (case, config, credentials, profile, expected) in table {
        assert_eq!(outcome(&config, &credentials, profile), expected, "{case}");
    }
}

#[test]
fn each_role_carries_its_own_settings_and_empty_values_are_unset() {
    let config = "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = dev\nmfa_serial = arn:aws:iam::123456789012:mfa/ana\nexternal_id = ext-1\nduration_seconds = 1800\n\
                  [profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\nrole_session_name = me\nmfa_serial =\nduration_seconds = soon\n";
    let files = SharedConfig::from_strings(
        config,
        "[base]\naws_access_key_id = AKIA\naws_secret_access_key = s\n",
    );
    let chain = plan(&files, "admin").unwrap();
    assert_eq!(
        chain.roles,
        [
            RoleStep {
                profile: "dev".into(),
                role_arn: "arn:aws:iam::123456789012:role/dev".into(),
                session_name: Some("me".into()),
                ..Default::default()
            },
            RoleStep {
                profile: "admin".into(),
                role_arn: "arn:aws:iam::123456789012:role/admin".into(),
                external_id: Some("ext-1".into()),
                mfa_serial: Some("arn:aws:iam::123456789012:mfa/ana".into()),
                duration_seconds: Some(1800),
                ..Default::default()
            },
        ]
    );
    assert_eq!(
        chain.mfa_serial(),
        Some("arn:aws:iam::123456789012:mfa/ana")
    );
}

#[test]
fn cache_keys_name_only_what_is_configured() {
    let names =
        |step: &RoleStep| -> Vec<&str> { step.cache_key_args().iter().map(|(k, _)| *k).collect() };
    let bare = RoleStep {
        role_arn: "arn:aws:iam::123456789012:role/r".into(),
        ..Default::default()
    };
    assert_eq!(names(&bare), ["RoleArn"]);
    let full = RoleStep {
        session_name: Some("s".into()),
        external_id: Some("e".into()),
        mfa_serial: Some("m".into()),
        duration_seconds: Some(900),
        ..bare.clone()
    };
    assert_eq!(
        names(&full),
        [
            "RoleArn",
            "RoleSessionName",
            "ExternalId",
            "SerialNumber",
            "DurationSeconds"
        ]
    );
    // The file name is the CLI's for the same arguments (see cache.rs's known keys).
    let mfa = RoleStep {
        role_arn: "arn:aws:iam::123456789012:role/test-role".into(),
        mfa_serial: Some("arn:aws:iam::123456789012:mfa/alice".into()),
        ..Default::default()
    };
    assert_eq!(
        super::super::cache::key(&mfa.cache_key_args()),
        "178641adef4fc621f1e77af6b479e96dab7b05e2"
    );
}

#[test]
fn mfa_is_needed_when_any_role_of_the_chain_asks_for_it() {
    let mfa = "mfa_serial = arn:aws:iam::123456789012:mfa/ana\n";
    let keys = "[base]\naws_access_key_id = AKIA\naws_secret_access_key = s\n";
    #[rustfmt::skip]
    let table = [
        ("the profile's own role", format!("[profile a]\n{ROLE}source_profile = base\n{mfa}"), true),
        ("a role under it", format!("[profile a]\n{ROLE}source_profile = b\n[profile b]\n{ROLE}source_profile = base\n{mfa}"), true),
        ("no role asks", format!("[profile a]\n{ROLE}source_profile = base\n"), false),
        ("a source profile whose keys win over its role", format!("[profile a]\n{ROLE}source_profile = base\n[profile base]\n{ROLE}{mfa}"), false),
        ("a web identity profile", format!("[profile a]\n{ROLE}web_identity_token_file = /t\n{mfa}"), false),
        ("not a role profile", format!("[profile a]\n{mfa}"), false),
        ("a broken chain", format!("[profile a]\n{ROLE}source_profile = a\n{mfa}"), false),
    ];
    for (case, config, expected) in table {
        let files = SharedConfig::from_strings(&config, keys);
        assert_eq!(needs_mfa(&files, "a"), expected, "{case}");
    }
}
