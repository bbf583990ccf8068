//! Archived objects (storage class GLACIER or DEEP_ARCHIVE), which cannot be read until
//! restored: whether a download or copy of one goes ahead, and the CLI's warning when not.

use super::location::Location;
use super::report::Event;
use crate::commands::s3::format::safe;

/// What happens to archived (GLACIER, DEEP_ARCHIVE) objects, which cannot be read until
/// restored: skipped with the CLI's warning (exit 2), skipped silently
/// (`--ignore-glacier-warnings`), or transferred anyway (`--force-glacier-transfer`).
#[derive(Debug, Clone, Copy)]
pub struct Glacier {
    pub warn: bool,
    pub force: bool,
}

impl Glacier {
    /// The event for an object that is not transferred, or `None` to go ahead. A listing
    /// does not say whether an archived object was restored (`restored` false): the CLI
    /// skips them all.
    pub fn skip(
        &self,
        storage_class: Option<&str>,
        restored: bool,
        bucket: &str,
        key: &str,
        to: &Location,
    ) -> Option<Event> {
        let archived = matches!(storage_class, Some("GLACIER" | "DEEP_ARCHIVE"));
        if !archived || restored || self.force {
            return None;
        }
        if !self.warn {
            return Some(Event::Nothing);
        }
        let operation = match to {
            Location::S3(_) => "copy",
            _ => "download",
        };
        Some(Event::Warning(format!(
            "warning: Skipping file s3://{bucket}/{}. Object is of storage class GLACIER. Unable to perform {operation} operations on GLACIER objects. You must restore the object to be able to perform the operation. See aws s3 {operation} help for additional parameter options to ignore or force these transfers.",
            safe(key)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::s3::paths::uri::S3Path;

    #[test]
    fn archived_objects_are_skipped_unless_restored_or_forced() {
        let to_s3 = Location::S3(S3Path::split("s3://b/k"));
        let to_file = Location::Local("f".into());
        let warn = Glacier {
            warn: true,
            force: false,
        };
        let skip = |glacier: Glacier, class: Option<&str>, restored: bool, to: &Location| {
            glacier.skip(class, restored, "b", "k", to)
        };
        assert_eq!(skip(warn, Some("STANDARD"), false, &to_s3), None);
        assert_eq!(skip(warn, None, false, &to_s3), None);
        assert_eq!(skip(warn, Some("GLACIER"), true, &to_s3), None);
        let forced = Glacier {
            force: true,
            ..warn
        };
        assert_eq!(skip(forced, Some("DEEP_ARCHIVE"), false, &to_s3), None);
        let quiet = Glacier {
            warn: false,
            ..warn
        };
        assert_eq!(
            skip(quiet, Some("GLACIER"), false, &to_s3),
            Some(Event::Nothing)
        );
        let warned = |to: &Location| match skip(warn, Some("DEEP_ARCHIVE"), false, to) {
            Some(Event::Warning(line)) => line,
            other => panic!("{other:?}"),
        };
        assert!(warned(&to_s3).starts_with("warning: Skipping file s3://b/k. "));
        assert!(warned(&to_s3).contains("Unable to perform copy operations"));
        assert!(warned(&to_file).contains("Unable to perform download operations"));
    }
}
