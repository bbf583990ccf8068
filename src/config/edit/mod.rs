//! Editing the shared config and credentials files in place, as `aws configure` does: set,
//! nest or remove keys in one section, keep every other line, comment and blank line byte for
//! byte, and replace the file atomically.

pub mod section;
mod text;
mod write;

#[cfg(test)]
mod tests;

pub use section::{
    profile_in_section, profile_to_section, sso_session_in_section, sso_session_to_section,
};
pub use text::apply;
pub use write::{is_permissive, update_file, update_secret_file};

/// One change to a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `key = value`
    Set { key: String, value: String },
    /// `key =` followed by `    sub_key = value`
    SetNested {
        key: String,
        sub_key: String,
        value: String,
    },
    /// The key's line (and its nested lines) removed.
    Remove { key: String },
}

impl Change {
    pub fn set(key: impl Into<String>, value: impl Into<String>) -> Change {
        Change::Set {
            key: key.into(),
            value: value.into(),
        }
    }

    pub fn key(&self) -> &str {
        match self {
            Change::Set { key, .. } | Change::SetNested { key, .. } | Change::Remove { key } => key,
        }
    }
}
