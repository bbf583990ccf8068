//! The request context: condition keys with their values and declared type, as
//! `--context-entries` gives them. Key names are compared without regard to case, as IAM does.

use std::collections::BTreeMap;

/// `ContextKeyType` of the simulate calls. The list forms mark multivalued keys; values are
/// kept as text and interpreted by the condition operator that reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextType {
    String,
    StringList,
    Numeric,
    NumericList,
    Boolean,
    BooleanList,
    Ip,
    IpList,
    Binary,
    BinaryList,
    Date,
    DateList,
}

impl ContextType {
    /// The API's names (`string`, `stringList`, ...); `None` for anything else.
    pub fn parse(name: &str) -> Option<ContextType> {
        use ContextType::*;
        Some(match name {
            "string" => String,
            "stringList" => StringList,
            "numeric" => Numeric,
            "numericList" => NumericList,
            "boolean" => Boolean,
            "booleanList" => BooleanList,
            "ip" => Ip,
            "ipList" => IpList,
            "binary" => Binary,
            "binaryList" => BinaryList,
            "date" => Date,
            "dateList" => DateList,
            _ => return None,
        })
    }

    pub const NAMES: &'static str = "string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList";
}

#[derive(Debug, Clone, Default)]
pub struct Context {
    entries: BTreeMap<String, (ContextType, Vec<String>)>,
}

impl Context {
    /// Adds a key; a later entry for the same key replaces an earlier one.
    pub fn insert(&mut self, key: &str, kind: ContextType, values: Vec<String>) {
        self.entries
            .insert(key.to_ascii_lowercase(), (kind, values));
    }

    /// Adds a key only when the caller has not supplied it (keys the simulator derives itself).
    pub fn insert_default(&mut self, key: &str, kind: ContextType, values: Vec<String>) {
        self.entries
            .entry(key.to_ascii_lowercase())
            .or_insert((kind, values));
    }

    /// The key's values; `None` when the request does not carry the key.
    pub fn values(&self, key: &str) -> Option<&[String]> {
        self.entries
            .get(&key.to_ascii_lowercase())
            .map(|(_, v)| v.as_slice())
    }
}
