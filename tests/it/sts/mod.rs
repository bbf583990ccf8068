//! `sts` commands against moto with authentication on.

mod commands;
mod get_caller_identity;
