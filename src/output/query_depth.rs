//! A bound on how deeply a `--query` expression nests, checked before the `jmespath` crate
//! parses it: its parser, its tree and its interpreter all recurse, so an expression nested
//! thousands of levels deep (`((((...`, `!!!!...`, `a.a.a...`) would overflow the stack.
//! jmespath.py fails on those too (Python's recursion limit); awsctl says why instead.

/// The deepest expression accepted. Real queries stay far below (a projection of tags
/// inside a multiselect inside a filter is about 10); the tests run every kind of nesting at
/// this depth on a 2 MiB stack, a quarter of the main thread's.
pub(super) const MAX_DEPTH: usize = 100;

/// An upper bound on the depth of the expression's tree: along any path, every operator
/// (`. | ! & < > = ?`) and every bracket (`[ { (`) may add a level; elements separated by
/// commas are siblings, not nested. Strings and literals are skipped (the lexer pre-pass
/// has checked that their quotes close).
pub(super) fn depth(text: &str) -> usize {
    // For each open bracket: the depth at its start (where a comma returns to) and now.
    let mut levels: Vec<(usize, usize)> = vec![(0, 0)];
    let mut deepest = 0;
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            if c == '\\' {
                chars.next();
            } else if c == q {
                quote = None;
            }
            continue;
        }
        let (base, now) = levels.last_mut().expect("the top level is never popped");
        match c {
            '`' | '\'' | '"' => quote = Some(c),
            '.' | '|' | '!' | '&' | '<' | '>' | '=' | '?' => *now += 1,
            ',' => *now = *base,
            '[' | '{' | '(' => {
                *now += 1;
                let start = *now;
                levels.push((start, start));
            }
            ']' | '}' | ')' if levels.len() > 1 => {
                levels.pop();
            }
            _ => {}
        }
        deepest = deepest.max(levels.last().map_or(0, |l| l.1));
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::query::Query;

    #[test]
    fn depth_counts_nesting_not_width() {
        assert_eq!(depth("a"), 0);
        assert_eq!(depth("a.b.c"), 2);
        assert_eq!(depth("a.b[?c == 'x.y.z'] | `[[1]]`"), 5);
        assert_eq!(depth("{a: b.c, d: e.f, g: h.i}"), 2);
        assert_eq!(depth("[a, b, c, d, e, f]"), 1);
        assert_eq!(depth("((((a))))"), 4);
        assert_eq!(depth(r#""a\"...." && !b"#), 3);
    }

    /// The kinds of deep nesting the grammar allows.
    fn shapes(n: usize) -> Vec<String> {
        vec![
            format!("{}a", "!".repeat(n)),
            format!("{}a{}", "(".repeat(n), ")".repeat(n)),
            format!("a{}", ".a".repeat(n)),
            format!("{}a{}", "[".repeat(n), "]".repeat(n)),
            format!("{}a{}", "{a:".repeat(n), "}".repeat(n)),
            format!("a{}", "|a".repeat(n)),
            format!("a{}{}", "[?a".repeat(n / 2), "]".repeat(n / 2)),
            format!("a{}", "||a".repeat(n / 2)),
            format!("a{}", "&&a".repeat(n / 2)),
            format!("a{}", "[]".repeat(n)),
            format!("a{}", "[*]".repeat(n)),
            format!("a{}", ".*".repeat(n)),
            format!("{}a{}", "not_null(".repeat(n), ")".repeat(n)),
            format!("{}a{}", "sort_by(@, &".repeat(n / 2), ")".repeat(n / 2)),
        ]
    }

    /// Every kind of nesting at the limit compiles and runs on a 2 MiB stack; past the
    /// limit, and 30,000 levels deep, it is refused with a message saying why.
    #[test]
    fn nesting_at_the_limit_runs_and_past_it_is_refused() {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| {
                let data = serde_json::json!({"a": {"a": [[1, {"a": 2}]]}});
                for expr in shapes(MAX_DEPTH) {
                    assert!(depth(&expr) <= MAX_DEPTH, "{expr:.40}");
                    if let Ok(q) = Query::compile(&expr) {
                        let _ = q.apply(&data);
                    }
                }
                for expr in shapes(MAX_DEPTH + 2).into_iter().chain(shapes(30_000)) {
                    let e = Query::compile(&expr).unwrap_err().to_string();
                    assert!(
                        e.ends_with("expression nested too deeply (more than 100 levels)"),
                        "{expr:.40}: {e}"
                    );
                }
            })
            .unwrap()
            .join()
            .unwrap();
    }

    proptest::proptest! {
        /// No expression panics or overflows the `--query` front end: text made of
        /// JMESPath's own characters compiles or fails with a message, and what compiles
        /// runs on a small document or fails with a message.
        #[test]
        fn any_expression_compiles_and_runs_or_fails_cleanly(
            expr in "[a-c@*.|&!()\\[\\]{}:,?'`\"<>=0-9 -]{0,120}"
        ) {
            let data = serde_json::json!({"a": [{"b": 1, "c": "x"}, {"b": [2, 3]}], "b": {"c": null}});
            if let Ok(q) = Query::compile(&expr) {
                let _ = q.apply(&data);
            }
        }

        #[test]
        fn deep_expressions_are_refused_or_run(
            unit in "\\(|\\[|!|\\.a|\\|a|\\{a:|&&a|\\[\\?a|not_null\\(",
            depth in 0usize..3000,
        ) {
            let expr = format!("a{}", unit.repeat(depth));
            if let Ok(q) = Query::compile(&expr) {
                let _ = q.apply(&serde_json::json!({"a": {"a": [1]}}));
            }
        }
    }
}
