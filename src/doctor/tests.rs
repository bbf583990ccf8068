//! One test per rule, plus a clean bill of health.

use super::*;

fn clean() -> Facts {
    Facts {
        profile: "default".into(),
        winner: Ok(Winner {
            source: Source::SharedCredentialsFile,
            access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            expiration: None,
        }),
        mfa_uncached: None,
        shadowed: Vec::new(),
        imds: None,
        container: false,
        identity: Some(Ok("arn:aws:iam::123456789012:user/ana".into())),
        exposed_files: Vec::new(),
        keys_in_config: false,
        region: Some("eu-west-1".into()),
        sso_token: None,
        now: OffsetDateTime::UNIX_EPOCH,
    }
}

fn codes(facts: &Facts) -> Vec<&'static str> {
    examine(facts).iter().map(|f| f.code).collect()
}

#[test]
fn a_clean_setup_has_no_findings() {
    assert!(examine(&clean()).is_empty());
}

#[test]
fn no_credentials_is_an_error() {
    let facts = Facts {
        winner: Err("Unable to locate credentials.".into()),
        identity: None,
        ..clean()
    };
    let found = examine(&facts);
    assert_eq!(
        (found[0].code, found[0].severity),
        ("no-credentials", Severity::Error)
    );
}

#[test]
fn static_keys_shadowing_a_role() {
    let on_ec2 = Facts {
        imds: Some(Some("web".into())),
        ..clean()
    };
    assert_eq!(
        codes(&on_ec2),
        ["keys-shadow-role", "long-term-keys-on-ec2"]
    );
    assert!(
        examine(&on_ec2)[0]
            .message
            .contains("instance profile role web")
    );
    let mut in_container = Facts {
        container: true,
        ..clean()
    };
    if let Ok(w) = &mut in_container.winner {
        w.source = Source::Environment;
        w.access_key_id = "ASIAIOSFODNN7EXAMPLE".into();
    }
    assert_eq!(codes(&in_container), ["keys-shadow-role"]);
    assert!(
        examine(&in_container)[0]
            .fix
            .contains("unset AWS_ACCESS_KEY_ID")
    );
}

#[test]
fn long_term_keys_where_imds_answers_even_without_a_role() {
    let facts = Facts {
        imds: Some(None),
        ..clean()
    };
    assert_eq!(codes(&facts), ["long-term-keys-on-ec2"]);
}

#[test]
fn root_user() {
    let facts = Facts {
        identity: Some(Ok("arn:aws:iam::123456789012:root".into())),
        ..clean()
    };
    assert_eq!(codes(&facts), ["root-credentials"]);
    assert_eq!(examine(&facts)[0].severity, Severity::Error);
}

#[test]
fn readable_credential_files() {
    let facts = Facts {
        exposed_files: vec![("/h/.aws/credentials".into(), 0o644)],
        ..clean()
    };
    let found = examine(&facts);
    assert_eq!(
        found[0].message,
        "/h/.aws/credentials holds credentials and can be read by others (mode 644)."
    );
    assert_eq!(found[0].fix, "chmod 600 /h/.aws/credentials");
}

#[test]
fn expired_and_expiring_session_credentials() {
    let at = |minutes: i64| {
        let mut facts = clean();
        if let Ok(w) = &mut facts.winner {
            w.expiration = Some(OffsetDateTime::UNIX_EPOCH + Duration::minutes(minutes));
        }
        facts
    };
    assert_eq!(codes(&at(-1)), ["credentials-expired"]);
    assert_eq!(codes(&at(10)), ["credentials-expiring"]);
    assert!(codes(&at(60)).is_empty());
}

#[test]
fn keys_in_the_config_file_and_no_region() {
    let facts = Facts {
        keys_in_config: true,
        region: None,
        ..clean()
    };
    assert_eq!(codes(&facts), ["keys-in-config-file", "no-region"]);
}

#[test]
fn mfa_without_a_cached_session_replaces_no_credentials() {
    let facts = Facts {
        winner: Err("prompt refused".into()),
        mfa_uncached: Some("arn:aws:iam::123456789012:mfa/ana".into()),
        identity: None,
        ..clean()
    };
    let found = examine(&facts);
    assert_eq!(codes(&facts), ["mfa-session-missing"]);
    assert_eq!(found[0].severity, Severity::Warning);
}

#[test]
fn errors_come_first() {
    let facts = Facts {
        region: None,
        identity: Some(Ok("arn:aws:iam::1:root".into())),
        ..clean()
    };
    assert_eq!(codes(&facts), ["root-credentials", "no-region"]);
}

#[test]
fn sso_tokens_missing_expired_or_expiring() {
    let now = OffsetDateTime::UNIX_EPOCH + Duration::days(1);
    let with = |expiration: Option<OffsetDateTime>, refreshable| Facts {
        sso_token: Some(SsoToken {
            session: "corp".into(),
            expiration,
            refreshable,
        }),
        now,
        ..clean()
    };
    assert_eq!(codes(&with(None, true)), ["sso-token-missing"]);
    assert_eq!(
        codes(&with(Some(now - Duration::minutes(1)), true)),
        ["sso-token-expired"]
    );
    let soon = Some(now + Duration::minutes(5));
    assert_eq!(codes(&with(soon, false)), ["sso-token-expiring"]);
    assert!(codes(&with(soon, true)).is_empty());
    assert!(codes(&with(Some(now + Duration::hours(2)), false)).is_empty());
    let found = examine(&with(None, true));
    assert_eq!(found[0].fix, "Run `awsctl sso login --profile default`.");
}
