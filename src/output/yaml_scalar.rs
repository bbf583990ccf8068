//! libyaml's character classes and scalar analysis (yaml_emitter_analyze_scalar): which
//! styles a string may be written in, in block context, with `allow_unicode` on.

pub(super) fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank_or_end(c: Option<&char>) -> bool {
    c.is_none_or(|&c| c == ' ' || c == '\t' || c == '\0' || is_break(c))
}

/// libyaml's IS_PRINTABLE: note that it excludes everything outside the Basic Multilingual
/// Plane (emoji), NEL and BOM, which therefore force double quotes.
pub(super) fn is_printable(c: char) -> bool {
    matches!(c as u32, 0x0A | 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD) && c != '\u{feff}'
}

/// What yaml_emitter_analyze_scalar decides about a scalar's possible styles.
pub(super) struct Analysis {
    pub multiline: bool,
    pub block_plain_allowed: bool,
    pub single_quoted_allowed: bool,
}

impl Analysis {
    pub fn of(value: &str) -> Analysis {
        if value.is_empty() {
            return Analysis {
                multiline: false,
                block_plain_allowed: true,
                single_quoted_allowed: true,
            };
        }
        let chars: Vec<char> = value.chars().collect();
        // Only the block-context verdicts matter here: flow indicators such as `,` or `[` in
        // the middle of a scalar do not stop it from being plain in block context.
        let mut block_indicators = value.starts_with("---") || value.starts_with("...");
        let (mut line_breaks, mut special) = (false, false);
        let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
            (false, false, false, false);
        let (mut break_space, mut space_break) = (false, false);
        let (mut previous_space, mut previous_break) = (false, false);
        let mut preceded_by_whitespace = true;
        let last = chars.len() - 1;
        for (i, &c) in chars.iter().enumerate() {
            let followed_by_whitespace = is_blank_or_end(chars.get(i + 1));
            if i == 0 {
                block_indicators |= "#,[]{}&*!|>'\"%@`".contains(c);
                block_indicators |= (c == '?' || c == ':' || c == '-') && followed_by_whitespace;
            } else {
                block_indicators |= c == ':' && followed_by_whitespace;
                block_indicators |= c == '#' && preceded_by_whitespace;
            }
            special |= !is_printable(c);
            line_breaks |= is_break(c);
            if c == ' ' {
                leading_space |= i == 0;
                trailing_space |= i == last;
                break_space |= previous_break;
                (previous_space, previous_break) = (true, false);
            } else if is_break(c) {
                leading_break |= i == 0;
                trailing_break |= i == last;
                space_break |= previous_space;
                (previous_space, previous_break) = (false, true);
            } else {
                (previous_space, previous_break) = (false, false);
            }
            preceded_by_whitespace = is_blank_or_end(Some(&c));
        }
        let quoted_only = break_space || space_break || special;
        let edges = leading_space || leading_break || trailing_space || trailing_break;
        Analysis {
            multiline: line_breaks,
            block_plain_allowed: !(edges || line_breaks || quoted_only || block_indicators),
            single_quoted_allowed: !quoted_only,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Styles libyaml picked for these strings (see the `quoting` case in yaml_tests.rs):
    // plain, single-quoted (plain not allowed) or double-quoted (single not allowed either).
    #[test]
    fn analysis_matches_libyaml_choices() {
        let plain = ["x:y", "a,b", "a#b", "é", "桌子", "-x", "i-0123", "a b"];
        let single = [
            "a: b", "a #b", "- x", "#c", "@at", "`bt", "%p", " x", "x ", "---", "...x", "? x",
            "x\ny", "ends:",
        ];
        let double = [
            "tab\there",
            "😀",
            "a\u{85}b",
            "\u{feff}x",
            "a\u{7f}b",
            "a \nb",
            "a\n b",
        ];
        for s in plain {
            assert!(Analysis::of(s).block_plain_allowed, "{s:?} can be plain");
        }
        for s in single {
            let a = Analysis::of(s);
            assert!(
                !a.block_plain_allowed && a.single_quoted_allowed,
                "{s:?} needs single quotes"
            );
        }
        for s in double {
            assert!(
                !Analysis::of(s).single_quoted_allowed,
                "{s:?} needs double quotes"
            );
        }
        assert!(Analysis::of("x\ny").multiline);
        assert!(!Analysis::of("x y").multiline);
    }
}
