//! Binary values inside a resume token (a DynamoDB key attribute of type `B` or `BS`):
//! botocore holds them as bytes, which `json.dumps` cannot write, so its token encoder
//! base64-encodes each and lists where they were under `boto_encoded_keys`. awsctl holds
//! blobs as base64 text already; finding them by the token members' shapes gives the same
//! list, so the tokens read the same as the CLI's.

use serde_json::{Map, Value};

use crate::model::{ServiceModel, Shape, ShapeType};

/// The shapes of the input token members, to find blobs by.
#[derive(Debug, Clone)]
pub struct TokenShapes {
    pub model: &'static ServiceModel,
    /// Input token member name and its shape name.
    pub members: Vec<(String, String)>,
}

impl TokenShapes {
    /// `boto_encoded_keys`: the path (keys and list indices) of every blob in `tokens`, in
    /// the order botocore's encoder walks the dict.
    pub fn blob_paths(&self, tokens: &Map<String, Value>) -> Vec<Value> {
        let mut out = Vec::new();
        for (name, value) in tokens {
            let Some((_, shape)) = self.members.iter().find(|(m, _)| m == name) else {
                continue;
            };
            let Ok(shape) = self.model.shape(shape) else {
                continue;
            };
            walk(
                self.model,
                shape,
                value,
                &mut vec![Value::from(name.as_str())],
                &mut out,
            );
        }
        out
    }
}

fn walk(
    model: &ServiceModel,
    shape: &Shape,
    value: &Value,
    path: &mut Vec<Value>,
    out: &mut Vec<Value>,
) {
    let child = |name: &str| model.shape(name).ok();
    match (shape.kind, value) {
        (ShapeType::Blob, Value::String(_)) => out.push(Value::Array(path.clone())),
        (ShapeType::Structure, Value::Object(object)) => {
            for (key, v) in object {
                if let Some(member) = shape.members.get(key).and_then(|r| child(&r.shape)) {
                    path.push(Value::from(key.as_str()));
                    walk(model, member, v, path, out);
                    path.pop();
                }
            }
        }
        (ShapeType::Map, Value::Object(object)) => {
            let Some(member) = shape.value.as_ref().and_then(|r| child(&r.shape)) else {
                return;
            };
            for (key, v) in object {
                path.push(Value::from(key.as_str()));
                walk(model, member, v, path, out);
                path.pop();
            }
        }
        (ShapeType::List, Value::Array(items)) => {
            let Some(member) = shape.member.as_ref().and_then(|r| child(&r.shape)) else {
                return;
            };
            for (i, v) in items.iter().enumerate() {
                path.push(Value::from(i));
                walk(model, member, v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_dynamodb_binary_key_attributes() {
        let dynamodb = crate::model::service("dynamodb").unwrap().unwrap();
        let shapes = TokenShapes {
            model: dynamodb,
            members: vec![("ExclusiveStartKey".into(), "Key".into())],
        };
        let tokens = Map::from_iter([
            (
                "ExclusiveStartKey".to_string(),
                json!({"pk": {"S": "a"}, "bin": {"B": "AAE="}, "set": {"BS": ["AQ==", "Ag=="]}}),
            ),
            ("boto_truncate_amount".to_string(), json!(1)),
        ]);
        assert_eq!(
            shapes.blob_paths(&tokens),
            vec![
                json!(["ExclusiveStartKey", "bin", "B"]),
                json!(["ExclusiveStartKey", "set", "BS", 0]),
                json!(["ExclusiveStartKey", "set", "BS", 1]),
            ]
        );
        let plain = Map::from_iter([("ExclusiveStartKey".to_string(), json!({"pk": {"S": "a"}}))]);
        assert!(shapes.blob_paths(&plain).is_empty());
    }
}

#[cfg(test)]
mod engine_tests {
    use serde_json::{Map, Value, json};

    use super::super::{PaginatorConfig, PagingOptions, run_pages};

    /// A Scan cut inside a page whose key has binary attributes: the resume token is the one
    /// botocore's TokenEncoder writes for the same token (bytes b"\x00\x01", b"\x01", b"\x02").
    #[test]
    fn a_binary_key_gives_botocores_token() {
        let dynamodb = crate::model::service("dynamodb").unwrap().unwrap();
        let config = PaginatorConfig::for_operation(dynamodb, "Scan")
            .unwrap()
            .unwrap();
        let key = json!({"pk": {"S": "a"}, "bin": {"B": "AAE="}, "set": {"BS": ["AQ==", "Ag=="]}});
        let mut pages = vec![
            json!({"Items": [1], "Count": 1, "ScannedCount": 1, "LastEvaluatedKey": key}),
            json!({"Items": [2, 3], "Count": 2, "ScannedCount": 2}),
        ]
        .into_iter();
        let send = |_params: Map<String, Value>| std::future::ready(Ok(pages.next().unwrap()));
        let options = PagingOptions {
            max_items: Some(2),
            paginate: true,
            ..PagingOptions::default()
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let out = runtime
            .block_on(run_pages(&config, &options, Map::new(), send))
            .unwrap();
        assert_eq!(
            out.resume_token.as_deref(),
            Some(
                "eyJFeGNsdXNpdmVTdGFydEtleSI6IHsicGsiOiB7IlMiOiAiYSJ9LCAiYmluIjogeyJCIjogIkFBRT0ifSwgInNldCI6IHsiQlMiOiBbIkFRPT0iLCAiQWc9PSJdfX0sICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDEsICJib3RvX2VuY29kZWRfa2V5cyI6IFtbIkV4Y2x1c2l2ZVN0YXJ0S2V5IiwgImJpbiIsICJCIl0sIFsiRXhjbHVzaXZlU3RhcnRLZXkiLCAic2V0IiwgIkJTIiwgMF0sIFsiRXhjbHVzaXZlU3RhcnRLZXkiLCAic2V0IiwgIkJTIiwgMV1dfQ=="
            )
        );
        // Resuming from it sends the key back with the blobs as base64 text.
        let mut sent = Vec::new();
        let send = |params: Map<String, Value>| {
            sent.push(params);
            std::future::ready(Ok(json!({"Items": [2, 3], "Count": 2, "ScannedCount": 2})))
        };
        let options = PagingOptions {
            starting_token: out.resume_token.clone(),
            paginate: true,
            ..PagingOptions::default()
        };
        let resumed = runtime
            .block_on(run_pages(&config, &options, Map::new(), send))
            .unwrap();
        assert_eq!(
            sent,
            vec![Map::from_iter([("ExclusiveStartKey".to_string(), key)])]
        );
        assert_eq!(resumed.full_result()["Items"], json!([3]));
    }
}
