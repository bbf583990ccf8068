//! The integration tests: one test binary, one module per area, each test named by its module
//! path (`cargo test --test it s3::cp` runs the `s3 cp` tests). `common` is the harness.

/// `assert_output_snapshot!(ctx, text)`: `insta::assert_snapshot!` of `text` with the filters
/// of [`common::snapshot`] for `ctx` (its HOME, ports, unique names, UUIDs, dates) and its end
/// kept significant ([`common::snapshot::exact`]); the snapshot is
/// `tests/it/snapshots/it__<module path>__<test>.snap` (`-2`, `-3`, ... for later ones in a
/// test). `assert_output_snapshot!(ctx, redact: [(value, "[PLACEHOLDER]"), ...], text)` also
/// replaces values of the test's own.
macro_rules! assert_output_snapshot {
    ($ctx:expr, redact: [$(($text:expr, $placeholder:expr)),* $(,)?], $value:expr) => {{
        let redactions: &[(&str, &str)] = &[$(({ let text: &str = &$text; text }, $placeholder)),*];
        let _settings = $crate::common::snapshot::settings($ctx, redactions).bind_to_scope();
        insta::assert_snapshot!($crate::common::snapshot::exact(&$value));
    }};
    ($ctx:expr, $value:expr) => {{
        let _settings = $crate::common::snapshot::settings($ctx, &[]).bind_to_scope();
        insta::assert_snapshot!($crate::common::snapshot::exact(&$value));
    }};
}

mod common;

mod cli;
mod cloudformation;
mod configure;
mod credentials;
mod customizations;
mod ec2;
mod endpoints;
mod harness;
mod http;
mod iam;
mod model;
mod protocol;
mod s3;
mod service_quotas;
mod sigv4;
mod sts;
