//! Word wrapping for help pages: greedy, by characters, with a first-line and a continuation
//! indent; a word longer than the line is left whole rather than broken.

pub fn wrap(text: &str, first: usize, rest: usize, width: usize) -> String {
    let mut out = String::new();
    let mut line = " ".repeat(first);
    let mut empty = true;
    let mut len = first;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if !empty && len + 1 + w > width {
            out.push_str(&line);
            out.push('\n');
            line = " ".repeat(rest);
            len = rest;
            empty = true;
        }
        if !empty {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += w;
        empty = false;
    }
    if !empty {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_the_width_with_indents() {
        assert_eq!(wrap("aa bb cc dd", 2, 4, 8), "  aa bb\n    cc\n    dd\n");
        assert_eq!(wrap("averylongword x", 0, 0, 5), "averylongword\nx\n");
        assert_eq!(wrap("   ", 2, 2, 10), "");
    }
}
