//! The two paths of a transfer command as given on the command line (a local path, an S3
//! URI, or `-` for standard input or output), and the checks the CLI makes on them before
//! anything runs.

use std::path::PathBuf;

use crate::commands::s3::paths::uri::{S3Path, check_bucket};
use crate::error::Error;

/// The path forms `cp`, `mv` and `sync` take, as their usage line shows them.
const PATH_FORMS: &str = "<LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>";

/// One side of a transfer as given on the command line.
#[derive(Debug, Clone)]
pub enum Location {
    /// `-`: standard input or output.
    Stream,
    S3(S3Path),
    Local(PathBuf),
}

impl Location {
    fn parse(text: &str) -> Location {
        if text == "-" {
            Location::Stream
        } else if text.starts_with("s3://") {
            Location::S3(S3Path::split(text))
        } else {
            Location::Local(PathBuf::from(text))
        }
    }
}

/// A transfer command's two paths, checked as the CLI checks them before anything runs.
pub struct Paths {
    pub source: Location,
    pub destination: Location,
    /// `-` on either side.
    pub streaming: bool,
}

impl Paths {
    /// One side must be S3; `-` only for a plain `cp`; a local source must exist.
    pub fn check(
        command: &str,
        source: &str,
        destination: &str,
        directory: bool,
    ) -> Result<Paths, Error> {
        let paths = Paths {
            source: Location::parse(source),
            destination: Location::parse(destination),
            streaming: source == "-" || destination == "-",
        };
        let invalid = || Error::ParamValidation {
            message: format!(
                "usage: awsctl s3 {command} {PATH_FORMS}\nError: Invalid argument type"
            ),
            usage: false,
        };
        match (&paths.source, &paths.destination) {
            (Location::Stream, Location::Stream) => return Err(invalid()),
            (Location::S3(_), _) | (_, Location::S3(_)) => {}
            _ => return Err(invalid()),
        }
        for side in [&paths.source, &paths.destination] {
            if let Location::S3(path) = side {
                check_bucket(&path.bucket)?;
            }
        }
        if paths.streaming && (directory || command != "cp") {
            return Err(Error::General(
                "Streaming currently is only compatible with non-recursive cp commands".into(),
            ));
        }
        if let Location::Local(path) = &paths.source
            && !path.exists()
        {
            return Err(Error::General(format!(
                "The user-provided path {source} does not exist."
            )));
        }
        Ok(paths)
    }
}
