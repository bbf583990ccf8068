//! The table layout engine, a port of awscli/table.py (`MultiTable`, `Section`): column
//! widths, scaling to the widest section, centring, `||` nesting, the vertical fallback when
//! the table is wider than the terminal, and the colours of `--color on`.

use super::east_asian_width::text_width;

/// ANSI sequences of colorama's `Style`/`Fore` as `ColorizedStyler` uses them.
const RESET: &str = "\x1b[0m";
const ROW_STYLE: &str = "\x1b[1m\x1b[34m";
const INDENT_STYLE: &str = "\x1b[2m\x1b[33m";

/// A row whose length differs from the section's first row: the CLI raises this ValueError.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RowLengthError {
    pub expected: usize,
    pub actual: usize,
}

impl std::fmt::Display for RowLengthError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Row should have {} elements, instead it has {}",
            self.expected, self.actual
        )
    }
}

#[derive(Debug, Default)]
pub(crate) struct Section {
    /// `None` only for the untitled sections a list nested in a list produces.
    pub title: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub indent_level: usize,
    num_cols: Option<usize>,
    max_widths: Vec<usize>,
}

impl Section {
    fn titled(title: Option<&str>, indent_level: usize) -> Section {
        Section {
            title: title.map(str::to_string),
            indent_level,
            ..Section::default()
        }
    }

    pub fn add_header(&mut self, headers: Vec<String>) {
        self.update_max_widths(&headers);
        self.num_cols.get_or_insert(headers.len());
        self.headers = headers;
    }

    pub fn add_row(&mut self, row: Vec<String>) -> Result<(), RowLengthError> {
        let expected = *self.num_cols.get_or_insert(row.len());
        if row.len() != expected {
            return Err(RowLengthError {
                expected,
                actual: row.len(),
            });
        }
        self.update_max_widths(&row);
        self.rows.push(row);
        Ok(())
    }

    fn update_max_widths(&mut self, row: &[String]) {
        if self.max_widths.is_empty() {
            self.max_widths = row.iter().map(|c| text_width(c)).collect();
            return;
        }
        for (i, cell) in row.iter().enumerate() {
            // Python would raise IndexError on a header longer than the rows; we widen instead.
            match self.max_widths.get_mut(i) {
                Some(w) => *w = (*w).max(text_width(cell)),
                None => self.max_widths.push(text_width(cell)),
            }
        }
    }

    /// Column widths plus `padding`, scaled so that they add up to `max_width` exactly.
    fn column_widths(&self, padding: usize, max_width: Option<usize>) -> Vec<usize> {
        let unscaled: Vec<usize> = self.max_widths.iter().map(|w| w + padding).collect();
        let Some(max_width) = max_width else {
            return unscaled;
        };
        if unscaled.is_empty() {
            return unscaled;
        }
        let scale = max_width as f64 / unscaled.iter().sum::<usize>() as f64;
        // Python's round() rounds halves to even.
        let mut scaled: Vec<i64> = unscaled
            .iter()
            .map(|&w| (scale * w as f64).round_ties_even() as i64)
            .collect();
        let mut off_by = scaled.iter().sum::<i64>() - max_width as i64;
        while off_by != 0 {
            let order: Vec<usize> = if off_by < 0 {
                (0..scaled.len()).rev().collect()
            } else {
                (0..scaled.len()).collect()
            };
            for i in order {
                if off_by > 0 {
                    scaled[i] -= 1;
                    off_by -= 1;
                } else {
                    scaled[i] += 1;
                    off_by += 1;
                }
                if off_by == 0 {
                    break;
                }
            }
        }
        scaled.into_iter().map(|w| w.max(0) as usize).collect()
    }

    fn total_width(&self, padding: usize, outer_padding: usize) -> usize {
        let border = 2;
        let columns: usize = self
            .column_widths(0, None)
            .iter()
            .map(|w| w + padding)
            .sum();
        // `get_text_length(None)` measures the string "None".
        let title = self.title.as_deref().map_or(4, text_width);
        (title + border + 2 * outer_padding).max(columns + border + 2 * outer_padding)
    }
}

/// The sections of one table, in output order; sections are only ever appended to.
pub(crate) struct MultiTable {
    sections: Vec<Section>,
    color: bool,
    terminal_width: usize,
}

impl MultiTable {
    pub fn new(color: bool, terminal_width: usize) -> MultiTable {
        MultiTable {
            sections: Vec::new(),
            color,
            terminal_width,
        }
    }

    pub fn new_section(&mut self, title: Option<&str>, indent_level: usize) {
        self.sections.push(Section::titled(title, indent_level));
    }

    pub fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        self.sections
            .last_mut()
            .expect("a section was just ensured")
    }

    pub fn render(mut self) -> String {
        let mut max_width = self.max_width();
        if max_width > self.terminal_width {
            self.convert_to_vertical();
            max_width = self.max_width();
        }
        let mut out = Writer {
            text: String::new(),
            autoreset: self.color,
        };
        out.write(&format!("{}\n", "-".repeat(max_width)));
        for section in &self.sections {
            self.render_section(section, max_width, &mut out);
        }
        out.text
    }

    fn max_width(&self) -> usize {
        self.sections
            .iter()
            .map(|s| s.total_width(4, s.indent_level))
            .max()
            .unwrap_or(0)
    }

    /// Single-row sections become `header | value` rows, which is narrower for wide tables.
    fn convert_to_vertical(&mut self) {
        for section in &mut self.sections {
            if section.rows.len() == 1 && !section.headers.is_empty() {
                let mut vertical = Section::titled(section.title.as_deref(), section.indent_level);
                for (header, cell) in section.headers.iter().zip(&section.rows[0]) {
                    vertical
                        .add_row(vec![header.clone(), cell.clone()])
                        .expect("two cells per row");
                }
                *section = vertical;
            }
        }
    }

    fn render_section(&self, section: &Section, max_width: usize, out: &mut Writer) {
        let edge = if self.color {
            format!("{INDENT_STYLE}|{RESET}")
        } else {
            "|".to_string()
        };
        let mut out = IndentedWriter {
            out,
            edges: edge.repeat(section.indent_level),
        };
        let max_width = max_width.saturating_sub(section.indent_level * 2);
        if let Some(title) = section.title.as_deref().filter(|t| !t.is_empty()) {
            out.write_line(&center_text(title, max_width, "|", "|", text_width(title)));
            if section.headers.is_empty() && section.rows.is_empty() {
                out.write_line(&format!("+{}+", "-".repeat(max_width.saturating_sub(2))));
            }
        }
        if !section.headers.is_empty() {
            let widths = section.column_widths(4, Some(max_width));
            let mut line = String::new();
            for (i, (width, header)) in widths.iter().zip(&section.headers).enumerate() {
                let left = if i == 0 { "|" } else { "" };
                line.push_str(&center_text(header, *width, left, "|", text_width(header)));
            }
            out.write_line(&line_break(&widths));
            out.write_line(&line);
        }
        let widths = section.column_widths(4, Some(max_width));
        if section.rows.is_empty() || widths.is_empty() {
            return;
        }
        out.write_line(&line_break(&widths));
        for row in &section.rows {
            let mut line = String::new();
            for (i, (width, cell)) in widths.iter().zip(row).enumerate() {
                let left = if i == 0 { "|" } else { "" };
                let styled = if self.color {
                    format!("{ROW_STYLE}{cell}{RESET}")
                } else {
                    cell.clone()
                };
                line.push_str(&align_left(&styled, *width, left, "|", text_width(cell)));
            }
            out.write_line(&line);
        }
        out.write_line(&line_break(&widths));
    }
}

/// The output stream. With colours on, the CLI's colorama (autoreset) appends a reset after
/// every single write call, so the write boundaries below follow the Python code's.
struct Writer {
    text: String,
    autoreset: bool,
}

impl Writer {
    fn write(&mut self, s: &str) {
        self.text.push_str(s);
        if self.autoreset {
            self.text.push_str(RESET);
        }
    }
}

/// `IndentedStream`: frames each line with the section's nesting bars, in four writes.
struct IndentedWriter<'a> {
    out: &'a mut Writer,
    edges: String,
}

impl IndentedWriter<'_> {
    fn write_line(&mut self, line: &str) {
        self.out.write(&self.edges);
        self.out.write(line);
        self.out.write(&self.edges);
        self.out.write("\n");
    }
}

fn spaces(n: isize) -> String {
    " ".repeat(n.max(0) as usize)
}

/// `center_text`: `text_length` is passed in because `text` may carry colour codes.
fn center_text(text: &str, length: usize, left: &str, right: &str, text_length: usize) -> String {
    let (length, text_length) = (length as isize, text_length as isize);
    let start = length / 2 - text_length / 2 - 1;
    let so_far = text_width(left) as isize + start + text_length;
    let right_spaces = length - text_width(right) as isize - so_far;
    format!(
        "{left}{}{text}{}{right}",
        spaces(start),
        spaces(right_spaces)
    )
}

/// `align_left`: two spaces of padding unless the cell is too narrow to hold them.
fn align_left(text: &str, length: usize, left: &str, right: &str, text_length: usize) -> String {
    let (length, text_length) = (length as isize, text_length as isize);
    let (left_len, right_len) = (left.len() as isize, right.len() as isize);
    let padding = if length - (text_length + 2 + left_len + right_len) >= 0 {
        2
    } else {
        0
    };
    let fill = length - left_len - padding - text_length - right_len;
    format!("{left}{}{text}{}{right}", spaces(padding), spaces(fill))
}

/// `+-------+---------+`
fn line_break(widths: &[usize]) -> String {
    let mut line = String::new();
    for (i, w) in widths.iter().enumerate() {
        if i == 0 {
            line.push_str(&format!("+{}+", "-".repeat(w.saturating_sub(2))));
        } else {
            line.push_str(&format!("{}+", "-".repeat(w.saturating_sub(1))));
        }
    }
    line
}
