//! Hand-written commands and argument customizations of model-driven commands.

mod arguments;
mod codeartifact;
mod ecr;
mod eks;
mod logs;
mod password_data;
mod rds;
