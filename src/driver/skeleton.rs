//! `--generate-cli-skeleton`: an empty request (`input`, `yaml-input`) or a sample response
//! (`output`), as botocore's `ArgumentGenerator` fills them: `""` (or an enum's first value,
//! or with `output` the member's name) for strings, 0, 0.0, true, 1970-01-01 for timestamps,
//! one entry for lists, `KeyName` for maps, and a recursive structure cut at its second
//! appearance.

use serde_json::{Map, Value};

use crate::model::{ModelError, ServiceModel, Shape, ShapeType};

/// Enum values per shape, from the service's documentation blob (only skeletons read them).
pub struct Enums(Option<Value>);

impl Enums {
    pub fn load(model: &ServiceModel) -> Enums {
        let docs = crate::model::embedded::documentation(&model.name)
            .and_then(Result::ok)
            .and_then(|text| serde_json::from_str::<Value>(text).ok());
        Enums(docs)
    }

    fn first(&self, shape: &str) -> Option<&str> {
        self.0
            .as_ref()?
            .get("shapes")?
            .get(shape)?
            .get("enum")?
            .get(0)?
            .as_str()
    }
}

pub struct Generator<'a> {
    pub model: &'a ServiceModel,
    pub enums: &'a Enums,
    /// `output`: strings are their member's name.
    pub use_member_names: bool,
}

impl Generator<'_> {
    /// The skeleton of a shape as JSON (`input`, `output`).
    pub fn json(&self, shape: &str) -> Result<Value, ModelError> {
        self.value(shape, "", &mut Vec::new())
    }

    fn value(
        &self,
        name: &str,
        member: &str,
        stack: &mut Vec<String>,
    ) -> Result<Value, ModelError> {
        let shape = self.model.shape(name)?;
        stack.push(name.to_string());
        let value = match shape.kind {
            ShapeType::Structure => {
                let mut map = Map::new();
                if stack.iter().filter(|s| *s == name).count() <= 1 {
                    for (m, r) in &shape.members {
                        map.insert(m.clone(), self.value(&r.shape, m, stack)?);
                    }
                }
                Value::Object(map)
            }
            ShapeType::List => {
                let member_ref = shape.member.as_ref().expect("a list has a member");
                let member_name = if self.use_member_names {
                    &member_ref.shape
                } else {
                    ""
                };
                Value::Array(vec![self.value(&member_ref.shape, member_name, stack)?])
            }
            ShapeType::Map => {
                let value = &shape.value.as_ref().expect("a map has a value").shape;
                Value::Object(Map::from_iter([(
                    "KeyName".to_string(),
                    self.value(value, "", stack)?,
                )]))
            }
            ShapeType::String if self.use_member_names => Value::String(member.to_string()),
            ShapeType::String => {
                Value::String(self.enums.first(name).unwrap_or_default().to_string())
            }
            ShapeType::Integer | ShapeType::Long => Value::from(0),
            ShapeType::Float | ShapeType::Double => Value::from(0.0),
            ShapeType::Boolean => Value::Bool(true),
            ShapeType::Timestamp => Value::String("1970-01-01T00:00:00".into()),
            // botocore's generator has no case for blobs (or big numbers): None.
            _ => Value::Null,
        };
        stack.pop();
        Ok(value)
    }

    /// The `yaml-input` skeleton, in ruamel's block layout with the model's member order.
    pub fn yaml(&self, shape: &str) -> Result<String, ModelError> {
        let mut out = String::new();
        let top = self.model.shape(shape)?;
        if top.members.is_empty() {
            return Ok("{}\n".into());
        }
        self.yaml_members(top, shape, 0, &mut vec![shape.to_string()], &mut out)?;
        Ok(out)
    }

    fn yaml_members(
        &self,
        shape: &Shape,
        name: &str,
        indent: usize,
        stack: &mut Vec<String>,
        out: &mut String,
    ) -> Result<(), ModelError> {
        let _ = name;
        for (i, (m, r)) in shape.members.iter().enumerate() {
            // The first key of a mapping that is a list entry follows its `- `.
            let pad = if i == 0 && out.ends_with("- ") {
                0
            } else {
                indent
            };
            out.push_str(&" ".repeat(pad));
            out.push_str(m);
            out.push(':');
            self.yaml_value(&r.shape, indent, stack, out)?;
        }
        Ok(())
    }

    fn yaml_value(
        &self,
        name: &str,
        indent: usize,
        stack: &mut Vec<String>,
        out: &mut String,
    ) -> Result<(), ModelError> {
        let shape = self.model.shape(name)?;
        stack.push(name.to_string());
        match shape.kind {
            ShapeType::Structure => {
                if stack.iter().filter(|s| *s == name).count() > 1 || shape.members.is_empty() {
                    out.push_str(" {}\n");
                } else {
                    out.push('\n');
                    self.yaml_members(shape, name, indent + 2, stack, out)?;
                }
            }
            ShapeType::List => {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                out.push_str("- ");
                let member = &shape.member.as_ref().expect("a list has a member").shape;
                self.yaml_item(member, indent + 2, stack, out)?;
            }
            ShapeType::Map => {
                out.push('\n');
                out.push_str(&" ".repeat(indent + 2));
                out.push_str("KeyName:");
                let value = &shape.value.as_ref().expect("a map has a value").shape;
                self.yaml_value(value, indent + 2, stack, out)?;
            }
            _ => {
                out.push(' ');
                out.push_str(&self.yaml_scalar(name, shape));
                out.push('\n');
            }
        }
        stack.pop();
        Ok(())
    }

    /// A list entry: a mapping starts on the dash's line; a scalar follows it.
    fn yaml_item(
        &self,
        name: &str,
        indent: usize,
        stack: &mut Vec<String>,
        out: &mut String,
    ) -> Result<(), ModelError> {
        let shape = self.model.shape(name)?;
        match shape.kind {
            ShapeType::Structure
                if stack.iter().filter(|s| *s == name).count() == 0
                    && !shape.members.is_empty() =>
            {
                stack.push(name.to_string());
                self.yaml_members(shape, name, indent, stack, out)?;
                stack.pop();
            }
            ShapeType::Structure | ShapeType::Map => out.push_str("{}\n"),
            ShapeType::List => out.push_str("[]\n"),
            _ => {
                out.push_str(&self.yaml_scalar(name, shape));
                out.push('\n');
            }
        }
        Ok(())
    }

    fn yaml_scalar(&self, name: &str, shape: &Shape) -> String {
        match shape.kind {
            ShapeType::String => match self.enums.first(name) {
                Some(v)
                    if !v.is_empty()
                        && v.chars()
                            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) =>
                {
                    v.to_string()
                }
                Some(v) => format!("'{}'", v.replace('\'', "''")),
                None => "''".to_string(),
            },
            ShapeType::Integer | ShapeType::Long => "0".into(),
            ShapeType::Float | ShapeType::Double => "0.0".into(),
            ShapeType::Boolean => "true".into(),
            ShapeType::Timestamp => "1970-01-01 00:00:00".into(),
            ShapeType::Blob => "!!binary ''".into(),
            _ => "null".into(),
        }
    }
}
