//! `awsctl configure set VARNAME VALUE`: one key into the profile's section, nested when the
//! name says so (`s3.max_queue_size`), credentials keys into the credentials file. Silent on
//! success, as the CLI.

use super::{CREDENTIAL_KEYS, Files};
use crate::commands::Outcome;
use crate::config::edit::{Change, profile_to_section};
use crate::error::Error;
use crate::printer::Printer;

pub fn run(
    files: &Files,
    varname: &str,
    value: &str,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    // A malformed file is reported, never rewritten.
    files.load()?;
    let target = Target::parse(varname, files.profile_name())?;
    let change = match target.sub_key {
        Some(sub_key) => Change::SetNested {
            key: target.key.into(),
            sub_key: sub_key.into(),
            value: value.into(),
        },
        None => Change::set(target.key, value),
    };
    if CREDENTIAL_KEYS.contains(&target.key) {
        // The credentials file names profiles without the `profile ` prefix or quotes.
        files.edit_credentials(&target.profile, &[change], printer)?;
    } else {
        files.edit_config(&target.section, &[change])?;
    }
    Ok(Outcome::Done(0))
}

/// Where a dotted name points, following the CLI's `set.py`.
#[derive(Debug, PartialEq)]
struct Target<'a> {
    /// The profile (or predefined section) the key belongs to.
    profile: String,
    /// Its section header text in the config file.
    section: String,
    key: &'a str,
    sub_key: Option<&'a str>,
}

impl<'a> Target<'a> {
    fn parse(varname: &'a str, current: &str) -> Result<Target<'a>, Error> {
        let in_profile = |profile: &str, key, sub_key| Target {
            profile: profile.to_string(),
            section: profile_to_section(profile),
            key,
            sub_key,
        };
        let parts: Vec<&str> = varname.split('.').collect();
        Ok(match parts.as_slice() {
            [_] => in_profile(current, varname, None),
            ["default", rest @ ..] | ["profile", _, rest @ ..] => {
                let profile = if parts[0] == "default" {
                    "default"
                } else {
                    parts[1]
                };
                let key = rest.first().ok_or(Error::MissingVarnamePart)?;
                // Only `key.sub_key` nests; a longer name sets `key` itself, as in the CLI.
                in_profile(profile, key, (rest.len() == 2).then(|| rest[1]))
            }
            ["plugins", key] => Target {
                profile: "plugins".into(),
                section: "plugins".into(),
                key,
                sub_key: None,
            },
            ["plugins", ..] => in_profile("default", varname, None),
            [key, rest @ ..] => in_profile(current, key, (rest.len() == 1).then(|| rest[0])),
            [] => unreachable!("split yields at least one part"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(varname: &str, current: &str) -> (String, String, Option<String>) {
        let t = Target::parse(varname, current).unwrap();
        (t.section, t.key.to_string(), t.sub_key.map(str::to_string))
    }

    #[test]
    fn dotted_names_point_where_the_cli_writes() {
        let s = |a: &str, b: &str, c: Option<&str>| (a.into(), b.into(), c.map(str::to_string));
        assert_eq!(target("region", "default"), s("default", "region", None));
        assert_eq!(target("region", "dev"), s("profile dev", "region", None));
        assert_eq!(
            target("region", "my prof"),
            s("profile 'my prof'", "region", None)
        );
        assert_eq!(
            target("default.s3.max_queue_size", "dev"),
            s("default", "s3", Some("max_queue_size"))
        );
        assert_eq!(
            target("profile.x.s3.k", "dev"),
            s("profile x", "s3", Some("k"))
        );
        assert_eq!(
            target("profile.x.region", "dev"),
            s("profile x", "region", None)
        );
        assert_eq!(target("s3.k", "dev"), s("profile dev", "s3", Some("k")));
        assert_eq!(
            target("plugins.cli_legacy_plugin_path", "dev"),
            s("plugins", "cli_legacy_plugin_path", None)
        );
        assert_eq!(target("default.a.b.c", "dev"), s("default", "a", None));
        assert!(matches!(
            Target::parse("profile.dev", "default"),
            Err(Error::MissingVarnamePart)
        ));
        assert_eq!(
            Target::parse("profile.my prof.region", "x")
                .unwrap()
                .profile,
            "my prof"
        );
    }
}
