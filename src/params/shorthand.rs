//! The AWS CLI's shorthand syntax for structured parameters: `Key=k,Value=v`,
//! `Name=tag:env,Values=a,b` (a later `key=` ends a value list), `Values=[a,b]`,
//! `Ebs={VolumeSize=8}`, quoted values and `\,` escapes. Model-free, like the CLI's parser:
//! callers coerce single values into lists where their shape wants one.

use serde_json::{Map, Value};

#[derive(Debug, thiserror::Error, PartialEq)]
#[error("Expected: '{expected}', received: '{actual}' for input:\n{input}\n{pointer}")]
pub struct ShorthandError {
    expected: String,
    actual: String,
    input: String,
    pointer: String,
}

const MAX_DEPTH: usize = 64;

pub fn parse(input: &str) -> Result<Value, ShorthandError> {
    let mut parser = Parser {
        chars: input.chars().collect(),
        pos: 0,
        input,
        depth: 0,
    };
    let value = parser.parameter()?;
    parser.skip_spaces();
    if parser.pos != parser.chars.len() {
        return Err(parser.error("EOF"));
    }
    Ok(value)
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    /// Nesting of `[...]` and `{...}`, bounded so that hostile input cannot exhaust the stack.
    depth: usize,
    input: &'a str,
}

impl Parser<'_> {
    fn error(&self, expected: &str) -> ShorthandError {
        let actual = self
            .chars
            .get(self.pos)
            .map_or("EOF".to_string(), |c| c.to_string());
        ShorthandError {
            expected: expected.to_string(),
            actual,
            input: self.input.to_string(),
            pointer: format!("{}^", " ".repeat(self.pos)),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, c: char) -> Result<(), ShorthandError> {
        self.skip_spaces();
        if self.peek() != Some(c) {
            return Err(self.error(&c.to_string()));
        }
        self.pos += 1;
        Ok(())
    }

    /// `keyval (',' keyval)*`
    fn parameter(&mut self) -> Result<Value, ShorthandError> {
        let mut map = Map::new();
        loop {
            let (key, value) = self.keyval()?;
            map.insert(key, value);
            self.skip_spaces();
            if self.peek() != Some(',') {
                return Ok(Value::Object(map));
            }
            self.pos += 1;
        }
    }

    fn key(&mut self) -> Result<String, ShorthandError> {
        self.skip_spaces();
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || "-_.#/:".contains(c))
        {
            self.pos += 1;
        }
        if start == self.pos {
            return Err(self.error("key"));
        }
        Ok(self.chars[start..self.pos].iter().collect())
    }

    fn keyval(&mut self) -> Result<(String, Value), ShorthandError> {
        let key = self.key()?;
        self.expect('=')?;
        self.skip_spaces();
        let value = match self.peek() {
            Some('[') => self.explicit_list()?,
            Some('{') => self.hash()?,
            _ => self.csv_values()?,
        };
        Ok((key, value))
    }

    /// `first (',' second)*` where a value followed by `=` is the next key, not a value.
    fn csv_values(&mut self) -> Result<Value, ShorthandError> {
        let first = self.scalar(true)?;
        let mut values = vec![first];
        loop {
            let save = self.pos;
            self.skip_spaces();
            if self.peek() != Some(',') {
                self.pos = save;
                break;
            }
            self.pos += 1;
            let before_value = self.pos;
            if self.starts_keyval() {
                self.pos = save;
                break;
            }
            self.pos = before_value;
            values.push(self.scalar(false)?);
        }
        Ok(if values.len() == 1 {
            values.pop().expect("one value")
        } else {
            Value::Array(values)
        })
    }

    /// Whether a `key=` starts here (the position is restored by the caller).
    fn starts_keyval(&mut self) -> bool {
        self.key().is_ok() && {
            self.skip_spaces();
            self.peek() == Some('=')
        }
    }

    fn nest(&mut self) -> Result<(), ShorthandError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("at most 64 levels of nesting"));
        }
        Ok(())
    }

    fn explicit_list(&mut self) -> Result<Value, ShorthandError> {
        self.nest()?;
        let list = self.explicit_list_items();
        self.depth -= 1;
        list
    }

    fn explicit_list_items(&mut self) -> Result<Value, ShorthandError> {
        self.expect('[')?;
        let mut items = Vec::new();
        self.skip_spaces();
        if self.peek() == Some(']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_spaces();
            let item = match self.peek() {
                Some('[') => self.explicit_list()?,
                Some('{') => self.hash()?,
                _ => self.scalar(false)?,
            };
            items.push(item);
            self.skip_spaces();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("]")),
            }
        }
    }

    fn hash(&mut self) -> Result<Value, ShorthandError> {
        self.nest()?;
        let hash = self.hash_items();
        self.depth -= 1;
        hash
    }

    fn hash_items(&mut self) -> Result<Value, ShorthandError> {
        self.expect('{')?;
        let value = self.parameter()?;
        self.expect('}')?;
        Ok(value)
    }

    /// A quoted or bare value; `first` values may contain `=`, later ones may not.
    fn scalar(&mut self, first: bool) -> Result<Value, ShorthandError> {
        self.skip_spaces();
        if let Some(quote @ ('"' | '\'')) = self.peek() {
            self.pos += 1;
            let mut out = String::new();
            while let Some(c) = self.peek() {
                self.pos += 1;
                match c {
                    '\\' if self.peek() == Some(quote) => {
                        out.push(quote);
                        self.pos += 1;
                    }
                    c if c == quote => return Ok(Value::String(out)),
                    c => out.push(c),
                }
            }
            return Err(self.error(&quote.to_string()));
        }
        let mut out = String::new();
        while let Some(c) = self.peek() {
            let stop = match c {
                ',' | ']' | '}' => true,
                '=' => !first,
                '[' | '{' => out.is_empty(),
                _ => false,
            };
            if c == '\\' && self.chars.get(self.pos + 1) == Some(&',') {
                out.push(',');
                self.pos += 2;
                continue;
            }
            if stop {
                break;
            }
            out.push(c);
            self.pos += 1;
        }
        let trimmed = out.trim();
        if trimmed.is_empty() && !first {
            return Err(self.error("value"));
        }
        Ok(Value::String(trimmed.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(
            parse("Key=env,Value=prod").unwrap(),
            json!({"Key": "env", "Value": "prod"})
        );
        assert_eq!(
            parse("Name=tag:env,Values=a,b").unwrap(),
            json!({"Name": "tag:env", "Values": ["a", "b"]})
        );
        assert_eq!(
            parse("Name=instance-state-name,Values=running").unwrap(),
            json!({"Name": "instance-state-name", "Values": "running"})
        );
        assert_eq!(
            parse("Values=[a, b],Name=x").unwrap(),
            json!({"Values": ["a", "b"], "Name": "x"})
        );
        assert_eq!(
            parse("ResourceType=instance,Tags=[{Key=Name,Value=web},{Key=env,Value=prod}]")
                .unwrap(),
            json!({"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web"}, {"Key": "env", "Value": "prod"}]})
        );
        assert_eq!(
            parse("Ebs={VolumeSize=8,DeleteOnTermination=true}").unwrap(),
            json!({"Ebs": {"VolumeSize": "8", "DeleteOnTermination": "true"}})
        );
        assert_eq!(
            parse("Key='a,b',Value=\"x=y\"").unwrap(),
            json!({"Key": "a,b", "Value": "x=y"})
        );
        assert_eq!(parse("Key=a\\,b").unwrap(), json!({"Key": "a,b"}));
        assert_eq!(
            parse("arn=arn:aws:iam::aws:policy/ReadOnlyAccess").unwrap(),
            json!({"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"})
        );
        assert_eq!(parse("Key=a=b").unwrap(), json!({"Key": "a=b"}));
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = format!("Values={}", "[".repeat(100_000));
        assert!(
            parse(&deep)
                .unwrap_err()
                .to_string()
                .starts_with("Expected: 'at most 64 levels of nesting'")
        );
        assert!(parse(&format!("Values={}a{}", "[".repeat(10), "]".repeat(10))).is_ok());
    }

    #[test]
    fn errors_point_at_the_problem() {
        let err = parse("Key").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Expected: '=', received: 'EOF' for input:\nKey\n   ^"
        );
        let err = parse("Values=[a,b").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Expected: ']', received: 'EOF'"),
            "{err}"
        );
    }

    /// Inputs and what the AWS CLI's own ShorthandParser (awscli 1.45.11) makes of them.
    #[test]
    fn agrees_with_the_clis_parser() {
        let cases = [
            (
                "Key=env,Value=prod",
                "{\"Key\": \"env\", \"Value\": \"prod\"}",
            ),
            (
                "Name=tag:env,Values=a,b",
                "{\"Name\": \"tag:env\", \"Values\": [\"a\", \"b\"]}",
            ),
            (
                "Values=[a, b],Name=x",
                "{\"Values\": [\"a\", \"b\"], \"Name\": \"x\"}",
            ),
            (
                "ResourceType=instance,Tags=[{Key=Name,Value=web},{Key=env,Value=prod}]",
                "{\"ResourceType\": \"instance\", \"Tags\": [{\"Key\": \"Name\", \"Value\": \"web\"}, {\"Key\": \"env\", \"Value\": \"prod\"}]}",
            ),
            (
                "Key='a,b',Value=\"x=y\"",
                "{\"Key\": \"a,b\", \"Value\": \"x=y\"}",
            ),
            ("Key=a\\,b", "{\"Key\": \"a,b\"}"),
            ("Key=a=b", "{\"Key\": \"a=b\"}"),
            (
                "Name=foo , Values= a , b",
                "{\"Name\": \"foo\", \"Values\": [\"a\", \"b\"]}",
            ),
            (
                "Key=a b c,Value=d",
                "{\"Key\": \"a b c\", \"Value\": \"d\"}",
            ),
            ("a=[],b=c", "{\"a\": [], \"b\": \"c\"}"),
            (
                "a={b=c,d=[e,f]}",
                "{\"a\": {\"b\": \"c\", \"d\": [\"e\", \"f\"]}}",
            ),
            ("a=b,c,d=e", "{\"a\": [\"b\", \"c\"], \"d\": \"e\"}"),
        ];
        for (input, expected) in cases {
            let expected: Value = serde_json::from_str(expected).unwrap();
            assert_eq!(parse(input).unwrap(), expected, "{input}");
        }
    }

    proptest::proptest! {
        /// No input panics or overflows: any text, and text made of the syntax's own
        /// characters (nesting thousands deep included) ends in a value or an error.
        #[test]
        fn any_input_parses_or_fails_cleanly(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }

        #[test]
        fn syntax_soup_parses_or_fails_cleanly(text in "[a-z=,\\[\\]{}'\"\\\\ ]{0,300}") {
            let _ = parse(&text);
        }

        #[test]
        fn deep_nesting_is_refused_not_overflowed(depth in 0usize..5000, open in "[\\[{]") {
            let text = format!("a={}", open.repeat(depth));
            let _ = parse(&text);
            let nested = format!("a={}x{}", "{b=".repeat(depth), "}".repeat(depth));
            let _ = parse(&nested);
        }
    }
}
