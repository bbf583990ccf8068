//! A minimal service model: the shapes of response members, enough to turn an XML response
//! into typed JSON in the model's member order, as botocore's parsers do.

use serde_json::{Map, Number, Value};

use super::timestamp;
use super::xml::Element;
use crate::settings::TimestampFormat;

#[derive(Debug)]
pub enum Shape {
    String,
    Integer,
    Double,
    Boolean,
    Timestamp,
    Structure(&'static [Member]),
    /// A list whose entries are child elements named `item` (`member` in Query, `item` in EC2).
    List {
        item: &'static str,
        member: &'static Shape,
    },
    /// A map of `<entry><key/><value/></entry>` elements (Query), keys as text.
    Map {
        value: &'static Shape,
    },
}

#[derive(Debug)]
pub struct Member {
    /// The name in the output.
    pub name: &'static str,
    /// The element name on the wire (EC2 lower-cases the first letter, for one).
    pub xml_name: &'static str,
    pub shape: &'static Shape,
}

impl Member {
    pub const fn new(name: &'static str, shape: &'static Shape) -> Member {
        Member {
            name,
            xml_name: name,
            shape,
        }
    }
}

/// Decodes an element by its shape. Absent members are left out, as botocore leaves them.
pub fn decode(element: &Element, shape: &Shape, timestamps: TimestampFormat) -> Value {
    match shape {
        Shape::String => Value::String(element.text.clone()),
        Shape::Integer => element
            .text
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::String(element.text.clone())),
        Shape::Double => element
            .text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(element.text.clone())),
        Shape::Boolean => Value::Bool(element.text.trim() == "true"),
        Shape::Timestamp => Value::String(timestamp::render(element.text.trim(), timestamps)),
        Shape::Structure(members) => {
            let mut map = Map::new();
            for member in *members {
                if let Some(child) = element.child(member.xml_name) {
                    map.insert(
                        member.name.to_string(),
                        decode(child, member.shape, timestamps),
                    );
                }
            }
            Value::Object(map)
        }
        Shape::List { item, member } => Value::Array(
            element
                .children_named(item)
                .map(|c| decode(c, member, timestamps))
                .collect(),
        ),
        Shape::Map { value } => Value::Object(
            element
                .children_named("entry")
                .filter_map(|e| {
                    let key = e.child("key")?.text.clone();
                    Some((key, decode(e.child("value")?, value, timestamps)))
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::xml;

    static TAG: Shape = Shape::Structure(&[
        Member::new("Key", &Shape::String),
        Member::new("Value", &Shape::String),
    ]);
    static OUTPUT: Shape = Shape::Structure(&[
        Member::new("Name", &Shape::String),
        Member::new("Count", &Shape::Integer),
        Member::new("Ratio", &Shape::Double),
        Member::new("Enabled", &Shape::Boolean),
        Member::new("When", &Shape::Timestamp),
        Member::new(
            "Tags",
            &Shape::List {
                item: "member",
                member: &TAG,
            },
        ),
        Member {
            name: "Lower",
            xml_name: "lower",
            shape: &Shape::String,
        },
        Member::new("Absent", &Shape::String),
    ]);

    #[test]
    fn decodes_in_model_order_with_types() {
        let doc = b"<R><Tags><member><Value>v</Value><Key>k</Key></member></Tags><lower>x</lower><When>2026-11-23T17:17:06.258Z</When><Enabled>true</Enabled><Ratio>0.5</Ratio><Count>42</Count><Name>n</Name></R>";
        let value = decode(&xml::parse(doc).unwrap(), &OUTPUT, TimestampFormat::Iso8601);
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"Name":"n","Count":42,"Ratio":0.5,"Enabled":true,"When":"2026-11-23T17:17:06.258000+00:00","Tags":[{"Key":"k","Value":"v"}],"Lower":"x"}"#
        );
    }

    #[test]
    fn maps_are_entries_of_keys_and_values() {
        static MAP: Shape = Shape::Map {
            value: &Shape::String,
        };
        let doc = b"<M><entry><key>b</key><value>2</value></entry><entry><key>a</key><value>1</value></entry></M>";
        let value = decode(&xml::parse(doc).unwrap(), &MAP, TimestampFormat::Wire);
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"b":"2","a":"1"}"#
        );
    }

    #[test]
    fn empty_lists_are_empty_arrays() {
        let value = decode(
            &xml::parse(b"<R><Tags/></R>").unwrap(),
            &OUTPUT,
            TimestampFormat::Wire,
        );
        assert_eq!(value["Tags"], serde_json::json!([]));
    }
}
