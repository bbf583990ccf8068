//! Where requests go: endpoint URLs side by side with the AWS CLI, and botocore's endpoint vectors.

mod urls;
mod vectors;
