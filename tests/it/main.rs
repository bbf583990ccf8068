//! The integration tests: one test binary, one module per area, each test named by its module
//! path (`cargo test --test it s3::cp` runs the `s3 cp` tests). `common` is the harness.

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
