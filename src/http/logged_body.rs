//! What the debug log shows of a body: an object's contents or binary data as their size
//! only, text with its secrets masked and cut at [`MAX_LOGGED_BODY`] bytes.

use super::body::Body;
use super::redact;

/// Operations whose request or (successful) response body is an object's contents: logged
/// as their size only, however small and textual (an uploaded credentials file, say).
const OBJECT_DATA: &[&str] = &[
    "PutObject",
    "UploadPart",
    "GetObject",
    "GetObjectTorrent",
    "WriteGetObjectResponse",
];

/// Whether `operation`'s bodies are an object's contents (see [`OBJECT_DATA`]).
pub fn is_object_data(operation: &str) -> bool {
    OBJECT_DATA.contains(&operation)
}

/// The most of a body the debug log shows; the rest is counted, not printed.
pub const MAX_LOGGED_BODY: usize = 16 * 1024;

/// A request body as the debug log shows it: a file's bytes are never read to be shown.
pub fn request(operation: &str, body: &Body) -> String {
    match body.as_bytes() {
        Some(bytes) => shown(operation, bytes),
        None => format!("<{} bytes of object data>", body.len()),
    }
}

/// A body as the debug log shows it: an object's contents or binary data as their size;
/// text redacted, then cut at [`MAX_LOGGED_BODY`] bytes.
pub fn shown(operation: &str, body: &[u8]) -> String {
    if is_object_data(operation) {
        return format!("<{} bytes of object data>", body.len());
    }
    let Ok(text) = std::str::from_utf8(body) else {
        return format!("<{} bytes>", body.len());
    };
    // Redacted whole first, so that a cut never splits a secret from the tag that masks it.
    let redacted = redact::body(text);
    if redacted.len() <= MAX_LOGGED_BODY {
        return redacted;
    }
    let mut end = MAX_LOGGED_BODY;
    while !redacted.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}... <cut: {} bytes in all>", &redacted[..end], body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logged_bodies_are_capped_and_redacted_and_object_data_is_never_shown() {
        let page = format!(
            "<SecretAccessKey>s3cr3t</SecretAccessKey>{}",
            "<Key>k</Key>".repeat(100_000)
        );
        let logged = shown("ListObjectsV2", page.as_bytes());
        assert!(!logged.contains("s3cr3t"));
        assert!(logged.len() < MAX_LOGGED_BODY + 100, "{}", logged.len());
        assert!(logged.ends_with(&format!("... <cut: {} bytes in all>", page.len())));
        assert_eq!(shown("PutObject", b"hello"), "<5 bytes of object data>");
        assert_eq!(shown("GetObject", b""), "<0 bytes of object data>");
        assert_eq!(shown("GetCallerIdentity", &[0xff, 0]), "<2 bytes>");
        // A cut never splits a character.
        let wide = "é".repeat(MAX_LOGGED_BODY);
        assert!(shown("X", wide.as_bytes()).starts_with('é'));
    }
}
