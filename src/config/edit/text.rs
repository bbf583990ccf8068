//! The edit itself, on text: find the section, then set, nest or remove keys in it, leaving
//! every other line byte for byte. Follows the CLI's `ConfigFileWriter`: updated keys stay
//! where they are, new keys go after the section's last key, new sections at the end of the
//! file, nested keys under `key =` with a 4-space indent.

use super::Change;
use super::section::same_section;

/// One line of the file, its terminator (`\n`, `\r\n` or none at the end) included.
type Lines = Vec<String>;

/// Applies `changes` to the `section` of a file's text and returns the new text.
pub fn apply(text: &str, section: &str, changes: &[Change]) -> String {
    // Added lines end the way the file's first line does.
    let eol = match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    };
    let mut lines: Lines = text.split_inclusive('\n').map(str::to_string).collect();
    let start = match find_section(&lines, section) {
        Some(start) => start,
        None => {
            terminate_last(&mut lines, eol);
            lines.push(format!("[{section}]{eol}"));
            lines.len() - 1
        }
    };
    for change in changes {
        apply_one(&mut lines, start, change, eol);
    }
    lines.concat()
}

fn apply_one(lines: &mut Lines, start: usize, change: &Change, eol: &str) {
    let end = section_end(lines, start);
    let found = section_keys(lines, start, end).find(|&(_, key)| key == change.key());
    let found = found.map(|(i, _)| i);
    match (change, found) {
        (Change::Set { key, value }, Some(i)) => {
            let block = block_end(lines, i);
            lines.splice(
                i..block,
                [with_ending(&format!("{key} = {value}"), &lines[i])],
            );
        }
        (Change::Set { key, value }, None) => insert(
            lines,
            insertion_point(lines, start, end),
            &[format!("{key} = {value}")],
            eol,
        ),
        (
            Change::SetNested {
                key,
                sub_key,
                value,
            },
            Some(i),
        ) => {
            let sub_line = format!("    {sub_key} = {value}");
            if has_scalar_value(&lines[i]) {
                // A scalar becomes a block: the CLI would append indented lines to the scalar,
                // which configparser would then read as one multi-line value.
                let block = block_end(lines, i);
                lines.splice(i..block, [with_ending(&format!("{key} ="), &lines[i])]);
                insert(lines, i + 1, &[sub_line], eol);
                return;
            }
            let block = block_end(lines, i);
            match (i + 1..block).find(|&j| key_of(lines[j].trim_start()) == Some(sub_key)) {
                Some(j) => {
                    let indent_len = lines[j].len() - lines[j].trim_start().len();
                    let line = format!("{}{sub_key} = {value}", &lines[j][..indent_len]);
                    lines[j] = with_ending(&line, &lines[j]);
                }
                None => insert(lines, block, &[sub_line], eol),
            }
        }
        (
            Change::SetNested {
                key,
                sub_key,
                value,
            },
            None,
        ) => insert(
            lines,
            insertion_point(lines, start, end),
            &[format!("{key} ="), format!("    {sub_key} = {value}")],
            eol,
        ),
        (Change::Remove { .. }, Some(i)) => {
            let block = block_end(lines, i);
            lines.drain(i..block);
        }
        (Change::Remove { .. }, None) => {}
    }
}

/// The header text of a section line (`[name]`, maybe followed by more), if it is one.
pub fn header_of(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix('[')?;
    let close = rest.find(']')?;
    Some(&rest[..close])
}

fn find_section(lines: &Lines, section: &str) -> Option<usize> {
    lines
        .iter()
        .position(|l| !is_comment(l) && header_of(l).is_some_and(|h| same_section(h, section)))
}

fn section_end(lines: &Lines, start: usize) -> usize {
    (start + 1..lines.len())
        .find(|&i| !is_comment(&lines[i]) && header_of(&lines[i]).is_some())
        .unwrap_or(lines.len())
}

fn is_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with(';')
}

fn is_indented(line: &str) -> bool {
    line.starts_with([' ', '\t'])
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The key lines of a section, read as the parser reads them: an indented line continues the
/// key before it, but the section's first key may itself be indented.
fn section_keys(lines: &Lines, start: usize, end: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut after_key = false;
    (start + 1..end).filter_map(move |i| {
        let line = &lines[i];
        if is_blank(line) || is_comment(line) || (after_key && is_indented(line)) {
            return None;
        }
        let key = key_of(line.trim_start())?;
        after_key = true;
        Some((i, key))
    })
}

/// The key of a `key = value` (or `key: value`) line that is not indented.
fn key_of(line: &str) -> Option<&str> {
    if is_indented(line) || is_comment(line) || header_of(line).is_some() {
        return None;
    }
    let delimiter = line.find(['=', ':'])?;
    Some(line[..delimiter].trim())
}

fn has_scalar_value(line: &str) -> bool {
    line.find(['=', ':'])
        .is_some_and(|d| !line[d + 1..].trim().is_empty())
}

/// One past the last continuation line (indented, not blank) of the key on line `i`. Blank
/// and comment lines do not end a value for configparser: an indented line after them still
/// continues it.
fn block_end(lines: &Lines, i: usize) -> usize {
    let mut end = i + 1;
    for (j, line) in lines.iter().enumerate().skip(i + 1) {
        if is_blank(line) || is_comment(line) {
            continue;
        }
        if !is_indented(line) {
            break;
        }
        end = j + 1;
    }
    end
}

/// After the section's last key and its block, so that comments and blank lines that end the
/// section stay where they are; right after the header when the section has no key.
fn insertion_point(lines: &Lines, start: usize, end: usize) -> usize {
    (start + 1..end)
        .rev()
        .find(|&i| !is_blank(&lines[i]) && !is_comment(&lines[i]))
        .map_or(start + 1, |i| i + 1)
}

fn insert(lines: &mut Lines, at: usize, new: &[String], eol: &str) {
    if at > 0 && !lines[at - 1].ends_with('\n') {
        lines[at - 1].push_str(eol);
    }
    let new: Vec<String> = new.iter().map(|l| format!("{l}{eol}")).collect();
    lines.splice(at..at, new);
}

fn terminate_last(lines: &mut Lines, eol: &str) {
    if let Some(last) = lines.last_mut()
        && !last.ends_with('\n')
    {
        last.push_str(eol);
    }
}

/// `content` with the terminator of the line it replaces (none for a last line without one).
fn with_ending(content: &str, replaced: &str) -> String {
    let ending = &replaced[replaced.trim_end_matches(['\r', '\n']).len()..];
    format!("{content}{ending}")
}
