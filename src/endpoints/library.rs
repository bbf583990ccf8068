//! The rule-set standard library's string functions: `substring`, `uriEncode`,
//! `isValidHostLabel` and `aws.isVirtualHostableS3Bucket`. Host labels are checked by hand:
//! no pattern is compiled per call.

/// `substring(input, start, stop, reverse)`: ASCII only; `None` when the range does not fit.
pub fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Option<String> {
    if !input.is_ascii() || start < 0 || start >= stop || stop as usize > input.len() {
        return None;
    }
    let (start, stop) = (start as usize, stop as usize);
    let (from, to) = if reverse {
        (input.len() - stop, input.len() - start)
    } else {
        (start, stop)
    };
    Some(input[from..to].to_string())
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn uri_encode(input: &str) -> String {
    crate::protocol::percent::encode(input)
}

/// A DNS label: 1 to 63 letters, digits and hyphens, not starting with a hyphen; with
/// `allow_subdomains`, dot-separated labels that each are one.
pub fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        value.split('.').all(is_one_label)
    } else {
        is_one_label(value)
    }
}

fn is_one_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes[0] != b'-'
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// A bucket name usable as a host name: lower case, 3 to 63 characters, not an IPv4
/// address, each label a valid host label.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    if value.len() < 3 || value.len() > 63 || value.bytes().any(|b| b.is_ascii_uppercase()) {
        return false;
    }
    if looks_like_ipv4(value) {
        return false;
    }
    if allow_subdomains {
        value
            .split('.')
            .all(|l| is_one_label(l) && !l.ends_with('-'))
    } else {
        is_one_label(value) && !value.ends_with('-')
    }
}

/// Four dot-separated groups of 1 to 3 digits.
pub fn looks_like_ipv4(value: &str) -> bool {
    let groups: Vec<&str> = value.split('.').collect();
    groups.len() == 4
        && groups
            .iter()
            .all(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Percent-encodes a URL path, keeping its slashes.
pub fn uri_encode_path(path: &str) -> String {
    crate::protocol::percent::encode_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substring_counts_from_either_end() {
        assert_eq!(substring("abcdef", 0, 4, false).as_deref(), Some("abcd"));
        assert_eq!(substring("abcdef", 0, 4, true).as_deref(), Some("cdef"));
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abcdé", 0, 2, false), None);
        assert_eq!(substring("abc", 2, 2, false), None);
    }

    #[test]
    fn uri_encode_keeps_only_unreserved() {
        assert_eq!(uri_encode("a b/c~d_e.f-g?"), "a%20b%2Fc~d_e.f-g%3F");
    }

    #[test]
    fn host_labels() {
        assert!(is_valid_host_label("us-east-1", false));
        assert!(!is_valid_host_label("-bad", false));
        assert!(!is_valid_host_label("a.b", false));
        assert!(is_valid_host_label("a.b", true));
        assert!(!is_valid_host_label("a..b", true));
        assert!(!is_valid_host_label(&"a".repeat(64), false));
        assert!(!is_valid_host_label("", false));
    }

    #[test]
    fn s3_buckets() {
        assert!(is_virtual_hostable_s3_bucket("my-bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("My-bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("ab", false));
        assert!(!is_virtual_hostable_s3_bucket("a.b.c", false));
        assert!(is_virtual_hostable_s3_bucket("a.b.c", true));
        assert!(!is_virtual_hostable_s3_bucket("192.168.0.1", true));
    }
}
