//! The model-driven engine: embedded models, commands side by side with the AWS CLI, waiters.

mod commands;
mod embedded;
mod waiters;
