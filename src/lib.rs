//! awsctl: a fast, faithful reimplementation of the AWS CLI.
//!
//! The flow of every invocation: `cli` parses, `settings` resolves, `commands` run against
//! `services` (through `http` and `protocol`), `output` renders, `error` reports.

pub mod app;
pub mod cli;
pub mod commands;
pub mod completion;
pub mod config;
pub mod credentials;
pub mod doctor;
pub mod driver;
pub mod endpoints;
pub mod env;
pub mod error;
pub mod error_format;
pub mod fs;
pub mod http;
pub mod imds;
pub mod model;
pub mod output;
pub mod pager;
pub mod params;
pub mod policy;
pub mod printer;
pub mod protocol;
pub mod secret;
pub mod services;
pub mod settings;
pub mod sso;
pub mod usage;
