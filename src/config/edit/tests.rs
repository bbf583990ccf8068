//! The editor on examples taken from the CLI's writer, then on generated files: after any
//! edit the file reads back as intended and every line the edit did not target is unchanged.

use std::collections::HashMap;
use std::path::Path;

use proptest::prelude::*;

use super::section::same_section;
use super::text::header_of;
use super::{Change, apply};
use crate::config::{IniFile, parse_nested};

fn nested(key: &str, sub_key: &str, value: &str) -> Change {
    Change::SetNested {
        key: key.into(),
        sub_key: sub_key.into(),
        value: value.into(),
    }
}

fn remove(key: &str) -> Change {
    Change::Remove { key: key.into() }
}

#[test]
fn updates_in_place_and_keeps_comments() {
    let text = "# top\n[default]\n; why\nregion=us-east-1   \noutput = json\n\n[profile dev]\nregion = x\n";
    assert_eq!(
        apply(text, "default", &[Change::set("region", "eu-west-1")]),
        "# top\n[default]\n; why\nregion = eu-west-1\noutput = json\n\n[profile dev]\nregion = x\n"
    );
}

#[test]
fn new_keys_follow_the_last_key_of_the_section() {
    let text = "[default]\nregion = a\n\n# about dev\n[profile dev]\n";
    assert_eq!(
        apply(text, "default", &[Change::set("output", "text")]),
        "[default]\nregion = a\noutput = text\n\n# about dev\n[profile dev]\n"
    );
    assert_eq!(
        apply(text, "profile dev", &[Change::set("output", "text")]),
        "[default]\nregion = a\n\n# about dev\n[profile dev]\noutput = text\n"
    );
}

#[test]
fn new_sections_are_appended_after_a_final_newline() {
    assert_eq!(
        apply(
            "[default]\nregion = a",
            "profile 'my prof'",
            &[Change::set("k", "v")]
        ),
        "[default]\nregion = a\n[profile 'my prof']\nk = v\n"
    );
    assert_eq!(
        apply("", "default", &[Change::set("k", "v")]),
        "[default]\nk = v\n"
    );
    assert_eq!(apply("", "default", &[]), "[default]\n");
    assert_eq!(
        apply("[default]\nregion = a", "default", &[Change::set("k", "v")]),
        "[default]\nregion = a\nk = v\n"
    );
}

#[test]
fn profile_headers_match_however_they_are_quoted() {
    let text = "[profile \"my prof\"]\nregion = a\n";
    assert_eq!(
        apply(text, "profile 'my prof'", &[Change::set("region", "b")]),
        "[profile \"my prof\"]\nregion = b\n"
    );
}

#[test]
fn nested_keys_are_written_as_the_cli_writes_them() {
    assert_eq!(
        apply(
            "[default]\nregion = a\n",
            "default",
            &[nested("s3", "max_queue_size", "10")]
        ),
        "[default]\nregion = a\ns3 =\n    max_queue_size = 10\n"
    );
    let text = "[default]\ns3 =\n  addressing_style = path\n  max_queue_size = 5\nregion = a\n";
    assert_eq!(
        apply(text, "default", &[nested("s3", "max_queue_size", "10")]),
        "[default]\ns3 =\n  addressing_style = path\n  max_queue_size = 10\nregion = a\n"
    );
    assert_eq!(
        apply(
            text,
            "default",
            &[nested("s3", "use_accelerate_endpoint", "true")]
        ),
        "[default]\ns3 =\n  addressing_style = path\n  max_queue_size = 5\n    use_accelerate_endpoint = true\nregion = a\n"
    );
    // A scalar turned into a block, and a block turned into a scalar, stay readable.
    assert_eq!(
        apply("[default]\ns3 = x\n", "default", &[nested("s3", "k", "v")]),
        "[default]\ns3 =\n    k = v\n"
    );
    assert_eq!(
        apply(text, "default", &[Change::set("s3", "x")]),
        "[default]\ns3 = x\nregion = a\n"
    );
}

#[test]
fn removes_a_key_and_only_that_key() {
    let text = "[default]\naws_access_key_id = A\naws_session_token = T\n# keep\n[other]\naws_session_token = U\n";
    assert_eq!(
        apply(text, "default", &[remove("aws_session_token")]),
        "[default]\naws_access_key_id = A\n# keep\n[other]\naws_session_token = U\n"
    );
    assert_eq!(apply(text, "default", &[remove("absent")]), text);
}

#[test]
fn crlf_files_keep_their_line_endings() {
    let text = "[default]\r\nregion = a\r\n";
    assert_eq!(
        apply(
            text,
            "default",
            &[Change::set("region", "b"), Change::set("output", "json")]
        ),
        "[default]\r\nregion = b\r\noutput = json\r\n"
    );
}

#[test]
fn commented_out_keys_are_not_touched() {
    let text = "[default]\n# region = old\nregion = a\n";
    assert_eq!(
        apply(text, "default", &[Change::set("region", "b")]),
        "[default]\n# region = old\nregion = b\n"
    );
}

/// One entry of a generated section.
#[derive(Debug, Clone)]
enum Entry {
    Key(String, String),
    Block(String, Vec<(String, String)>),
    Comment(String),
    Blank,
}

const SECTIONS: [&str; 4] = ["default", "profile dev", "profile 'my prof'", "plugins"];
const KEYS: [&str; 5] = ["region", "output", "s3", "a", "b"];

fn value() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9/+._-]{1,12}"
}

fn entry() -> impl Strategy<Value = Entry> {
    prop_oneof![
        3 => (0..KEYS.len(), value()).prop_map(|(k, v)| Entry::Key(KEYS[k].into(), v)),
        1 => (0..KEYS.len(), prop::collection::vec((0..KEYS.len(), value()), 1..3))
            .prop_map(|(k, subs)| Entry::Block(
                KEYS[k].into(),
                subs.into_iter().map(|(s, v)| (KEYS[s].to_string(), v)).collect()
            )),
        1 => "[#;] [a-z =]{0,10}".prop_map(Entry::Comment),
        1 => Just(Entry::Blank),
    ]
}

/// Sections in a random order, each key at most once per section and sub-key once per block
/// (configparser rejects repeats), rendered with the spacing variants people write.
fn file() -> impl Strategy<Value = Vec<(String, Vec<Entry>)>> {
    prop::sample::subsequence(SECTIONS.to_vec(), 0..=SECTIONS.len()).prop_flat_map(|names| {
        let bodies = prop::collection::vec(prop::collection::vec(entry(), 0..6), names.len());
        (Just(names), bodies).prop_map(|(names, bodies)| {
            names
                .into_iter()
                .zip(bodies)
                .map(|(n, body)| (n.to_string(), dedupe(body)))
                .collect()
        })
    })
}

fn dedupe(body: Vec<Entry>) -> Vec<Entry> {
    let mut seen = Vec::new();
    body.into_iter()
        .filter_map(|e| match e {
            Entry::Key(k, _) | Entry::Block(k, _) if seen.contains(&k) => None,
            Entry::Key(ref k, _) => {
                seen.push(k.clone());
                Some(e)
            }
            Entry::Block(k, subs) => {
                seen.push(k.clone());
                let mut sub_seen: Vec<String> = Vec::new();
                let subs = subs
                    .into_iter()
                    .filter(|(s, _)| {
                        let new = !sub_seen.contains(s);
                        sub_seen.push(s.clone());
                        new
                    })
                    .collect();
                Some(Entry::Block(k, subs))
            }
            other => Some(other),
        })
        .collect()
}

/// The file's lines, each tagged with (section, key) when it belongs to a key.
fn render(file: &[(String, Vec<Entry>)]) -> Vec<(String, Option<(String, String)>)> {
    let mut lines = Vec::new();
    for (name, body) in file {
        lines.push((format!("[{name}]\n"), None));
        for entry in body {
            let tag = |k: &str| Some((name.clone(), k.to_string()));
            match entry {
                Entry::Key(k, v) => lines.push((format!("{k}={v}\n"), tag(k))),
                Entry::Block(k, subs) => {
                    lines.push((format!("{k} =\n"), tag(k)));
                    for (s, v) in subs {
                        lines.push((format!("  {s} = {v}\n"), tag(k)));
                    }
                }
                Entry::Comment(c) => lines.push((format!("{c}\n"), None)),
                Entry::Blank => lines.push(("\n".into(), None)),
            }
        }
    }
    lines
}

fn sections(text: &str) -> HashMap<String, HashMap<String, String>> {
    let file = IniFile::parse(Path::new("config"), text).expect("the edited file parses");
    file.section_names()
        .map(|n| (n.to_string(), file.section(n).unwrap_or_default()))
        .collect()
}

proptest! {
    #[test]
    fn set_then_read_back_equals_intent_and_other_lines_are_untouched(
        file in file(),
        section in 0..SECTIONS.len(),
        key in 0..KEYS.len(),
        new_value in value(),
    ) {
        let (section, key) = (SECTIONS[section], KEYS[key]);
        let lines = render(&file);
        let text: String = lines.iter().map(|(l, _)| l.as_str()).collect();
        let edited = apply(&text, section, &[Change::set(key, &new_value)]);

        let before = sections(&text);
        let mut expected = before.clone();
        expected.entry(section.to_string()).or_default().insert(key.to_string(), new_value.clone());
        prop_assert_eq!(sections(&edited), expected);

        // Every line but the key's own (and its block's) is there, in order; only the new
        // `key = value` line (and a new section header) were added.
        let target = Some((section.to_string(), key.to_string()));
        let kept: Vec<&str> = lines.iter().filter(|(_, t)| *t != target).map(|(l, _)| l.as_str()).collect();
        let new_line = format!("{key} = {new_value}\n");
        let header = format!("[{section}]\n");
        let added = if before.contains_key(section) { vec![new_line.as_str()] } else { vec![header.as_str(), new_line.as_str()] };
        let mut rest: Vec<&str> = edited.split_inclusive('\n').collect();
        for line in &added {
            let at = rest.iter().position(|l| l == line);
            prop_assert!(at.is_some(), "{:?} missing from {:?}", line, edited);
            rest.remove(at.unwrap_or_default());
        }
        prop_assert_eq!(rest, kept);
    }

    #[test]
    fn nested_set_reads_back_and_keeps_the_rest(
        file in file(),
        section in 0..SECTIONS.len(),
        key in 0..KEYS.len(),
        sub_key in 0..KEYS.len(),
        new_value in value(),
    ) {
        let (section, key, sub_key) = (SECTIONS[section], KEYS[key], KEYS[sub_key]);
        let text: String = render(&file).into_iter().map(|(l, _)| l).collect();
        let edited = apply(&text, section, &[nested(key, sub_key, &new_value)]);
        let before = sections(&text);
        let after = sections(&edited);
        for (name, keys) in &before {
            for (k, v) in keys {
                if !(name == section && k == key) {
                    prop_assert_eq!(&after[name][k], v);
                }
            }
        }
        let block = parse_nested(&after[section][key]);
        prop_assert_eq!(&block[sub_key], &new_value);
        // Sub-keys already in a block keep their values.
        if let Some(old) = before.get(section).and_then(|s| s.get(key)) {
            for (s, v) in parse_nested(old) {
                if s != sub_key && old.starts_with('\n') {
                    prop_assert_eq!(&block[&s], &v);
                }
            }
        }
    }

    #[test]
    fn remove_drops_only_the_key(file in file(), section in 0..SECTIONS.len(), key in 0..KEYS.len()) {
        let (section, key) = (SECTIONS[section], KEYS[key]);
        let lines = render(&file);
        let text: String = lines.iter().map(|(l, _)| l.as_str()).collect();
        let edited = apply(&text, section, &[remove(key)]);
        let target = Some((section.to_string(), key.to_string()));
        let kept: String = lines.iter().filter(|(_, t)| *t != target).map(|(l, _)| l.as_str()).collect();
        if sections(&text).contains_key(section) {
            prop_assert_eq!(edited, kept);
        } else {
            prop_assert_eq!(edited, format!("{text}[{section}]\n"));
        }
    }
}

/// Lines people (and other tools) write: odd spacing, `key: value`, tabs, indented comments,
/// headers with spaces, CRLF.
fn wild_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\[(default|profile dev|profile  dev|profile \"dev\"|plugins)\\]( #x)?",
        "(region|output|s3|a)[ \t]{0,2}[=:][ \t]{0,2}[a-z0-9.=: ]{0,8}",
        "[ \t]{1,4}(region|k|a)[ ]?=[ ]?[a-z0-9]{0,5}",
        "[ \t]{0,2}[#;][ a-z=\\[\\]]{0,10}",
        "[ \t]{0,3}",
    ]
    .prop_flat_map(|l| (Just(l), prop::bool::ANY))
    .prop_map(|(l, crlf)| {
        if crlf {
            format!("{l}\r\n")
        } else {
            format!("{l}\n")
        }
    })
}

/// Whether a section or a key within one appears twice: rust-ini merges those and
/// configparser refuses them, so there is no single intent to check against.
fn has_repeats(text: &str) -> bool {
    let mut headers: Vec<&str> = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with(['#', ';']) {
            continue;
        }
        if let Some(header) = header_of(line) {
            if headers.iter().any(|h| same_section(h, header)) {
                return true;
            }
            headers.push(header);
            keys.clear();
        } else if !line.starts_with([' ', '\t'])
            && let Some(d) = line.find(['=', ':'])
        {
            let key = line[..d].trim();
            if keys.contains(&key) {
                return true;
            }
            keys.push(key);
        }
    }
    false
}

/// A section's keys, found however its header is spaced or quoted.
fn find(file: &IniFile, section: &str) -> Option<HashMap<String, String>> {
    let name = file.section_names().find(|n| same_section(n, section))?;
    file.section(name)
}

proptest! {
    #[test]
    fn any_parsable_file_stays_parsable_and_reads_back(
        lines in prop::collection::vec(wild_line(), 0..12),
        drop_final_newline in prop::bool::ANY,
        section in 0..SECTIONS.len(),
        key in 0..KEYS.len(),
        nested_key in prop::option::of(0..KEYS.len()),
        new_value in value(),
    ) {
        let mut text: String = lines.concat();
        if drop_final_newline {
            text = text.trim_end_matches(['\r', '\n']).to_string();
        }
        let Ok(before) = IniFile::parse(Path::new("config"), &text) else { return Ok(()) };
        prop_assume!(!has_repeats(&text));
        let (section, key) = (SECTIONS[section], KEYS[key]);
        let change = match nested_key {
            Some(sub) => nested(key, KEYS[sub], &new_value),
            None => Change::set(key, &new_value),
        };
        let edited = apply(&text, section, &[change]);
        let after = IniFile::parse(Path::new("config"), &edited);
        prop_assert!(after.is_ok(), "{:?} became unparsable: {:?}", text, edited);
        let after = after.unwrap_or_default();
        let target = find(&after, section).unwrap_or_default();
        match nested_key {
            Some(sub) => {
                let block = target.get(key).map(|v| parse_nested(v)).unwrap_or_default();
                prop_assert_eq!(block.get(KEYS[sub]), Some(&new_value), "{:?} -> {:?}", text, edited);
            }
            None => prop_assert_eq!(target.get(key), Some(&new_value), "{:?} -> {:?}", text, edited),
        }
        for name in before.section_names().filter(|n| !same_section(n, section)) {
            prop_assert_eq!(before.section(name), after.section(name), "{:?} -> {:?}", text, edited);
        }
    }
}
