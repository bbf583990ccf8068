//! The `table` output format: a port of `TableFormatter` (awscli/formatter.py), which turns
//! any response into titled sections of a [`MultiTable`] without looking at the model.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::multitable::{MultiTable, RowLengthError};
use super::python::{is_container, is_truthy, str_of};

/// The table for one response titled `operation`, or `None` when the response is falsy
/// (`{}`, `[]`, `null`, `0`, `""`, `false`): the CLI prints nothing at all then.
pub(crate) fn to_table(
    value: &Value,
    operation: &str,
    color: bool,
    terminal_width: usize,
) -> Result<Option<String>, RowLengthError> {
    let mut table = MultiTable::new(color, terminal_width);
    if build(&mut table, Some(operation), value, 0)? {
        Ok(Some(table.render()))
    } else {
        Ok(None)
    }
}

fn build(
    table: &mut MultiTable,
    title: Option<&str>,
    current: &Value,
    indent: usize,
) -> Result<bool, RowLengthError> {
    if !is_truthy(current) {
        return Ok(false);
    }
    if title.is_some() {
        table.new_section(title, indent);
    }
    match current {
        // Only the first element decides whether a list is a list of dicts, as in the CLI.
        Value::Array(items) if items[0].is_object() => from_list(table, items, indent, title)?,
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Array(elements) if elements.iter().all(|e| !is_container(e)) => {
                        table
                            .current()
                            .add_row(elements.iter().map(cell).collect())?;
                    }
                    // Iterating a dict yields its keys, all scalars: the CLI makes a row of them.
                    Value::Object(map) => table.current().add_row(map.keys().cloned().collect())?,
                    Value::Array(_) => {
                        build(table, None, item, 0)?;
                    }
                    scalar => table.current().add_row(vec![cell(scalar)])?,
                }
            }
        }
        Value::Object(map) => from_dict(table, map, indent)?,
        _ => {}
    }
    Ok(true)
}

/// One section for a dict: its scalar keys as the header and their values as the single row
/// (a lone scalar is a `key | value` row); every nested value becomes a sub-section.
fn from_dict(
    table: &mut MultiTable,
    map: &Map<String, Value>,
    indent: usize,
) -> Result<(), RowLengthError> {
    let (headers, nested) = group_scalar_keys(map);
    if let [only] = headers.as_slice() {
        table
            .current()
            .add_row(vec![only.clone(), cell(&map[only])])?;
    } else if !headers.is_empty() {
        table.current().add_header(headers.clone());
        table
            .current()
            .add_row(headers.iter().map(|k| cell(&map[k])).collect())?;
    }
    for key in nested {
        build(table, Some(&key), &map[&key], indent + 1)?;
    }
    Ok(())
}

/// A list of dicts: one header from the union of their scalar keys and a row per element;
/// when elements have nested values each element gets its own section so they stay together.
fn from_list(
    table: &mut MultiTable,
    items: &[Value],
    indent: usize,
    title: Option<&str>,
) -> Result<(), RowLengthError> {
    let mut header_set = BTreeSet::new();
    let mut nested_set = BTreeSet::new();
    for map in items.iter().filter_map(Value::as_object) {
        let (headers, nested) = group_scalar_keys(map);
        header_set.extend(headers);
        nested_set.extend(nested);
    }
    let headers: Vec<String> = header_set.into_iter().collect();
    let nested: Vec<String> = nested_set.into_iter().collect();
    table.current().add_header(headers.clone());
    let empty = Map::new();
    for (i, element) in items.iter().enumerate() {
        if i > 0 && !nested.is_empty() {
            table.new_section(title, indent);
            table.current().add_header(headers.clone());
        }
        let element = element.as_object().unwrap_or(&empty);
        table.current().add_row(
            headers
                .iter()
                .map(|h| element.get(h).map(cell).unwrap_or_default())
                .collect(),
        )?;
        for key in &nested {
            if let Some(value) = element.get(key) {
                build(table, Some(key), value, indent + 1)?;
            }
        }
    }
    Ok(())
}

/// The dict's keys split into scalar-valued and nested ones, each sorted.
fn group_scalar_keys(map: &Map<String, Value>) -> (Vec<String>, Vec<String>) {
    let (mut nested, mut headers): (Vec<String>, Vec<String>) = map
        .iter()
        .map(|(k, _)| k.clone())
        .partition(|k| is_container(&map[k]));
    headers.sort();
    nested.sort();
    (headers, nested)
}

fn cell(value: &Value) -> String {
    str_of(value).into_owned()
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
