//! "Found invalid choice" with the CLI's suggestions: Python's `difflib.get_close_matches`
//! (at most three, similarity at least 0.8, best first) over every name the choice could be.

/// The message argparse raises for a value outside the choices, as the CLI words it.
pub fn invalid_choice<'a>(
    argument: &str,
    value: &str,
    choices: impl IntoIterator<Item = &'a str>,
) -> String {
    let mut message = format!("argument {argument}: Found invalid choice '{value}'\n");
    let close = close_matches(value, choices);
    if !close.is_empty() {
        message.push_str("\nMaybe you meant:\n");
        for word in close {
            message.push_str(&format!("\n  * {word}"));
        }
    }
    message
}

/// `difflib.get_close_matches(word, possibilities, n=3, cutoff=0.8)`.
pub fn close_matches<'a>(
    word: &str,
    possibilities: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let a: Vec<char> = word.chars().collect();
    let mut scored: Vec<(f64, &str)> = possibilities
        .into_iter()
        .filter_map(|candidate| {
            let b: Vec<char> = candidate.chars().collect();
            let r = ratio(&a, &b);
            (r >= 0.8).then_some((r, candidate))
        })
        .collect();
    // heapq.nlargest over (score, word): ties go to the larger word.
    scored.sort_by(|x, y| {
        y.0.partial_cmp(&x.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| y.1.cmp(x.1))
    });
    scored.into_iter().take(3).map(|(_, w)| w).collect()
}

/// `SequenceMatcher(None, a, b).ratio()`: 2 * matches / (len(a) + len(b)), where matches come
/// from the longest common blocks found recursively. Names are far shorter than the 200
/// characters at which difflib's junk heuristic would start to matter.
fn ratio(a: &[char], b: &[char]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    2.0 * matching(a, b) as f64 / total as f64
}

fn matching(a: &[char], b: &[char]) -> usize {
    let (i, j, size) = longest_match(a, b);
    if size == 0 {
        return 0;
    }
    size + matching(&a[..i], &b[..j]) + matching(&a[i + size..], &b[j + size..])
}

/// difflib's `find_longest_match`: the longest common block, earliest in `a`, then in `b`.
fn longest_match(a: &[char], b: &[char]) -> (usize, usize, usize) {
    let mut best = (0, 0, 0);
    let mut previous = vec![0usize; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![0usize; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            if ca == cb {
                let k = previous[j] + 1;
                current[j + 1] = k;
                if k > best.2 {
                    best = (i + 1 - k, j + 1 - k, k);
                }
            }
        }
        previous = current;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_difflibs() {
        let ops = [
            "describe-instances",
            "describe-instance-types",
            "describe-instance-status",
            "describe-images",
            "run-instances",
        ];
        assert_eq!(
            close_matches("describe-instancez", ops),
            [
                "describe-instances",
                "describe-instance-types",
                "describe-instance-status"
            ]
        );
        assert_eq!(close_matches("ec22", ["ec2", "ecs", "ecr", "s3"]), ["ec2"]);
        assert!(close_matches("zzz", ops).is_empty());
    }

    #[test]
    fn the_message_lists_one_suggestion_per_line() {
        assert_eq!(
            invalid_choice("command", "ec22", ["ec2", "iam"]),
            "argument command: Found invalid choice 'ec22'\n\nMaybe you meant:\n\n  * ec2"
        );
        assert_eq!(
            invalid_choice("--output", "jsn", ["text"]),
            "argument --output: Found invalid choice 'jsn'\n"
        );
    }
}
