//! A string that must never be printed: secret keys, session tokens, signatures.
//! Its `Debug` and `Display` redact, so it cannot leak through logs or error messages by
//! accident; reading the value takes an explicit [`Secret::expose`].

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself, for signing or writing a credentials file; never for display.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_formats_its_value() {
        let s = Secret::new("wJalrXUtnFEMI/K7MDENG");
        assert!(!format!("{s} {s:?} {:?}", Some(&s)).contains("wJalr"));
        assert_eq!(s.expose(), "wJalrXUtnFEMI/K7MDENG");
    }
}
