//! Where credentials come from: the chain, roles, the instance metadata service and IAM Identity Center.

mod chain;
mod imds;
mod roles;
mod sso;
