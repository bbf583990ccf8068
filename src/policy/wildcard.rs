//! Matching policy text against request values: `*` and `?` wildcards (actions compared
//! without regard to case), ARNs compared component by component, and policy variables
//! (`${aws:username}`, `${key, 'default'}`, and the escapes `${*}`, `${?}`, `${$}`), whose
//! substituted values never act as wildcards.

use super::context::Context;

/// One unit of a pattern once variables are substituted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Char(char),
    /// `*`: any run of characters, empty included.
    Star,
    /// `?`: exactly one character.
    One,
}

/// Substitutes policy variables. `Err(key)` names the first variable the context cannot
/// supply (and that has no default): the text then matches nothing.
pub fn resolve(text: &str, context: &Context) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        push_pattern(&mut tokens, &rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            // An unterminated `${` is plain text, as IAM treats it.
            push_pattern(&mut tokens, &rest[start..]);
            return Ok(tokens);
        };
        let inner = after[..end].trim();
        let value = match inner {
            "*" | "?" | "$" => inner.to_string(),
            _ => variable(inner, context)?,
        };
        tokens.extend(value.chars().map(Token::Char));
        rest = &after[end + 1..];
    }
    push_pattern(&mut tokens, rest);
    Ok(tokens)
}

/// `key` or `key, 'default'`: the context's (first) value, else the default.
fn variable(inner: &str, context: &Context) -> Result<String, String> {
    let (key, default) = match inner.split_once(',') {
        Some((key, default)) => {
            let default = default.trim();
            let unquoted = default
                .strip_prefix('\'')
                .and_then(|d| d.strip_suffix('\''))
                .unwrap_or(default);
            (key.trim(), Some(unquoted.to_string()))
        }
        None => (inner, None),
    };
    match context.values(key).and_then(|v| v.first()) {
        Some(value) => Ok(value.clone()),
        None => default.ok_or_else(|| key.to_string()),
    }
}

fn push_pattern(tokens: &mut Vec<Token>, text: &str) {
    tokens.extend(text.chars().map(|c| match c {
        '*' => Token::Star,
        '?' => Token::One,
        c => Token::Char(c),
    }));
}

/// The literal text of tokens, wildcards as their characters (for the `...Equals` operators,
/// which do not expand them).
pub fn literal(tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|t| match t {
            Token::Char(c) => *c,
            Token::Star => '*',
            Token::One => '?',
        })
        .collect()
}

/// Whether `value` matches the pattern as a whole.
pub fn glob(pattern: &[Token], value: &str, ignore_case: bool) -> bool {
    let value: Vec<char> = value.chars().collect();
    let same = |a: char, b: char| a == b || (ignore_case && a.to_lowercase().eq(b.to_lowercase()));
    // Iterative matching with backtracking to the last star: linear in practice.
    let (mut p, mut v) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while v < value.len() {
        match pattern.get(p) {
            Some(Token::Star) => {
                star = Some((p, v));
                p += 1;
            }
            Some(Token::One) => {
                p += 1;
                v += 1;
            }
            Some(Token::Char(c)) if same(*c, value[v]) => {
                p += 1;
                v += 1;
            }
            _ => match star {
                Some((sp, sv)) => {
                    p = sp + 1;
                    v = sv + 1;
                    star = Some((sp, sv + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|t| *t == Token::Star)
}

/// An action pattern (`iam:Get*`, `*`) against an action name, without regard to case.
pub fn action(pattern: &str, action: &str) -> bool {
    let mut tokens = Vec::new();
    push_pattern(&mut tokens, pattern);
    glob(&tokens, action, true)
}

/// ArnLike/ArnEquals: both split into their six `:`-separated components (the last keeps
/// any further colons), each matched on its own; a value that is not an ARN never matches.
pub fn arn(pattern: &[Token], value: &str) -> bool {
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    let mut pattern_parts: Vec<&[Token]> = Vec::new();
    let mut start = 0;
    for (i, t) in pattern.iter().enumerate() {
        if *t == Token::Char(':') && pattern_parts.len() < 5 {
            pattern_parts.push(&pattern[start..i]);
            start = i + 1;
        }
    }
    pattern_parts.push(&pattern[start..]);
    parts.len() == 6
        && pattern_parts.len() == 6
        && parts
            .iter()
            .zip(&pattern_parts)
            .all(|(value, pattern)| glob(pattern, value, false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::ContextType;

    fn tokens(text: &str) -> Vec<Token> {
        resolve(text, &Context::default()).unwrap()
    }

    #[test]
    fn stars_and_question_marks() {
        assert!(glob(
            &tokens("arn:aws:s3:::bucket/*"),
            "arn:aws:s3:::bucket/a/b",
            false
        ));
        assert!(glob(&tokens("*"), "", false));
        assert!(glob(&tokens("a*b*c"), "aXXbYYbc", false));
        assert!(!glob(&tokens("a*b*c"), "aXXbYYb", false));
        assert!(glob(&tokens("f?o"), "foo", false));
        assert!(!glob(&tokens("f?o"), "fo", false));
        assert!(!glob(&tokens("Bucket"), "bucket", false));
        assert!(glob(&tokens("Bucket"), "bucket", true));
    }

    #[test]
    fn actions_ignore_case() {
        assert!(action("IAM:get*", "iam:GetUser"));
        assert!(action("*", "sts:GetSessionToken"));
        assert!(!action("iam:Get*", "iam:ListUsers"));
        assert!(!action("iam:GetUser", "iam:GetUserPolicy"));
    }

    #[test]
    fn variables_are_substituted_literally() {
        let mut ctx = Context::default();
        ctx.insert("aws:username", ContextType::String, vec!["a*".into()]);
        let t = resolve("arn:aws:iam::1:user/${aws:UserName}", &ctx).unwrap();
        assert!(glob(&t, "arn:aws:iam::1:user/a*", false));
        assert!(!glob(&t, "arn:aws:iam::1:user/ab", false));
        assert_eq!(
            resolve("home/${aws:userid}/x", &ctx),
            Err("aws:userid".to_string())
        );
        let d = resolve("${aws:userid, 'anon'}/${*}${?}${$}", &ctx).unwrap();
        assert_eq!(literal(&d), "anon/*?$");
        assert!(!glob(&d, "anon/x?$", false), "${{*}} is a literal star");
    }

    #[test]
    fn arns_match_component_by_component() {
        assert!(arn(
            &tokens("arn:aws:iam::*:user/*"),
            "arn:aws:iam::123:user/bob"
        ));
        assert!(arn(
            &tokens("arn:*:s3:::b/*"),
            "arn:aws:s3:::b/k:with:colons"
        ));
        // A star does not cross a component boundary.
        assert!(!arn(&tokens("arn:aws:*"), "arn:aws:iam::123:user/bob"));
        assert!(!arn(&tokens("arn:aws:iam::123:user/bob"), "not-an-arn"));
    }
}
