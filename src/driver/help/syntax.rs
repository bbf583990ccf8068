//! The value syntaxes an option's help shows: the shorthand (`Name=string,Values=string,string
//! ...`) for structures, maps and lists of them, the space-separated form for lists of scalars,
//! and a JSON example for anything that is not a scalar, as the CLI v2 documents them.

use super::docs::Docs;
use crate::model::{ModelError, ServiceModel, Shape, ShapeType};

/// The type name the CLI prints for a shape (`string`, `list`, `structure`, `document`, ...).
pub fn type_name(shape: &Shape) -> &'static str {
    match shape.kind {
        ShapeType::Structure if shape.document => "document",
        ShapeType::Structure => "structure",
        ShapeType::List => "list",
        ShapeType::Map => "map",
        ShapeType::String => "string",
        ShapeType::Integer => "integer",
        ShapeType::Long => "long",
        ShapeType::Float => "float",
        ShapeType::Double => "double",
        ShapeType::Boolean => "boolean",
        ShapeType::Timestamp => "timestamp",
        ShapeType::Blob => "blob",
        ShapeType::Bigdecimal => "bigdecimal",
        ShapeType::Biginteger => "biginteger",
    }
}

fn is_complex(kind: ShapeType) -> bool {
    !kind.is_scalar()
}

/// A document, or a list or map of them: only JSON describes those.
fn holds_document(model: &ServiceModel, shape: &Shape) -> Result<bool, ModelError> {
    if shape.document {
        return Ok(true);
    }
    match shape.kind {
        ShapeType::List => {
            let member = model.shape(&shape.member.as_ref().expect("list member").shape)?;
            holds_document(model, member)
        }
        ShapeType::Map => {
            let value = model.shape(&shape.value.as_ref().expect("map value").shape)?;
            holds_document(model, value)
        }
        _ => Ok(false),
    }
}

/// The shorthand example for an argument's shape, `None` when shorthand does not apply (a
/// scalar, a list of scalars, a document) or the shape is too deep to write that way.
pub fn shorthand(
    model: &ServiceModel,
    docs: &Docs,
    shape: &Shape,
) -> Result<Option<String>, ModelError> {
    if holds_document(model, shape)? || !is_complex(shape.kind) {
        return Ok(None);
    }
    if shape.kind == ShapeType::List {
        let member = model.shape(&shape.member.as_ref().expect("list member").shape)?;
        if !is_complex(member.kind) {
            return Ok(None);
        }
        return Ok(Shorthand { model }
            .value(member, &mut Vec::new())?
            .map(|s| format!("{s} ...")));
    }
    // EC2's `{"Value": string}` wrappers take a bare value; the CLI shows no shorthand.
    if shape.kind == ShapeType::Structure
        && shape.members.len() == 1
        && let Some(r) = shape.members.get("Value")
        && model.shape(&r.shape)?.kind == ShapeType::String
    {
        return Ok(None);
    }
    let example = Shorthand { model }.value(shape, &mut Vec::new())?;
    // A map whose keys are an enum lists them under the example.
    let key_names = match (&shape.kind, &shape.key) {
        (ShapeType::Map, Some(key)) => docs.enum_values(&key.shape),
        _ => Vec::new(),
    };
    Ok(example.map(|mut e| {
        if !key_names.is_empty() {
            e.push_str("\n\nWhere valid key names are:\n");
            for k in key_names {
                e.push_str(&format!("  {k}\n"));
            }
        }
        e
    }))
}

struct Shorthand<'a> {
    model: &'a ServiceModel,
}

/// Deeper than this, the CLI shows no shorthand at all.
const MAX_DEPTH: usize = 3;

impl Shorthand<'_> {
    /// `None`: too deep.
    fn value(&self, shape: &Shape, stack: &mut Vec<String>) -> Result<Option<String>, ModelError> {
        if stack.len() > MAX_DEPTH {
            return Ok(None);
        }
        let nested = !stack.is_empty();
        Ok(Some(match shape.kind {
            ShapeType::Structure => {
                let mut parts = Vec::new();
                for (name, r) in &shape.members {
                    let member = self.model.shape(&r.shape)?;
                    if holds_document(self.model, member)? {
                        continue;
                    }
                    if stack.contains(&r.shape) {
                        parts.push(format!("{name}=( ... recursive ... )"));
                        continue;
                    }
                    stack.push(r.shape.clone());
                    let value = self.value(member, stack)?;
                    stack.pop();
                    let Some(value) = value else { return Ok(None) };
                    parts.push(format!("{name}={value}"));
                }
                let inner = parts.join(",");
                if nested {
                    format!("{{{inner}}}")
                } else {
                    inner
                }
            }
            ShapeType::List => {
                let r = shape.member.as_ref().expect("list member");
                let member = self.model.shape(&r.shape)?;
                stack.push(r.shape.clone());
                let element = self.value(member, stack)?;
                stack.pop();
                let Some(element) = element else {
                    return Ok(None);
                };
                if is_complex(member.kind) || stack.len() > 1 {
                    format!("[{element},{element}]")
                } else {
                    format!("{element},{element}")
                }
            }
            ShapeType::Map => {
                let r = shape.value.as_ref().expect("map value");
                let value_shape = self.model.shape(&r.shape)?;
                stack.push(r.shape.clone());
                let value = self.value(value_shape, stack)?;
                stack.pop();
                let Some(value) = value else { return Ok(None) };
                let pairs = format!("KeyName1={value},KeyName2={value}");
                if nested {
                    format!("{{{pairs}}}")
                } else {
                    pairs
                }
            }
            _ => type_name(shape).to_string(),
        }))
    }
}

/// `"string" "string" ...` for a list of scalars.
pub fn list_of_scalars(model: &ServiceModel, shape: &Shape) -> Result<Option<String>, ModelError> {
    if shape.kind != ShapeType::List {
        return Ok(None);
    }
    let member = model.shape(&shape.member.as_ref().expect("list member").shape)?;
    if is_complex(member.kind) {
        return Ok(None);
    }
    let name = scalar_example(member, None);
    Ok(Some(format!("{name} {name} ...")))
}

fn scalar_example(shape: &Shape, enums: Option<&[&str]>) -> String {
    match shape.kind {
        ShapeType::String => match enums {
            Some(values) if !values.is_empty() => values
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join("|"),
            _ => "\"string\"".into(),
        },
        ShapeType::Boolean => "true|false".into(),
        _ => type_name(shape).into(),
    }
}

/// A JSON example of a non-scalar shape, two spaces per level, for an option's help.
/// An example longer than this is written again with each structure given once (`{ ... }`
/// where it comes again).
const JSON_LIMIT: usize = 256 * 1024;

pub fn json(model: &ServiceModel, docs: &Docs, shape_name: &str) -> Result<String, ModelError> {
    let mut out = String::new();
    let full = Json {
        model,
        docs,
        seen: None,
    };
    full.value(shape_name, 0, &mut Vec::new(), &mut out)?;
    if out.len() <= JSON_LIMIT {
        return Ok(out);
    }
    out.clear();
    let bounded = Json {
        model,
        docs,
        seen: Some(Default::default()),
    };
    bounded.value(shape_name, 0, &mut Vec::new(), &mut out)?;
    Ok(out)
}

struct Json<'a> {
    model: &'a ServiceModel,
    docs: &'a Docs,
    /// In the bounded pass, the structures already written out.
    seen: Option<std::cell::RefCell<std::collections::HashSet<String>>>,
}

impl Json<'_> {
    fn scalar(&self, name: &str, shape: &Shape) -> String {
        let enums = self.docs.enum_values(name);
        scalar_example(shape, Some(&enums))
    }

    fn value(
        &self,
        name: &str,
        level: usize,
        stack: &mut Vec<String>,
        out: &mut String,
    ) -> Result<(), ModelError> {
        let shape = self.model.shape(name)?;
        if stack.iter().filter(|s| *s == name).count() >= 1 && shape.kind == ShapeType::Structure {
            out.push_str("{ ... recursive ... }");
            return Ok(());
        }
        if let Some(seen) = &self.seen
            && shape.kind == ShapeType::Structure
            && !shape.members.is_empty()
            && !seen.borrow_mut().insert(name.to_string())
        {
            out.push_str("{ ... }");
            return Ok(());
        }
        stack.push(name.to_string());
        let pad = |n: usize| "  ".repeat(n);
        match shape.kind {
            ShapeType::Structure if shape.document => out.push_str("{...}"),
            ShapeType::Structure => {
                out.push_str("{\n");
                let count = shape.members.len();
                for (i, (member, r)) in shape.members.iter().enumerate() {
                    out.push_str(&format!("{}\"{member}\": ", pad(level + 1)));
                    self.value(&r.shape, level + 1, stack, out)?;
                    if i + 1 < count {
                        out.push(',');
                    }
                    out.push('\n');
                }
                out.push_str(&format!("{}}}", pad(level)));
            }
            ShapeType::List => {
                let member_name = &shape.member.as_ref().expect("list member").shape;
                let member = self.model.shape(member_name)?;
                if member.kind.is_scalar() {
                    out.push_str(&format!("[{}, ...]", self.scalar(member_name, member)));
                } else {
                    out.push_str(&format!("[\n{}", pad(level + 1)));
                    self.value(member_name, level + 1, stack, out)?;
                    out.push_str(&format!("\n{}...\n{}]", pad(level + 1), pad(level)));
                }
            }
            ShapeType::Map => {
                let key_name = &shape.key.as_ref().expect("map key").shape;
                let value_name = &shape.value.as_ref().expect("map value").shape;
                let key = self.scalar(key_name, self.model.shape(key_name)?);
                out.push_str(&format!("{{\n{}{key}: ", pad(level + 1)));
                let value = self.model.shape(value_name)?;
                if value.kind.is_scalar() {
                    out.push_str(&self.scalar(value_name, value));
                } else {
                    self.value(value_name, level + 1, stack, out)?;
                }
                out.push_str(&format!("\n{}...\n{}}}", pad(level + 1), pad(level)));
            }
            _ => out.push_str(&self.scalar(name, shape)),
        }
        stack.pop();
        Ok(())
    }
}
