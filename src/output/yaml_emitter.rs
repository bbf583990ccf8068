//! A block-style YAML emitter ported from libyaml's emitter.c, which is what AWS CLI v2 runs
//! (ruamel.yaml `typ='safe'` dumps through ruamel.yaml.clib's libyaml `CEmitter`). Only what
//! a JSON document needs: block mappings and sequences, `[]`/`{}` for empty ones, and the
//! plain / single-quoted / double-quoted scalar styles with libyaml's choice and line folding.
//! Flow style is only ever used for empty collections, so the flow level is always zero and
//! libyaml's flow-context branches are left out.

use super::yaml_scalar::{Analysis, is_break, is_printable};

/// A represented node: scalars carry whether a plain spelling would read back as a string.
pub(crate) enum Node {
    Scalar { value: String, plain_implicit: bool },
    Sequence(Vec<Node>),
    Mapping(Vec<(Node, Node)>),
}

const BEST_INDENT: i64 = 2;
const BEST_WIDTH: usize = 80;

/// Emits one document with an implicit start and end, as `YAML.dump` does for a collection.
pub(crate) fn emit_document(root: &Node) -> String {
    let mut e = Emitter {
        out: String::new(),
        column: 0,
        whitespace: true,
        indention: true,
        indent: -1,
        mapping_context: false,
        simple_key_context: false,
    };
    e.node(root, false, false);
    e.write_indent();
    e.out
}

struct Emitter {
    out: String,
    column: usize,
    /// The last character written was whitespace (no separating space needed).
    whitespace: bool,
    /// Only indentation has been written on the current line so far.
    indention: bool,
    indent: i64,
    mapping_context: bool,
    simple_key_context: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
}

impl Emitter {
    fn node(&mut self, node: &Node, mapping: bool, simple_key: bool) {
        self.mapping_context = mapping;
        self.simple_key_context = simple_key;
        match node {
            Node::Scalar {
                value,
                plain_implicit,
            } => self.scalar(value, *plain_implicit),
            Node::Sequence(items) if items.is_empty() => self.empty_flow("[", "]"),
            Node::Mapping(entries) if entries.is_empty() => self.empty_flow("{", "}"),
            Node::Sequence(items) => self.block_sequence(items),
            Node::Mapping(entries) => self.block_mapping(entries),
        }
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) -> i64 {
        let saved = self.indent;
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
        saved
    }

    fn empty_flow(&mut self, open: &str, close: &str) {
        self.write_indicator(open, true, true, false);
        self.write_indicator(close, false, false, false);
    }

    fn block_sequence(&mut self, items: &[Node]) {
        // A sequence that is a mapping value starts on the key's column ("key:\n- a").
        let saved = self.increase_indent(false, self.mapping_context && !self.indention);
        for item in items {
            self.write_indent();
            self.write_indicator("-", true, false, true);
            self.node(item, false, false);
        }
        self.indent = saved;
    }

    fn block_mapping(&mut self, entries: &[(Node, Node)]) {
        let saved = self.increase_indent(false, false);
        for (key, value) in entries {
            self.write_indent();
            if is_simple_key(key) {
                self.node(key, true, true);
                self.write_indicator(":", false, false, false);
            } else {
                self.write_indicator("?", true, false, true);
                self.node(key, true, false);
                self.write_indent();
                self.write_indicator(":", true, false, true);
            }
            self.node(value, true, false);
        }
        self.indent = saved;
    }

    fn scalar(&mut self, value: &str, plain_implicit: bool) {
        let analysis = Analysis::of(value);
        let mut style = Style::Plain;
        if self.simple_key_context && analysis.multiline {
            style = Style::Double;
        }
        if style == Style::Plain {
            let empty_key = value.is_empty() && self.simple_key_context;
            if !analysis.block_plain_allowed || empty_key || !plain_implicit {
                style = Style::Single;
            }
        }
        if style == Style::Single && !analysis.single_quoted_allowed {
            style = Style::Double;
        }
        let saved = self.increase_indent(true, false);
        let allow_breaks = !self.simple_key_context;
        match style {
            Style::Plain => self.write_plain(value, allow_breaks),
            Style::Single => self.write_single_quoted(value, allow_breaks),
            Style::Double => self.write_double_quoted(value, allow_breaks),
        }
        self.indent = saved;
    }

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    /// libyaml's WRITE_BREAK: `\n` is a normal newline, other breaks are copied as they are.
    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        indicator.chars().for_each(|c| self.put(c));
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    fn write_plain(&mut self, value: &str, allow_breaks: bool) {
        if !self.whitespace && !value.is_empty() {
            self.put(' ');
        }
        let chars: Vec<char> = value.chars().collect();
        let (mut spaces, mut breaks) = (false, false);
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                // Fold long lines at a single space once past the preferred width.
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single_quoted(&mut self, value: &str, allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let last = chars.len().saturating_sub(1);
        let (mut spaces, mut breaks) = (false, false);
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let foldable = i != 0 && i != last && chars.get(i + 1) != Some(&' ');
                if allow_breaks && !spaces && self.column > BEST_WIDTH && foldable {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                // A line break inside single quotes is written as an empty line.
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        if breaks {
            self.write_indent();
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double_quoted(&mut self, value: &str, allow_breaks: bool) {
        self.write_indicator("\"", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let last = chars.len().saturating_sub(1);
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || c == '\u{feff}' || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                self.write_escape(c);
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i != 0 && i != last {
                    self.write_indent();
                    // A folded line that starts with a space needs it escaped to survive.
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_escape(&mut self, c: char) {
        let short = match c {
            '\0' => Some('0'),
            '\u{07}' => Some('a'),
            '\u{08}' => Some('b'),
            '\t' => Some('t'),
            '\n' => Some('n'),
            '\u{0b}' => Some('v'),
            '\u{0c}' => Some('f'),
            '\r' => Some('r'),
            '\u{1b}' => Some('e'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            '\u{85}' => Some('N'),
            '\u{a0}' => Some('_'),
            '\u{2028}' => Some('L'),
            '\u{2029}' => Some('P'),
            _ => None,
        };
        match short {
            Some(s) => self.put(s),
            None => {
                let code = c as u32;
                let (prefix, width) = match code {
                    0..=0xFF => ('x', 2),
                    0x100..=0xFFFF => ('u', 4),
                    _ => ('U', 8),
                };
                self.put(prefix);
                format!("{code:0width$X}").chars().for_each(|d| self.put(d));
            }
        }
    }
}

/// libyaml's check_simple_key for a key scalar: one line and at most 128 bytes.
fn is_simple_key(key: &Node) -> bool {
    match key {
        Node::Scalar { value, .. } => !value.chars().any(is_break) && value.len() <= 128,
        Node::Sequence(items) => items.is_empty(),
        Node::Mapping(entries) => entries.is_empty(),
    }
}
