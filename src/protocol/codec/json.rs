//! The `json` protocol (1.0 and 1.1): a POST to `/` naming the operation in `X-Amz-Target`,
//! the whole input as a JSON body, and a JSON response. Services that kept their Query
//! error codes (`awsQueryCompatible`) say so with `x-amzn-query-mode` and answer with
//! `x-amzn-query-error`.

use serde_json::{Map, Value};

use crate::error::{Error, ServiceError};
use crate::model::{Operation, ServiceModel};
use crate::settings::TimestampFormat;

use super::{Codec, HttpRequest, HttpResponse, errors, json_body, rest};

pub struct JsonCodec;

pub static JSON: JsonCodec = JsonCodec;

impl Codec for JsonCodec {
    fn serialize(
        &self,
        model: &ServiceModel,
        op: &Operation,
        params: &Map<String, Value>,
    ) -> Result<HttpRequest, Error> {
        let version = model.metadata.json_version.as_deref().unwrap_or("1.0");
        let mut headers = vec![
            (
                "X-Amz-Target".to_string(),
                format!(
                    "{}.{}",
                    model.metadata.target_prefix.as_deref().unwrap_or_default(),
                    super::wire_name(op)
                ),
            ),
            (
                "Content-Type".to_string(),
                format!("application/x-amz-json-{version}"),
            ),
        ];
        if model.metadata.is_query_compatible() {
            headers.push(("x-amzn-query-mode".into(), "true".into()));
        }
        // Always a JSON object, `{}` when there is no input.
        let body = match &op.input {
            Some(input) => {
                let shape = model.shape(&input.shape)?;
                json_body::structure_in(model, shape, params, false)?
            }
            None => Map::new(),
        };
        let body = serde_json::to_vec(&body).unwrap_or_default();
        Ok(HttpRequest {
            method: "POST".into(),
            path: "/".into(),
            query: String::new(),
            headers,
            body,
            host_prefix: rest::host_prefix(op, params)?,
        })
    }

    fn parse(
        &self,
        model: &ServiceModel,
        op: &Operation,
        resp: &HttpResponse,
        timestamps: TimestampFormat,
    ) -> Result<Value, Error> {
        let Some(output) = &op.output else {
            return Ok(Value::Object(Map::new()));
        };
        let body = rest::json_object(resp.body)?;
        let shape = model.shape(&output.shape)?;
        Ok(Value::Object(json_body::structure_out(
            model, shape, &body, timestamps,
        )?))
    }

    fn parse_error(
        &self,
        model: &ServiceModel,
        op: &Operation,
        resp: &HttpResponse,
    ) -> ServiceError {
        errors::from_json(model, op, resp)
    }
}
