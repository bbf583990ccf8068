//! The EC2 flavour of the Query protocol: lists serialised as `Name.1`, `Name.2`
//! (`Filter.1.Value.1` when nested), responses whose members sit directly under the root
//! element, lists of `<item>` elements with lower-camel names, and `<Response><Errors>` error
//! bodies (read by [`super::query::parse_error`]).

use serde_json::Value;

use super::shape::{Shape, decode};
use super::xml;
use crate::error::Error;
use crate::settings::TimestampFormat;

pub const VERSION: &str = "2016-11-15";

/// Adds `prefix.1=v1&prefix.2=v2...`.
pub fn push_list(params: &mut Vec<(String, String)>, prefix: &str, values: &[String]) {
    for (i, v) in values.iter().enumerate() {
        params.push((format!("{prefix}.{}", i + 1), v.clone()));
    }
}

pub fn parse_response(
    body: &[u8],
    output: &Shape,
    timestamps: TimestampFormat,
) -> Result<Value, Error> {
    let root = xml::parse(body).map_err(Error::InvalidResponse)?;
    Ok(decode(&root, output, timestamps))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::shape::Member;

    static STATE: Shape = Shape::Structure(&[
        Member {
            name: "Code",
            xml_name: "code",
            shape: &Shape::Integer,
        },
        Member {
            name: "Name",
            xml_name: "name",
            shape: &Shape::String,
        },
    ]);
    static CHANGE: Shape = Shape::Structure(&[
        Member {
            name: "CurrentState",
            xml_name: "currentState",
            shape: &STATE,
        },
        Member {
            name: "InstanceId",
            xml_name: "instanceId",
            shape: &Shape::String,
        },
    ]);
    static OUTPUT: Shape = Shape::Structure(&[Member {
        name: "TerminatingInstances",
        xml_name: "instancesSet",
        shape: &Shape::List {
            item: "item",
            member: &CHANGE,
        },
    }]);

    #[test]
    fn members_sit_under_the_root_and_lists_are_items() {
        let body = br#"<TerminateInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><instancesSet><item><instanceId>i-1</instanceId><currentState><code>32</code><name>shutting-down</name></currentState></item></instancesSet></TerminateInstancesResponse>"#;
        let value = parse_response(body, &OUTPUT, TimestampFormat::Iso8601).unwrap();
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"TerminatingInstances":[{"CurrentState":{"Code":32,"Name":"shutting-down"},"InstanceId":"i-1"}]}"#
        );
    }

    #[test]
    fn lists_are_numbered_from_one() {
        let mut params = Vec::new();
        push_list(&mut params, "InstanceId", &["i-1".into(), "i-2".into()]);
        assert_eq!(
            params,
            [
                ("InstanceId.1".to_string(), "i-1".to_string()),
                ("InstanceId.2".into(), "i-2".into())
            ]
        );
    }
}
