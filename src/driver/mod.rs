//! The generated command layer: every service and operation of botocore's models as a
//! command, built from the model the way the AWS CLI builds it.

pub mod argparse;
pub mod names;
pub mod suggest;
