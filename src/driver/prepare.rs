//! What botocore does to the parameters between the CLI and the wire: blobs given as text
//! are base64-decoded (or, with `--cli-binary-format raw-in-base64-out`, taken as raw text),
//! and missing idempotency tokens are filled with a random UUID.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value};

use super::values::base64;
use crate::error::Error;
use crate::model::{ModelError, ServiceModel, Shape, ShapeType};

/// `--cli-binary-format` / `cli_binary_format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BinaryFormat {
    #[default]
    Base64,
    RawInBase64Out,
}

impl BinaryFormat {
    pub fn from_name(name: &str) -> Option<BinaryFormat> {
        match name {
            "base64" => Some(BinaryFormat::Base64),
            "raw-in-base64-out" => Some(BinaryFormat::RawInBase64Out),
            _ => None,
        }
    }
}

/// Brings every blob given as text to the engine's form (base64 of the bytes), except the
/// top-level members in `raw` (read with `fileb://`: bytes already).
pub fn blobs(
    model: &ServiceModel,
    input: &Shape,
    params: &mut Map<String, Value>,
    raw: &[String],
    format: BinaryFormat,
) -> Result<(), Error> {
    for (name, value) in params.iter_mut() {
        if raw.contains(name) {
            continue;
        }
        if let Some(r) = input.members.get(name) {
            visit(model, model.shape(&r.shape)?, value, format)?;
        }
    }
    Ok(())
}

fn visit(
    model: &ServiceModel,
    shape: &Shape,
    value: &mut Value,
    format: BinaryFormat,
) -> Result<(), Error> {
    let shape_of = |name: &str| -> Result<&Shape, ModelError> { model.shape(name) };
    match (shape.kind, value) {
        (ShapeType::Blob, v @ Value::String(_)) => {
            let text = v.as_str().unwrap_or_default();
            *v = Value::String(match format {
                BinaryFormat::RawInBase64Out => base64(text.as_bytes()),
                BinaryFormat::Base64 => base64(
                    &decode_python(text)
                        .ok_or_else(|| Error::General(format!("Invalid base64: \"{text}\"")))?,
                ),
            });
        }
        (ShapeType::Structure, Value::Object(map)) if !shape.document => {
            for (name, v) in map.iter_mut() {
                if let Some(r) = shape.members.get(name) {
                    visit(model, shape_of(&r.shape)?, v, format)?;
                }
            }
        }
        (ShapeType::List, Value::Array(items)) => {
            let member = shape_of(&shape.member.as_ref().expect("a list has a member").shape)?;
            for item in items {
                visit(model, member, item, format)?;
            }
        }
        (ShapeType::Map, Value::Object(map)) => {
            let member = shape_of(&shape.value.as_ref().expect("a map has a value").shape)?;
            for item in map.values_mut() {
                visit(model, member, item, format)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Python's `base64.b64decode` without validation: characters outside the alphabet are
/// dropped, and the padding must come out right.
fn decode_python(text: &str) -> Option<Vec<u8>> {
    let kept: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        .collect();
    STANDARD.decode(kept).ok()
}

/// botocore's `generate_idempotent_uuid`: a random token for each idempotency member left out.
pub fn idempotency_tokens(input: &Shape, params: &mut Map<String, Value>) {
    for (name, r) in &input.members {
        if r.idempotency_token && !params.contains_key(name) {
            params.insert(
                name.clone(),
                Value::String(uuid::Uuid::new_v4().to_string()),
            );
        }
    }
}

/// botocore's `fix_route53_ids`: Route 53 ids may be given as the paths the service returns
/// (`/hostedzone/Z123`); only the last segment is sent.
pub fn route53_ids(service: &str, input: &Shape, params: &mut Map<String, Value>) {
    if service != "route53" {
        return;
    }
    for (name, r) in &input.members {
        if !matches!(
            r.shape.as_str(),
            "ResourceId" | "DelegationSetId" | "ChangeId"
        ) {
            continue;
        }
        if let Some(Value::String(id)) = params.get_mut(name)
            && let Some((_, last)) = id.rsplit_once('/')
        {
            *id = last.to_string();
        }
    }
}

/// botocore's `base64_encode_user_data` for EC2's RunInstances and Auto Scaling's
/// CreateLaunchConfiguration: `UserData` is sent base64-encoded, from the bytes of a
/// `fileb://` file when it came from one (`binary`), else from the text's UTF-8.
pub fn user_data(
    service: &str,
    operation: &str,
    params: &mut Map<String, Value>,
    binary: &[(String, Vec<u8>)],
) {
    if !matches!(
        (service, operation),
        ("ec2", "RunInstances") | ("autoscaling", "CreateLaunchConfiguration")
    ) {
        return;
    }
    let Some(Value::String(text)) = params.get("UserData") else {
        return;
    };
    let encoded = match binary.iter().find(|(member, _)| member == "UserData") {
        Some((_, bytes)) => STANDARD.encode(bytes),
        None => STANDARD.encode(text.as_bytes()),
    };
    params.insert("UserData".into(), Value::String(encoded));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_data_is_base64_of_the_text_or_of_the_file_bytes() {
        let mut params = Map::new();
        params.insert(
            "UserData".into(),
            Value::String("#!/bin/sh\necho hi".into()),
        );
        user_data("ec2", "RunInstances", &mut params, &[]);
        assert_eq!(params["UserData"], "IyEvYmluL3NoCmVjaG8gaGk=");
        let bytes = vec![0x1f, 0x8b, 0xff];
        let mut params = Map::new();
        params.insert(
            "UserData".into(),
            Value::String(String::from_utf8_lossy(&bytes).into()),
        );
        user_data(
            "autoscaling",
            "CreateLaunchConfiguration",
            &mut params,
            &[("UserData".into(), bytes)],
        );
        assert_eq!(params["UserData"], "H4v/");
        let mut params = Map::new();
        params.insert("UserData".into(), Value::String("x".into()));
        user_data("ec2", "ModifyInstanceAttribute", &mut params, &[]);
        assert_eq!(params["UserData"], "x");
    }

    #[test]
    fn python_base64_decoding() {
        assert_eq!(decode_python("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(decode_python("aGVs\nbG8="), Some(b"hello".to_vec()));
        assert_eq!(decode_python("aGVsbG8"), None);
        assert_eq!(decode_python("hello world"), None);
    }
}
