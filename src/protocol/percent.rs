//! Percent-encoding for URIs, query strings and form bodies, defined once: every byte is
//! encoded except RFC 3986's unreserved characters (letters, digits, `-`, `_`, `.`, `~`), as
//! AWS Signature Version 4 requires of what it signs; paths (S3 keys, greedy labels) also
//! keep their `/` separators.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// What is encoded: everything but RFC 3986's unreserved characters.
pub const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// As [`UNRESERVED`], keeping `/` too: a path's separators.
pub const PATH: &AsciiSet = &UNRESERVED.remove(b'/');

/// `text` with everything but the unreserved characters percent-encoded.
pub fn encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

/// As [`encode`], keeping `/`.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unreserved_characters_stay() {
        assert_eq!(encode("a b/c~d_e.f-g?+é"), "a%20b%2Fc~d_e.f-g%3F%2B%C3%A9");
        assert_eq!(encode_path("dir/a b/~x*"), "dir/a%20b/~x%2A");
    }
}
