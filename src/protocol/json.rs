//! The AWS JSON 1.1 protocol (Service Quotas, and later others): a JSON body POSTed to `/`
//! with the operation named in `X-Amz-Target`, JSON responses decoded by the output shape,
//! and JSON error bodies (`__type` and `message`).

use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::shape::Shape;
use super::timestamp;
use crate::error::{Error, ServiceError};
use crate::http::HttpResponse;
use crate::settings::TimestampFormat;

pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// `X-Amz-Target`: the service's target prefix and the operation, as `Prefix.Operation`.
pub fn target(prefix: &str, operation: &str) -> String {
    format!("{prefix}.{operation}")
}

/// Decodes a successful response body by the operation's output shape. An empty body is an
/// empty response; a body that is not JSON is reported rather than shown as nothing.
pub fn parse_response(
    body: &[u8],
    output: &Shape,
    timestamps: TimestampFormat,
) -> Result<Value, Error> {
    if body.is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    let value: Value =
        serde_json::from_slice(body).map_err(|e| Error::InvalidJsonResponse(e.to_string()))?;
    Ok(decode(&value, output, timestamps).unwrap_or(Value::Object(Map::new())))
}

/// Decodes a JSON value by its shape as botocore's JSON parser does: structure members in
/// model order (unknown keys dropped, nulls left out), maps in wire order, numbers as sent,
/// timestamps (epoch seconds on the wire) in the configured format. `None` for a null.
pub fn decode(value: &Value, shape: &Shape, timestamps: TimestampFormat) -> Option<Value> {
    if value.is_null() {
        return None;
    }
    Some(match (shape, value) {
        (Shape::Structure(members), Value::Object(object)) => {
            let mut out = Map::new();
            for member in *members {
                if let Some(decoded) = object
                    .get(member.name)
                    .and_then(|v| decode(v, member.shape, timestamps))
                {
                    out.insert(member.name.to_string(), decoded);
                }
            }
            Value::Object(out)
        }
        (Shape::List { member, .. }, Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|v| decode(v, member, timestamps).unwrap_or(Value::Null))
                .collect(),
        ),
        (Shape::Map(member), Value::Object(object)) => Value::Object(
            object
                .iter()
                .map(|(k, v)| {
                    let decoded = decode(v, member, timestamps).unwrap_or(Value::Null);
                    (k.clone(), decoded)
                })
                .collect(),
        ),
        (Shape::Timestamp, Value::Number(n)) if timestamps == TimestampFormat::Iso8601 => n
            .as_f64()
            .and_then(from_epoch_seconds)
            .map(|t| Value::String(timestamp::isoformat(t)))
            .unwrap_or_else(|| value.clone()),
        (Shape::Timestamp, Value::String(s)) => Value::String(timestamp::render(s, timestamps)),
        // Scalars are kept as the service sent them, as botocore keeps what json.loads made.
        _ => value.clone(),
    })
}

/// Python's `datetime.fromtimestamp(seconds, tz=utc)`: rounded to the microsecond.
fn from_epoch_seconds(seconds: f64) -> Option<OffsetDateTime> {
    let micros = (seconds * 1e6).round();
    if !micros.is_finite() {
        return None;
    }
    OffsetDateTime::from_unix_timestamp_nanos(micros as i128 * 1000).ok()
}

/// Reads `{"__type": "prefix#Code", "message": "..."}` as botocore does: the code after any
/// `#` (and before any `:`), the message from `message` or `Message`. A body that is not JSON
/// becomes the message and the HTTP status the code, so a broken proxy page is still shown.
pub fn parse_error(response: &HttpResponse, operation: &'static str) -> ServiceError {
    let body: Value = if response.body.is_empty() {
        Value::Object(Map::new())
    } else {
        serde_json::from_slice(&response.body).unwrap_or_else(|_| {
            let text = String::from_utf8_lossy(&response.body).into_owned();
            serde_json::json!({ "message": text })
        })
    };
    let field = |name: &str| body.get(name).and_then(Value::as_str);
    let message = field("message").or_else(|| field("Message")).unwrap_or("");
    let code = match field("__type") {
        Some(raw) => {
            let code = raw.split(':').next().unwrap_or(raw);
            code.rsplit('#').next().unwrap_or(code).to_string()
        }
        None => response.status.to_string(),
    };
    ServiceError {
        code,
        message: Some(message.to_string()),
        operation,
        status: response.status,
        request_id: response.header("x-amzn-requestid").map(str::to_string),
        retries_exhausted: None,
        fields: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::shape::Member;
    use reqwest::header::HeaderMap;

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: HeaderMap::new(),
            body: body.as_bytes().to_vec(),
        }
    }

    static DIMENSIONS: Shape = Shape::Map(&Shape::String);
    static ITEM: Shape = Shape::Structure(&[
        Member::new("Name", &Shape::String),
        Member::new("Value", &Shape::Double),
        Member::new("Created", &Shape::Timestamp),
        Member::new("Dimensions", &DIMENSIONS),
    ]);
    static OUTPUT: Shape = Shape::Structure(&[
        Member::new("NextToken", &Shape::String),
        Member::new(
            "Items",
            &Shape::List {
                item: "member",
                member: &ITEM,
            },
        ),
    ]);

    #[test]
    fn members_in_model_order_unknown_and_null_dropped() {
        let body = br#"{"Items":[{"Dimensions":{"b":"1","a":"2"},"Extra":1,"Value":5.0,"Created":1795453200.5,"Name":"n"}],"NextToken":null}"#;
        let value = parse_response(body, &OUTPUT, TimestampFormat::Iso8601).unwrap();
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"Items":[{"Name":"n","Value":5.0,"Created":"2026-11-23T17:00:00.500000+00:00","Dimensions":{"b":"1","a":"2"}}]}"#
        );
        let wire = parse_response(body, &OUTPUT, TimestampFormat::Wire).unwrap();
        assert_eq!(wire["Items"][0]["Created"], serde_json::json!(1795453200.5));
    }

    #[test]
    fn epoch_seconds_round_to_the_microsecond_as_python_does() {
        let t = from_epoch_seconds(1700000000.123).unwrap();
        assert_eq!(timestamp::isoformat(t), "2023-11-14T22:13:20.123000+00:00");
    }

    #[test]
    fn malformed_success_bodies_are_errors() {
        let e = parse_response(b"<html>", &OUTPUT, TimestampFormat::Wire).unwrap_err();
        assert!(
            e.to_string().starts_with("Unable to parse response ("),
            "{e}"
        );
        let empty = parse_response(b"", &OUTPUT, TimestampFormat::Wire).unwrap();
        assert_eq!(empty, serde_json::json!({}));
    }

    #[test]
    fn error_codes_lose_their_prefix() {
        let e = parse_error(
            &response(
                400,
                r#"{"__type":"com.amazonaws.servicequotas#NoSuchResourceException:http://x","Message":"gone"}"#,
            ),
            "GetServiceQuota",
        );
        assert_eq!(
            (e.code.as_str(), e.message.as_deref()),
            ("NoSuchResourceException", Some("gone"))
        );
    }

    #[test]
    fn malformed_error_bodies_keep_the_status_and_the_text() {
        let e = parse_error(
            &response(502, "<html>Bad Gateway</html>"),
            "ListServiceQuotas",
        );
        assert_eq!(
            (e.code.as_str(), e.message.as_deref()),
            ("502", Some("<html>Bad Gateway</html>"))
        );
        let empty = parse_error(&response(500, ""), "ListServiceQuotas");
        assert_eq!(
            (empty.code.as_str(), empty.message.as_deref()),
            ("500", Some(""))
        );
    }
}
