//! Where each statement of a policy document sits in its text, as the simulator reports it in
//! `MatchedStatements`: lines from 1, and columns (in characters, from 1) of the character
//! just after the statement's `{` and just after its `}`. The IAM CLI example
//! (`simulate-custom-policy`, a one-line policy whose statement starts at offset 36 and ends
//! at offset 165) reports columns 38 and 167, which fixes that convention.

/// A place in a policy document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

/// The spans of the statements of the root object's `Statement` member (one object or an
/// array of them), in document order. Expects text that already parsed as JSON.
pub fn statement_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut stack: Vec<char> = Vec::new();
    let (mut line, mut column) = (1u32, 0u32);
    let (mut in_string, mut escaped) = (false, false);
    let mut buffer = String::new();
    let mut expecting_key = false;
    let mut root_key = String::new();
    let mut open: Option<(Position, usize)> = None;
    for c in text.chars() {
        column += 1;
        if in_string {
            if escaped {
                escaped = false;
                buffer.push(c);
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
                if stack.len() == 1 && expecting_key {
                    root_key = std::mem::take(&mut buffer);
                }
            } else {
                buffer.push(c);
            }
        } else {
            match c {
                '"' => {
                    in_string = true;
                    buffer.clear();
                }
                '{' | '[' => {
                    let direct = stack.len() == 1;
                    let in_array = stack.len() == 2 && stack[1] == '[';
                    if c == '{' && root_key == "Statement" && (direct || in_array) {
                        let after = Position {
                            line,
                            column: column + 1,
                        };
                        open = Some((after, stack.len()));
                    }
                    stack.push(c);
                    expecting_key = c == '{';
                }
                '}' | ']' => {
                    stack.pop();
                    if c == '}'
                        && let Some((start, depth)) = open
                        && stack.len() == depth
                    {
                        let end = Position {
                            line,
                            column: column + 1,
                        };
                        spans.push(Span { start, end });
                        open = None;
                    }
                    expecting_key = false;
                }
                ':' => expecting_key = false,
                ',' => expecting_key = stack.last() == Some(&'{'),
                _ => {}
            }
        }
        if c == '\n' {
            line += 1;
            column = 0;
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn matches_the_clis_documented_example() {
        let policy = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}"#;
        assert_eq!(
            statement_spans(policy),
            [Span {
                start: at(1, 38),
                end: at(1, 167)
            }]
        );
    }

    #[test]
    fn arrays_of_statements_over_several_lines() {
        let policy = "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\"},\n    {\"Sid\": \"a}\\\"{\",\n     \"Effect\": \"Deny\"}\n  ],\n  \"Other\": {\"x\": {}}\n}";
        assert_eq!(
            statement_spans(policy),
            [
                Span {
                    start: at(3, 6),
                    end: at(3, 24)
                },
                Span {
                    start: at(4, 6),
                    end: at(5, 23)
                }
            ]
        );
    }
}
