//! The models' documentation strings (botocore's small HTML dialect: `p`, `ul`/`li`, `code`,
//! `a`, `b`, `i`, `note`, `important`, `dl`/`dt`/`dd`, the odd `pre` and `br`) as blocks of
//! plain text, then wrapped for a terminal. Tolerant: unknown tags are dropped, unclosed ones
//! are closed by the end of the string, and text outside any tag is a paragraph.

use super::text::wrap;

/// One block of text: a paragraph, a list item, or preformatted lines.
#[derive(Debug, PartialEq)]
enum Block {
    Paragraph { text: String, depth: usize },
    Item { text: String, depth: usize },
    Pre { text: String, depth: usize },
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    line: String,
    /// Nesting of `ul`/`ol`/`dl` (the text of items and definitions is indented by it).
    depth: usize,
    /// The next block is a list item's first.
    bullet: bool,
    pre: usize,
    /// `Note: ` or `Important: `, for the next block with text.
    prefix: Option<&'static str>,
}

impl Builder {
    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        if self.pre > 0 {
            self.line.push_str(&decoded);
            return;
        }
        for (i, word) in decoded.split_whitespace().enumerate() {
            let glued = i == 0 && !decoded.starts_with(char::is_whitespace);
            if !self.line.is_empty() && !glued && !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            self.line.push_str(word);
        }
        if decoded.ends_with(char::is_whitespace) && !self.line.is_empty() {
            self.line.push(' ');
        }
    }

    fn flush(&mut self) {
        let text = if self.pre > 0 {
            self.line.trim_matches('\n').to_string()
        } else {
            self.line.trim().to_string()
        };
        self.line.clear();
        if text.is_empty() {
            return;
        }
        let text = match self.prefix.take() {
            Some(prefix) => format!("{prefix}{text}"),
            None => text,
        };
        let depth = self.depth;
        self.blocks.push(if self.pre > 0 {
            Block::Pre { text, depth }
        } else if std::mem::take(&mut self.bullet) {
            Block::Item { text, depth }
        } else {
            Block::Paragraph { text, depth }
        });
    }

    fn tag(&mut self, name: &str, closing: bool) {
        match (name, closing) {
            ("p" | "div" | "br" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6", _) => self.flush(),
            ("ul" | "ol" | "dl", false) => {
                self.flush();
                self.depth += 1;
            }
            ("ul" | "ol" | "dl", true) => {
                self.flush();
                self.depth = self.depth.saturating_sub(1);
            }
            ("li", false) => {
                self.flush();
                self.bullet = true;
            }
            ("dt", false) => {
                self.flush();
                self.bullet = true;
            }
            ("li" | "dt" | "dd", _) => self.flush(),
            ("note", false) => {
                self.flush();
                self.prefix = Some("Note: ");
            }
            ("important", false) => {
                self.flush();
                self.prefix = Some("Important: ");
            }
            ("note" | "important", true) => self.flush(),
            ("pre", false) => {
                self.flush();
                self.pre += 1;
            }
            ("pre", true) => {
                self.flush();
                self.pre = self.pre.saturating_sub(1);
            }
            _ => {}
        }
    }
}

/// Joins a bullet to its first word for wrapping.
const GLUE: char = '\u{e000}';

/// The documentation as text: paragraphs wrapped to `width`, indented by `indent` columns,
/// list items as `o` bullets, blocks separated by a blank line.
pub fn render(doc: &str, indent: usize, width: usize) -> String {
    let mut out = String::new();
    for block in parse(doc) {
        if !out.is_empty() {
            out.push('\n');
        }
        match block {
            Block::Paragraph { text, depth } => {
                let pad = indent + 3 * depth;
                out.push_str(&wrap(&text, pad, pad, width));
            }
            Block::Item { text, depth } => {
                let pad = indent + 3 * depth.saturating_sub(1);
                // The bullet stays on the line of the item's first word, however long.
                let item = wrap(&format!("o{GLUE}{text}"), pad, pad + 2, width);
                out.push_str(&item.replace(GLUE, " "));
            }
            Block::Pre { text, depth } => {
                let pad = " ".repeat(indent + 3 * depth + 2);
                for line in text.lines() {
                    out.push_str(&format!("{pad}{}\n", line.trim_end()));
                }
            }
        }
    }
    out
}

fn parse(doc: &str) -> Vec<Block> {
    let mut b = Builder::default();
    let mut rest = doc;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let end = after.find('>');
        match (is_tag, end) {
            (true, Some(end)) => {
                b.text(&rest[..start]);
                let inside = &after[..end];
                let closing = inside.starts_with('/');
                let name: String = inside
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                b.tag(&name, closing);
                rest = &after[end + 1..];
            }
            _ => {
                b.text(&rest[..start + 1]);
                rest = after;
            }
        }
    }
    b.text(rest);
    b.flush();
    b.blocks
}

/// `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;`, `&nbsp;` and numeric references; anything
/// else is left as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(semi) = tail.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..semi];
        let decoded = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_inline_tags() {
        let doc = "<p>Describes the <code>Foo</code> of an <a href=\"x\">instance</a>.</p> \
                   <p>Either:</p><ul><li><p><b>a</b> - first</p></li><li>second &amp; last</li></ul>";
        assert_eq!(
            render(doc, 4, 80),
            "    Describes the Foo of an instance.\n\n    Either:\n\n    o a - first\n\n    o second & last\n"
        );
    }

    #[test]
    fn notes_nested_lists_and_stray_brackets() {
        let doc = "<note><p>Only in VPCs.</p></note> a < b <ul><li>x<ul><li>y</li></ul></li></ul>";
        assert_eq!(
            render(doc, 0, 80),
            "Note: Only in VPCs.\n\na < b\n\no x\n\n   o y\n"
        );
    }

    #[test]
    fn long_text_wraps_with_a_hanging_indent_for_items() {
        let doc = "<ul><li>one two three four five six seven</li></ul>";
        assert_eq!(
            render(doc, 2, 20),
            "  o one two three\n    four five six\n    seven\n"
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("&lt;a&gt; &#39;b&#x27; &bogus; & c"),
            "<a> 'b' &bogus; & c"
        );
    }

    #[test]
    fn plain_text_is_a_paragraph() {
        assert_eq!(render("Just text.", 3, 80), "   Just text.\n");
        assert_eq!(render("", 3, 80), "");
    }
}
