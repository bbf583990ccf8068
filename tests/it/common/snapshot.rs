//! Snapshot assertions (insta) of what awsctl prints: the expected text lives in
//! `tests/it/snapshots/<module path>__<test>.snap` instead of an escaped string in the test,
//! with what differs from run to run replaced by a placeholder:
//!
//! | what                                              | becomes            |
//! | ------------------------------------------------- | ------------------ |
//! | the context's temp HOME                           | `[HOME]`           |
//! | a loopback peer's port (`127.0.0.1:PORT`)         | `127.0.0.1:[PORT]` |
//! | the tail of a [`unique_name`](super::unique_name) | `NAME-[N]`         |
//! | a UUID (request ids, idempotency tokens)          | `[UUID]`           |
//! | an ISO 8601 or `s3 ls` date and time              | `[DATE]`           |
//!
//! insta ignores whitespace at the end of a snapshot; [`exact`] keeps it significant: a text
//! that does not end in exactly one newline gets a last line saying how it ends.
//!
//! Use it through the `assert_output_snapshot!` macro (tests/it/main.rs), which also takes a
//! test's own values to replace (`redact: [(user_id, "[USER_ID]")]`). A snapshot that is
//! missing or differs fails the test. Locally, insta writes the new text beside the old one as
//! `.snap.new` for review (`cargo insta review`, or `INSTA_UPDATE=always` to write the `.snap`
//! files directly, then read the diff); with `CI` set, `scripts/test.sh` sets `INSTA_UPDATE=no`
//! so that CI writes nothing and only fails.

use super::TestContext;

/// The settings every output snapshot is taken with: where the files live, then the
/// `redactions` (each text as it is, before anything else is replaced) and the filters of the
/// module docs, for `ctx`'s HOME.
pub fn settings(ctx: &TestContext, redactions: &[(&str, &str)]) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/snapshots"));
    settings.set_prepend_module_to_snapshot(true);
    settings.set_omit_expression(true);
    for (text, placeholder) in redactions {
        settings.add_filter(&escape(text), *placeholder);
    }
    settings.add_filter(&escape(&ctx.home().display().to_string()), "[HOME]");
    settings.add_filter(r"127\.0\.0\.1:\d+", "127.0.0.1:[PORT]");
    settings.add_filter(&format!(r"-{}-\d+\b", std::process::id()), "-[N]");
    settings.add_filter(
        r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
        "[UUID]",
    );
    settings.add_filter(
        r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?",
        "[DATE]",
    );
    settings
}

/// `text` as it is when it ends in exactly one newline, the usual end of a command's output;
/// otherwise `text`, a newline and `[ends with "..."]` naming its trailing whitespace (which
/// insta's comparison would ignore).
pub fn exact(text: &str) -> String {
    let body = text.trim_end();
    let end = &text[body.len()..];
    if end == "\n" {
        text.to_string()
    } else {
        format!("{text}\n[ends with {end:?}]")
    }
}

/// `text` as a regular expression that matches exactly it.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
