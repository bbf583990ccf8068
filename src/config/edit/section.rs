//! Section names of the shared files as botocore reads them and as the CLI writes them:
//! `[default]`, `[profile NAME]` (NAME shell-quoted when it holds whitespace), anything else
//! verbatim.

/// The profile a config-file section name stands for, botocore's way: `profile NAME` split
/// like a shell would (`shlex.split`), so `profile 'my prof'` and `profile "my prof"` are the
/// profile `my prof`. `default` is not handled here: it stands for itself without a prefix.
pub fn profile_in_section(section: &str) -> Option<String> {
    if !section.starts_with("profile") {
        return None;
    }
    match shell_split(section)?.as_slice() {
        [kind, name] if kind == "profile" => Some(name.clone()),
        _ => None,
    }
}

/// The SSO session a config-file section stands for: `sso-session NAME`, split like a shell
/// would, as botocore reads it.
pub fn sso_session_in_section(section: &str) -> Option<String> {
    if !section.starts_with("sso-session") {
        return None;
    }
    match shell_split(section)?.as_slice() {
        [kind, name] if kind == "sso-session" => Some(name.clone()),
        _ => None,
    }
}

/// The config-file section of an SSO session, as `configure sso-session` writes it.
pub fn sso_session_to_section(name: &str) -> String {
    if name.contains([' ', '\t']) {
        format!("sso-session {}", shell_quote(name))
    } else {
        format!("sso-session {name}")
    }
}

/// The config-file section of a profile, as `profile_to_section` in the CLI writes it.
pub fn profile_to_section(profile: &str) -> String {
    if profile == "default" {
        return profile.to_string();
    }
    if profile.contains([' ', '\t']) {
        format!("profile {}", shell_quote(profile))
    } else {
        format!("profile {profile}")
    }
}

/// Whether a header's text (between the brackets) names the same section as `target`: the
/// same profile however it is quoted or spaced, or else exactly the same text.
pub fn same_section(header: &str, target: &str) -> bool {
    match (profile_in_section(header), profile_in_section(target)) {
        (Some(a), Some(b)) => a == b,
        _ => header == target,
    }
}

/// Python's `shlex.quote` for a name that needs quoting.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\"'\"'"))
}

/// `shlex.split` in POSIX mode: words separated by whitespace, single quotes literal, double
/// quotes and backslashes escaping. `None` for an unclosed quote (botocore skips such a
/// section).
fn shell_split(s: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => w.push(c),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            c @ ('\\' | '"' | '$' | '`') => w.push(c),
                            '\n' => {}
                            c => {
                                w.push('\\');
                                w.push(c);
                            }
                        },
                        c => w.push(c),
                    }
                }
            }
            '\\' => {
                let w = word.get_or_insert_with(String::new);
                match chars.next() {
                    Some('\n') => {}
                    Some(c) => w.push(c),
                    None => return None,
                }
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_sections_follow_botocore() {
        assert_eq!(profile_in_section("profile dev").as_deref(), Some("dev"));
        assert_eq!(profile_in_section("profile  dev").as_deref(), Some("dev"));
        assert_eq!(
            profile_in_section("profile 'my prof'").as_deref(),
            Some("my prof")
        );
        assert_eq!(
            profile_in_section("profile \"my prof\"").as_deref(),
            Some("my prof")
        );
        assert_eq!(profile_in_section("profile a b"), None);
        assert_eq!(profile_in_section("profile 'open"), None);
        assert_eq!(profile_in_section("default"), None);
        assert_eq!(profile_in_section("profiles x"), None);
        assert_eq!(profile_in_section("services dev"), None);
    }

    #[test]
    fn names_with_whitespace_are_quoted_as_the_cli_writes_them() {
        assert_eq!(profile_to_section("default"), "default");
        assert_eq!(profile_to_section("dev"), "profile dev");
        assert_eq!(profile_to_section("my prof"), "profile 'my prof'");
        assert_eq!(profile_to_section("it's me"), "profile 'it'\"'\"'s me'");
        for name in ["my prof", "it's me", "tab\there", "a \"b\""] {
            assert_eq!(
                profile_in_section(&profile_to_section(name)).as_deref(),
                Some(name)
            );
        }
    }

    #[test]
    fn sections_match_however_the_profile_is_quoted() {
        assert!(same_section("profile \"my prof\"", "profile 'my prof'"));
        assert!(same_section("profile  dev", "profile dev"));
        assert!(same_section("default", "default"));
        assert!(!same_section("profile default", "default"));
        assert!(!same_section("dev", "profile dev"));
        assert!(same_section("my prof", "my prof"));
    }
}
