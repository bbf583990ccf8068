//! The members of a value, documented recursively as the CLI's help does (`Name -> (type)`,
//! the member's documentation, its enum values and constraints, then its own members), for
//! an option's value and for an operation's OUTPUT.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt::Write as _;

use super::docs::Docs;
use super::html;
use super::syntax::type_name;
use crate::model::{ModelError, ServiceModel};

pub struct Members<'a> {
    pub model: &'a ServiceModel,
    pub docs: &'a Docs,
    pub width: usize,
    state: RefCell<State>,
}

/// A section's rendering: whether it grew past `LIMIT`, and in the second, bounded pass,
/// the structures whose members were already written out.
#[derive(Default)]
struct State {
    bounded: bool,
    overflow: bool,
    expanded: HashSet<String>,
}

/// Each level of members is indented by this much more than its parent.
const STEP: usize = 3;

/// A section longer than this is written again with each structure's members given once (a
/// few models reuse large structures so often that every path written out runs to tens of
/// megabytes: quicksight's analysis definitions).
const LIMIT: usize = 1 << 20;

impl<'a> Members<'a> {
    pub fn new(model: &'a ServiceModel, docs: &'a Docs, width: usize) -> Members<'a> {
        Members {
            model,
            docs,
            width,
            state: RefCell::default(),
        }
    }

    /// Renders a section in full, or, when that passes `LIMIT`, with repeats cut.
    fn bounded(
        &self,
        render: impl Fn(&Self) -> Result<String, ModelError>,
    ) -> Result<String, ModelError> {
        self.state.replace(State::default());
        let full = render(self)?;
        if !self.state.borrow().overflow {
            return Ok(full);
        }
        self.state.replace(State {
            bounded: true,
            ..State::default()
        });
        render(self)
    }

    /// The members of a structure shape, each documented at `indent` (an OUTPUT section).
    pub fn members_of(&self, shape_name: &str, indent: usize) -> Result<String, ModelError> {
        self.bounded(|m| m.members_of_unbounded(shape_name, indent))
    }

    fn members_of_unbounded(&self, shape_name: &str, indent: usize) -> Result<String, ModelError> {
        let shape = self.model.shape(shape_name)?;
        let mut out = String::new();
        let mut stack = vec![shape_name.to_string()];
        for (name, r) in &shape.members {
            let doc = self.docs.member(shape_name, name, &r.shape);
            let required = shape.is_required(name);
            self.member(&mut out, name, doc, &r.shape, required, indent, &mut stack)?;
        }
        Ok(out)
    }

    /// What a non-scalar option's value holds: a structure's members, a list's element, a
    /// map's key and value.
    pub fn nested(&self, shape_name: &str, indent: usize) -> Result<String, ModelError> {
        self.bounded(|m| m.nested_unbounded(shape_name, indent))
    }

    fn nested_unbounded(&self, shape_name: &str, indent: usize) -> Result<String, ModelError> {
        let shape = self.model.shape(shape_name)?;
        let mut out = String::new();
        let mut stack = vec![shape_name.to_string()];
        if shape.document {
            return Ok(out);
        }
        if !shape.members.is_empty() {
            return self.members_of_unbounded(shape_name, indent);
        }
        if let Some(member) = &shape.member {
            let doc = self.docs.shape_doc(&member.shape);
            self.member(&mut out, "", doc, &member.shape, false, indent, &mut stack)?;
        }
        if let (Some(key), Some(value)) = (&shape.key, &shape.value) {
            let name = key.location_name.as_deref().unwrap_or("key");
            let doc = self.docs.shape_doc(&key.shape);
            self.member(&mut out, name, doc, &key.shape, false, indent, &mut stack)?;
            let name = value.location_name.as_deref().unwrap_or("value");
            let doc = self.docs.shape_doc(&value.shape);
            self.member(&mut out, name, doc, &value.shape, false, indent, &mut stack)?;
        }
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn member(
        &self,
        out: &mut String,
        name: &str,
        doc: &str,
        shape_name: &str,
        required: bool,
        indent: usize,
        stack: &mut Vec<String>,
    ) -> Result<(), ModelError> {
        let shape = self.model.shape(shape_name)?;
        let pad = " ".repeat(indent);
        // A shape met again below itself is documented once, then marked.
        if stack.iter().filter(|s| *s == shape_name).count() > 1 {
            return Ok(());
        }
        if stack.iter().any(|s| s == shape_name) {
            if shape.kind == crate::model::ShapeType::Structure {
                let _ = writeln!(out, "{pad}( ... recursive ... )\n");
            }
            return Ok(());
        }
        let kind = type_name(shape);
        let required = if required { " [required]" } else { "" };
        if name.is_empty() {
            let _ = writeln!(out, "{pad}({kind}){required}\n");
        } else {
            let _ = writeln!(out, "{pad}{name} -> ({kind}){required}\n");
        }
        let inner = indent + STEP;
        let text = html::render(doc, inner, self.width);
        if !text.is_empty() {
            out.push_str(&text);
            out.push('\n');
        }
        out.push_str(&self.enums_and_constraints(shape_name, inner));
        {
            let mut state = self.state.borrow_mut();
            if !state.bounded && out.len() > LIMIT {
                state.overflow = true;
            }
            if state.overflow {
                return Ok(());
            }
            if state.bounded
                && !shape.members.is_empty()
                && !state.expanded.insert(shape_name.to_string())
            {
                let _ = writeln!(out, "{}( ... members as above ... )\n", " ".repeat(inner));
                return Ok(());
            }
        }
        stack.push(shape_name.to_string());
        for (sub, r) in &shape.members {
            if shape.document {
                break;
            }
            let doc = self.docs.member(shape_name, sub, &r.shape);
            let required = shape.is_required(sub);
            self.member(out, sub, doc, &r.shape, required, inner, stack)?;
        }
        if let Some(member) = &shape.member {
            let doc = self.docs.shape_doc(&member.shape);
            self.member(out, "", doc, &member.shape, false, inner, stack)?;
        }
        if let (Some(key), Some(value)) = (&shape.key, &shape.value) {
            let name = key.location_name.as_deref().unwrap_or("key");
            let doc = self.docs.shape_doc(&key.shape);
            self.member(out, name, doc, &key.shape, false, inner, stack)?;
            let name = value.location_name.as_deref().unwrap_or("value");
            let doc = self.docs.shape_doc(&value.shape);
            self.member(out, name, doc, &value.shape, false, inner, stack)?;
        }
        stack.pop();
        Ok(())
    }

    /// "Possible values:" for an enum, "Constraints:" for min, max and pattern: blocks that
    /// end with a blank line, or nothing.
    pub fn enums_and_constraints(&self, shape_name: &str, indent: usize) -> String {
        let pad = " ".repeat(indent);
        let mut out = String::new();
        let values = self.docs.enum_values(shape_name);
        if !values.is_empty() {
            let _ = writeln!(out, "{pad}Possible values:\n");
            for v in values {
                let _ = writeln!(out, "{pad}o {v}\n");
            }
        }
        let min = self
            .model
            .shape(shape_name)
            .ok()
            .and_then(|s| s.min)
            .map(|m| m.to_string());
        let max = self.docs.max(shape_name);
        let pattern = self.docs.pattern(shape_name).map(str::to_string);
        let limits: Vec<(&str, String)> = [("min", min), ("max", max), ("pattern", pattern)]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect();
        if !limits.is_empty() {
            let _ = writeln!(out, "{pad}Constraints:\n");
            for (k, v) in limits {
                let _ = writeln!(out, "{pad}o {k}: {v}\n");
            }
        }
        out
    }
}
