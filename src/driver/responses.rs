//! What botocore does to a parsed response before the CLI prints it. IAM hands policy
//! documents back URL-encoded; botocore decodes every string member whose shape is IAM's
//! `policyDocumentType` and reads it as JSON (a document that does not read stays text).
//! Structures and lists are walked, maps are not, as botocore walks them.

use serde_json::Value;

use crate::model::{ModelError, ServiceModel, Shape, ShapeType};

const POLICY_DOCUMENT: &str = "policyDocumentType";

pub fn after_call(
    model: &ServiceModel,
    output: Option<&Shape>,
    value: &mut Value,
) -> Result<(), ModelError> {
    if model.name == "iam"
        && let Some(shape) = output
    {
        decode_policies(model, shape, value)?;
    }
    Ok(())
}

fn decode_policies(
    model: &ServiceModel,
    shape: &Shape,
    value: &mut Value,
) -> Result<(), ModelError> {
    match (shape.kind, value) {
        (ShapeType::Structure, Value::Object(map)) => {
            for (name, r) in &shape.members {
                let Some(v) = map.get_mut(name) else { continue };
                let member = model.shape(&r.shape)?;
                if member.kind == ShapeType::String && r.shape == POLICY_DOCUMENT {
                    if let Value::String(text) = v
                        && let Some(document) = decode_document(text)
                    {
                        *v = document;
                    }
                } else {
                    decode_policies(model, member, v)?;
                }
            }
        }
        (ShapeType::List, Value::Array(items)) => {
            let member = model.shape(&shape.member.as_ref().expect("a list has a member").shape)?;
            for item in items {
                decode_policies(model, member, item)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// `json.loads(unquote(text))`: percent-decoded (a `+` stays a `+`), then JSON.
fn decode_document(text: &str) -> Option<Value> {
    let decoded = percent_encoding::percent_decode_str(text).decode_utf8_lossy();
    serde_json::from_str(&decoded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_decode_and_bad_ones_stay_text() {
        assert_eq!(
            decode_document("%7B%22Version%22%3A%222012-10-17%22%2C%22a%22%3A%5B1%5D%7D"),
            Some(serde_json::json!({"Version": "2012-10-17", "a": [1]}))
        );
        assert_eq!(decode_document("not%20json"), None);
    }

    #[test]
    fn get_role_and_list_policies_decode_their_documents() {
        let model = crate::model::embedded::service("iam").unwrap().unwrap();
        let op = model.operation("GetRole").unwrap().unwrap();
        let shape = model.shape(&op.output.as_ref().unwrap().shape).unwrap();
        let mut value = serde_json::json!({"Role": {"RoleName": "r", "AssumeRolePolicyDocument": "%7B%22a%22%3A1%7D"}});
        after_call(model, Some(shape), &mut value).unwrap();
        assert_eq!(
            value["Role"]["AssumeRolePolicyDocument"],
            serde_json::json!({"a": 1})
        );
        assert_eq!(value["Role"]["RoleName"], "r");
    }
}
