//! One INI file of the shared AWS configuration (config or credentials): read, checked
//! line by line so that a malformed file is reported with its line, then parsed by rust-ini.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use ini::{Ini, ParseOption};

/// A parsed file: section name → ordered key/value pairs. Values of nested blocks
/// (`s3 =` followed by indented lines) keep their lines, to be split by [`parse_nested`], and
/// start with a newline as configparser's do: that is how botocore (and `configure get`) tells
/// a block from a value.
#[derive(Default, Clone)]
pub struct IniFile {
    pub path: PathBuf,
    sections: Vec<(String, Vec<(String, String)>)>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
#[error("Unable to parse config file: {path}: line {line}: {reason}")]
pub struct IniError {
    pub path: String,
    pub line: usize,
    pub reason: String,
}

/// The path and section names only: the files hold secret keys.
impl std::fmt::Debug for IniFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sections: Vec<&str> = self.sections.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("IniFile")
            .field("path", &self.path)
            .field("sections", &sections)
            .finish()
    }
}

impl IniFile {
    /// Reads the file; a missing file is an empty file, as for the CLI.
    pub fn load(path: &Path) -> Result<IniFile, IniError> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| IniError {
                    path: path.display().to_string(),
                    line: line_of_offset(e.as_bytes(), e.utf8_error().valid_up_to()),
                    reason: "the file is not valid UTF-8".into(),
                })?;
                Self::parse(path, &text)
            }
            Err(_) => Ok(IniFile {
                path: path.to_path_buf(),
                sections: Vec::new(),
            }),
        }
    }

    pub fn parse(path: &Path, text: &str) -> Result<IniFile, IniError> {
        let fail = |line: usize, reason: &str| IniError {
            path: path.display().to_string(),
            line,
            reason: reason.to_string(),
        };
        check_lines(text).map_err(|(line, reason)| fail(line, reason))?;
        check_repeats(text).map_err(|(line, reason)| fail(line, &reason))?;
        let options = ParseOption {
            enabled_quote: false,
            enabled_escape: false,
            enabled_indented_mutiline_value: true,
            enabled_preserve_key_leading_whitespace: false,
        };
        // configparser skips whole-line comments wherever they are; rust-ini loses every
        // section after an indented one, so they never reach it.
        let uncommented: String = text
            .split_inclusive('\n')
            .filter(|l| !l.trim_start().starts_with(['#', ';']))
            .collect();
        let ini =
            Ini::load_from_str_opt(&uncommented, options).map_err(|e| fail(e.line, &e.msg))?;
        let blocks = block_keys(text);
        let mut sections: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for (name, props) in ini.iter() {
            let Some(name) = name else { continue };
            let pairs = props.iter().map(|(k, v)| {
                let block = !v.is_empty() && blocks.contains(&(name.trim(), k.trim()));
                let value = if block {
                    format!("\n{v}")
                } else {
                    v.to_string()
                };
                // configparser's optionxform: option names are case-insensitive.
                (k.to_lowercase(), value)
            });
            // Sections named twice were refused above; rust-ini may still split one whose
            // header it reads differently, so its parts are joined.
            match sections.iter_mut().find(|(n, _)| n == name) {
                Some((_, existing)) => existing.extend(pairs),
                None => sections.push((name.to_string(), pairs.collect())),
            }
        }
        Ok(IniFile {
            path: path.to_path_buf(),
            sections,
        })
    }

    pub fn section_names(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().map(|(n, _)| n.as_str())
    }

    /// The keys of one section as a map (the last value of a repeated key wins).
    pub fn section(&self, name: &str) -> Option<HashMap<String, String>> {
        let (_, pairs) = self.sections.iter().find(|(n, _)| n == name)?;
        Some(pairs.iter().cloned().collect())
    }
}

/// Splits the value of a nested block (`s3 =` then indented `key = value` lines).
pub fn parse_nested(value: &str) -> HashMap<String, String> {
    value
        .lines()
        .filter_map(|line| {
            let (k, v) = line.split_once('=')?;
            Some((k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}

/// The (section, key) pairs whose `key =` line has no value: rust-ini drops the empty first
/// line of a nested block, configparser keeps it.
fn block_keys(text: &str) -> HashSet<(&str, &str)> {
    let mut section = None;
    let mut keys = HashSet::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with(['#', ';']) || raw.starts_with([' ', '\t']) {
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            section = header.split(']').next().map(str::trim);
            continue;
        }
        if let (Some(section), Some(d)) = (section, line.find(['=', ':']))
            && line[d + 1..].trim().is_empty()
        {
            keys.insert((section, line[..d].trim()));
        }
    }
    keys
}

/// Mirrors Python configparser's rules, which the CLI uses, for what makes a file malformed:
/// an unclosed section header, a key before any section, and a line that is neither a
/// comment, a section, a `key = value` pair nor the indented continuation of a value.
fn check_lines(text: &str) -> Result<(), (usize, &'static str)> {
    let mut in_section = false;
    let mut after_key = false;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        let indented = raw.starts_with([' ', '\t']);
        if indented && after_key {
            continue;
        }
        if line.starts_with('[') {
            if !line.ends_with(']') {
                return Err((number, "a section header must end with ']'"));
            }
            in_section = true;
            after_key = false;
            continue;
        }
        if !in_section {
            return Err((number, "a key appears before any [section] header"));
        }
        if !line.contains('=') && !line.contains(':') {
            return Err((number, "expected 'key = value'"));
        }
        after_key = true;
    }
    Ok(())
}

/// configparser's strict mode, which the CLI uses: a section header or an option (names
/// compared case-insensitively) given twice in one file is an error, not a merge.
fn check_repeats(text: &str) -> Result<(), (usize, String)> {
    let mut sections: HashSet<&str> = HashSet::new();
    let mut options: HashSet<String> = HashSet::new();
    let mut section = "";
    let mut after_key = false;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if raw.starts_with([' ', '\t']) && after_key {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            if !sections.insert(header) {
                return Err((number, format!("section '{header}' appears twice")));
            }
            section = header;
            options.clear();
            after_key = false;
            continue;
        }
        if let Some(d) = line.find(['=', ':']) {
            let option = line[..d].trim().to_lowercase();
            if !options.insert(option.clone()) {
                return Err((
                    number,
                    format!("option '{option}' appears twice in section '{section}'"),
                ));
            }
            after_key = true;
        }
    }
    Ok(())
}

fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<IniFile, IniError> {
        IniFile::parse(Path::new("/h/.aws/config"), text)
    }

    #[test]
    fn reads_sections_keys_and_nested_blocks() {
        let file = parse("# top\n[default]\nregion = eu-west-1\ns3 =\n  max_concurrent_requests = 20\n  multipart_threshold = 64MB\n\n[profile dev]\noutput=text\n").unwrap();
        assert_eq!(
            file.section_names().collect::<Vec<_>>(),
            ["default", "profile dev"]
        );
        let default = file.section("default").unwrap();
        assert_eq!(default["region"], "eu-west-1");
        assert_eq!(
            default["s3"],
            "\nmax_concurrent_requests = 20\nmultipart_threshold = 64MB"
        );
        let s3 = parse_nested(&default["s3"]);
        assert_eq!(s3["max_concurrent_requests"], "20");
        assert_eq!(s3["multipart_threshold"], "64MB");
        assert_eq!(file.section("profile dev").unwrap()["output"], "text");
    }

    #[test]
    fn indented_comments_are_comments() {
        for text in [
            "  # c\n[default]\nregion = A\n",
            "\t;\n[default]\nregion = A\n",
            "[default]\ns3 =\n  # c\n  k = v\nregion = A\n",
        ] {
            let file = parse(text).unwrap();
            assert_eq!(file.section("default").unwrap()["region"], "A", "{text:?}");
        }
    }

    #[test]
    fn values_keep_hashes_as_configparser_does() {
        let file = parse("[default]\nregion = us-east-1 # not a comment\n").unwrap();
        assert_eq!(
            file.section("default").unwrap()["region"],
            "us-east-1 # not a comment"
        );
    }

    #[test]
    fn malformed_lines_are_reported_with_file_and_line() {
        let err = parse("[default]\nregion = x\nnot a pair\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(
            err.to_string(),
            "Unable to parse config file: /h/.aws/config: line 3: expected 'key = value'"
        );
        assert_eq!(parse("region = x\n").unwrap_err().line, 1);
        assert_eq!(
            parse("[default]\n[profile x\nregion=y\n").unwrap_err().line,
            2
        );
    }

    #[test]
    fn option_names_are_case_insensitive() {
        let file = parse("[default]\nRegion = eu-west-1\nOUTPUT: text\n").unwrap();
        let default = file.section("default").unwrap();
        assert_eq!(default["region"], "eu-west-1");
        assert_eq!(default["output"], "text");
    }

    #[test]
    fn a_repeated_section_or_option_is_an_error() {
        let err = parse("[default]\nregion = a\n\n[default]\noutput = json\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Unable to parse config file: /h/.aws/config: line 4: section 'default' appears twice"
        );
        let err = parse("[default]\nregion = a\ns3 =\n  region = b\nREGION = c\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Unable to parse config file: /h/.aws/config: line 5: option 'region' appears twice in section 'default'"
        );
        // The same option in two sections, or inside a nested block, is no repeat.
        assert!(parse("[a]\nregion = x\n[b]\nregion = y\n").is_ok());
    }

    #[test]
    fn missing_file_is_empty() {
        let file = IniFile::load(Path::new("/nonexistent/awsctl/config")).unwrap();
        assert_eq!(file.section_names().count(), 0);
    }

    proptest::proptest! {
        /// No file panics the reader: any text, and lines built from the INI syntax's own
        /// pieces (headers, keys, continuations, comments, repeats), parse or fail cleanly;
        /// every value read back splits as a nested block without panicking either.
        #[test]
        fn any_text_parses_or_fails_cleanly(text in "\\PC{0,300}") {
            if let Ok(file) = parse(&text) {
                for name in file.section_names() {
                    for value in file.section(name).unwrap_or_default().values() {
                        let _ = parse_nested(value);
                    }
                }
            }
        }

        #[test]
        fn ini_shaped_lines_parse_or_fail_cleanly(
            lines in proptest::collection::vec(
                "(\\[[a-z ]{0,6}\\]?|[ \\t]{0,2}[A-Za-z_]{0,5} ?[=:]? ?[a-z=#;\\[]{0,6}|[#;].{0,5}|)(\\r?\\n)",
                0..20,
            )
        ) {
            let text = lines.concat();
            if let Ok(file) = parse(&text) {
                let _ = file.section_names().count();
            }
        }
    }
}
