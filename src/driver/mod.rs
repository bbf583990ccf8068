//! The generated command layer: every service and operation of botocore's models as a
//! command, built from the model the way the AWS CLI builds it.

pub mod argparse;
pub mod arguments;
pub mod call;
mod checksums;
pub mod customizations;
pub mod globals;
pub mod help;
pub mod invoke;
pub mod names;
pub mod operation;
pub mod prepare;
pub mod renames;
pub mod responses;
pub mod route;
pub mod s3_list_keys;
pub mod service;
pub mod skeleton;
pub mod suggest;
pub mod timestamps;
pub mod validate;
pub mod values;
pub mod waiter;
pub mod yaml_input;
