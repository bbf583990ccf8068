//! `cloudformation deploy` and `package` on moto, side by side with the AWS CLI.

mod deploy;
mod package;
