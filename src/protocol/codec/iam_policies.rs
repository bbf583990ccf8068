//! IAM's policy documents, as botocore hands them over: IAM sends each one URL-encoded
//! (`%7B%22Version%22...`), and botocore, after every IAM call, decodes the members whose
//! shape is `policyDocumentType` and reads them as JSON, so the CLI prints the document as
//! JSON. A document that does not read so is left as it came, as botocore leaves it.

use serde_json::Value;

use crate::error::Error;
use crate::model::{ServiceModel, Shape, ShapeType};

const POLICY_DOCUMENT: &str = "policyDocumentType";

/// Whether the model is IAM's (its policy documents are decoded after parsing).
pub fn applies(model: &ServiceModel) -> bool {
    model.metadata.service_id == "IAM"
}

/// Decodes the policy documents of an output, walking only the shapes the output reaches.
pub fn decode(model: &ServiceModel, shape: &Shape, value: &mut Value) -> Result<(), Error> {
    match (shape.kind, value) {
        (ShapeType::Structure, Value::Object(map)) => {
            for (key, r) in &shape.members {
                let Some(v) = map.get_mut(key) else { continue };
                let member = model.shape(&r.shape)?;
                if member.kind == ShapeType::String && r.shape == POLICY_DOCUMENT {
                    if let Value::String(text) = v
                        && let Some(parsed) = decode_document(text)
                    {
                        *v = parsed;
                    }
                } else {
                    decode(model, member, v)?;
                }
            }
        }
        (ShapeType::List, Value::Array(items)) => {
            if let Some(member_ref) = &shape.member {
                let member = model.shape(&member_ref.shape)?;
                if member.kind.is_scalar() {
                    return Ok(());
                }
                for item in items {
                    decode(model, member, item)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn decode_document(text: &str) -> Option<Value> {
    let decoded = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()?;
    serde_json::from_str(&decoded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_decode_or_stay_as_they_came() {
        assert_eq!(
            decode_document("%7B%22Version%22%3A%222012-10-17%22%7D"),
            Some(serde_json::json!({"Version": "2012-10-17"}))
        );
        assert_eq!(decode_document("not%20json"), None);
    }
}
