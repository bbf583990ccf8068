//! `awsctl s3 mv SOURCE DESTINATION [--recursive]`: `cp` in any direction but streaming, each
//! source deleted once its copy is in place (a failed transfer keeps its source), every line
//! saying `move:`. Moving an S3 object onto itself is refused before anything runs, as the
//! CLI refuses it, since the delete would destroy the only copy.

use super::paths::under::{name, single_key};
use super::transfer::{Location, Paths, copy_or_move};
use crate::cli::MvArgs;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(args: &MvArgs, session: &Session<'_>, printer: &mut Printer) -> Result<u8, Error> {
    let paths = Paths::check("mv", &args.source, &args.destination, args.recursive)?;
    if let (Location::S3(_), Location::S3(_)) = (&paths.source, &paths.destination)
        && onto_itself(&normalised(&args.source), &normalised(&args.destination))
    {
        return Err(Error::General(format!(
            "Cannot mv a file onto itself: {} - {}",
            normalised(&args.source),
            normalised(&args.destination)
        )));
    }
    copy_or_move(
        paths,
        args.recursive,
        &args.transfer,
        true,
        session,
        printer,
    )
    .await
}

/// `s3://bucket` names the bucket's root, `s3://bucket/`, as the CLI normalises it.
fn normalised(uri: &str) -> String {
    let rest = &uri["s3://".len()..];
    if rest.contains('/') {
        uri.to_string()
    } else {
        format!("{uri}/")
    }
}

/// The CLI's `_same_path`: the same URI, or a "directory" destination (ending in `/`) that
/// the source's name would be appended to.
fn onto_itself(src: &str, dest: &str) -> bool {
    src == single_key(dest, name(src))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_onto_the_same_object_are_recognised() {
        assert!(onto_itself("s3://b/k", "s3://b/k"));
        assert!(onto_itself("s3://b/d/k", "s3://b/d/"));
        assert!(onto_itself("s3://b/", "s3://b/"));
        assert!(!onto_itself("s3://b/k", "s3://b/k2"));
        assert!(!onto_itself("s3://b/d/k", "s3://b/"));
        assert!(!onto_itself("s3://b/k", "s3://c/k"));
        assert_eq!(normalised("s3://b"), "s3://b/");
        assert_eq!(normalised("s3://b/k"), "s3://b/k");
    }
}
