//! The AWS Query protocol (STS, EC2, IAM): form-encoded POST bodies, XML responses wrapped
//! in `<Op>Response><Op>Result>`, and XML error bodies.

use serde_json::Value;

use super::percent::encode;
use super::shape::{Shape, decode};
use super::xml;
use crate::error::{Error, ServiceError};
use crate::http::HttpResponse;
use crate::settings::TimestampFormat;

pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// The request body: `Action`, `Version`, then the operation's parameters.
pub fn body(action: &str, version: &str, params: &[(String, String)]) -> Vec<u8> {
    let mut out = format!("Action={}&Version={}", encode(action), encode(version));
    for (k, v) in params {
        out.push('&');
        out.push_str(&encode(k));
        out.push('=');
        out.push_str(&encode(v));
    }
    out.into_bytes()
}

/// Decodes a successful response: the `<Op>Result` element by the operation's output shape.
pub fn parse_response(
    operation: &str,
    body: &[u8],
    output: &Shape,
    timestamps: TimestampFormat,
) -> Result<Value, Error> {
    let root = xml::parse(body).map_err(Error::InvalidResponse)?;
    let result_name = format!("{operation}Result");
    Ok(match root.child(&result_name) {
        Some(result) => decode(result, output, timestamps),
        // Operations without output members send no Result element: an empty response.
        None => Value::Object(Default::default()),
    })
}

/// Reads `<ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>`
/// (EC2: `<Response><Errors><Error>...`). Without a usable body the code is the HTTP status
/// and the message its reason phrase, as botocore reports them.
pub fn parse_error(response: &HttpResponse, operation: &'static str) -> ServiceError {
    let root = xml::parse(&response.body).ok();
    let text = |name: &str| {
        root.as_ref()
            .and_then(|r| r.find(name))
            .map(|e| e.text.trim().to_string())
    };
    let code = text("Code").filter(|c| !c.is_empty());
    let message = match &code {
        Some(_) => text("Message"),
        None => reason_phrase(response.status).map(str::to_string),
    };
    ServiceError {
        code: code.unwrap_or_else(|| response.status.to_string()),
        message,
        operation,
        status: response.status,
        request_id: text("RequestId")
            .or_else(|| text("RequestID"))
            .or_else(|| response.header("x-amzn-requestid").map(str::to_string)),
        retries_exhausted: None,
        fields: Default::default(),
    }
}

fn reason_phrase(status: u16) -> Option<&'static str> {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderMap;

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: HeaderMap::new(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn bodies_are_form_encoded() {
        let b = body(
            "AssumeRole",
            "2011-06-15",
            &[("RoleSessionName".into(), "a b/c".into())],
        );
        assert_eq!(
            String::from_utf8(b).unwrap(),
            "Action=AssumeRole&Version=2011-06-15&RoleSessionName=a%20b%2Fc"
        );
    }

    #[test]
    fn errors_come_from_the_xml_body() {
        let e = parse_error(
            &response(
                403,
                "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error><RequestId>r-1</RequestId></ErrorResponse>",
            ),
            "GetCallerIdentity",
        );
        assert_eq!(e.code, "SignatureDoesNotMatch");
        assert_eq!(
            e.message.as_deref(),
            Some("The request signature we calculated does not match")
        );
        assert_eq!(e.request_id.as_deref(), Some("r-1"));
        let ec2 = parse_error(
            &response(
                412,
                "<Response><Errors><Error><Code>DryRunOperation</Code><Message>Request would have succeeded, but DryRun flag is set.</Message></Error></Errors><RequestID>x</RequestID></Response>",
            ),
            "RunInstances",
        );
        assert_eq!(
            (ec2.code.as_str(), ec2.request_id.as_deref()),
            ("DryRunOperation", Some("x"))
        );
    }

    #[test]
    fn errors_without_a_body_use_the_status() {
        let e = parse_error(&response(503, ""), "GetCallerIdentity");
        assert_eq!(
            (e.code.as_str(), e.message.as_deref()),
            ("503", Some("Service Unavailable"))
        );
    }
}
