//! Operations and service metadata as botocore's `service-2.json` describes them.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::shape::ShapeRef;

/// A service's `metadata` block.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    #[serde(default)]
    pub api_version: String,
    pub endpoint_prefix: Option<String>,
    #[serde(default)]
    pub protocol: String,
    /// The protocols the service speaks, preferred first (newer models).
    #[serde(default)]
    pub protocols: Vec<String>,
    pub json_version: Option<String>,
    pub target_prefix: Option<String>,
    #[serde(default)]
    pub service_id: String,
    pub service_full_name: Option<String>,
    pub service_abbreviation: Option<String>,
    pub signing_name: Option<String>,
    pub signature_version: Option<String>,
    pub global_endpoint: Option<String>,
    /// The namespace of Query and EC2 responses.
    pub xml_namespace: Option<String>,
    /// JSON services that keep the error codes of their Query past (`x-amzn-query-error`).
    pub aws_query_compatible: Option<serde_json::Value>,
    #[serde(default)]
    pub auth: Vec<String>,
    pub uid: Option<String>,
}

/// The wire protocols awsctl knows, as botocore names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Query,
    Ec2,
    Json,
    RestJson,
    RestXml,
    SmithyRpcV2Cbor,
}

impl Protocol {
    pub fn from_name(name: &str) -> Option<Protocol> {
        Some(match name {
            "query" => Protocol::Query,
            "ec2" => Protocol::Ec2,
            "json" => Protocol::Json,
            "rest-json" => Protocol::RestJson,
            "rest-xml" => Protocol::RestXml,
            "smithy-rpc-v2-cbor" => Protocol::SmithyRpcV2Cbor,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Protocol::Query => "query",
            Protocol::Ec2 => "ec2",
            Protocol::Json => "json",
            Protocol::RestJson => "rest-json",
            Protocol::RestXml => "rest-xml",
            Protocol::SmithyRpcV2Cbor => "smithy-rpc-v2-cbor",
        }
    }
}

impl Metadata {
    /// The protocol a client uses, as botocore picks it: the first of its supported
    /// protocols, in its order of preference, that the service lists; else `protocol`.
    pub fn effective_protocol(&self) -> Option<Protocol> {
        const PREFERENCE: [&str; 6] = [
            "json",
            "rest-json",
            "rest-xml",
            "smithy-rpc-v2-cbor",
            "query",
            "ec2",
        ];
        PREFERENCE
            .iter()
            .find(|p| self.protocols.iter().any(|q| q == *p))
            .and_then(|p| Protocol::from_name(p))
            .or_else(|| Protocol::from_name(&self.protocol))
    }

    /// The name requests are signed with (`signingName`, else the endpoint prefix).
    pub fn signing_name(&self) -> &str {
        self.signing_name
            .as_deref()
            .or(self.endpoint_prefix.as_deref())
            .unwrap_or_default()
    }

    pub fn is_query_compatible(&self) -> bool {
        self.aws_query_compatible.is_some()
    }
}

/// One operation.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// The name botocore and the CLI know the operation by: its key in the model. Requests
    /// (`Action`, `X-Amz-Target`) and error messages use it.
    #[serde(skip)]
    pub name: String,
    /// The model's `name` field, which differs from the key in a few services (CloudFront's
    /// `AssociateAlias2020_05_31`).
    #[serde(rename = "name", default)]
    pub wire_name: String,
    #[serde(default)]
    pub http: Http,
    pub input: Option<ShapeRef>,
    pub output: Option<ShapeRef>,
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    /// `hostPrefix`: labels prepended to the endpoint's host.
    pub endpoint: Option<OperationEndpoint>,
    #[serde(default)]
    pub static_context_params: BTreeMap<String, StaticContextParam>,
    #[serde(default)]
    pub operation_context_params: BTreeMap<String, OperationContextParam>,
    pub http_checksum: Option<HttpChecksum>,
    #[serde(default)]
    pub http_checksum_required: bool,
    #[serde(rename = "requestcompression")]
    pub request_compression: Option<RequestCompression>,
    /// `v4`, `none`, `bearer`, `v4-unsigned-body`, ... (older models).
    pub authtype: Option<String>,
    /// `aws.auth#sigv4`, `smithy.api#noAuth`, ... (newer models).
    #[serde(default)]
    pub auth: Vec<String>,
    /// Whether the payload is sent unsigned.
    #[serde(default)]
    pub unsigned_payload: bool,
    #[serde(default)]
    pub deprecated: bool,
}

impl Operation {
    /// Whether requests for this operation go out without a signature.
    pub fn is_unsigned(&self) -> bool {
        self.authtype.as_deref() == Some("none")
            || (self.auth.len() == 1 && self.auth[0] == "smithy.api#noAuth")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Http {
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub request_uri: String,
    pub response_code: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationEndpoint {
    pub host_prefix: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StaticContextParam {
    pub value: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OperationContextParam {
    /// A JMESPath expression over the input.
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct HttpChecksum {
    pub request_algorithm_member: Option<String>,
    #[serde(default)]
    pub request_checksum_required: bool,
    pub request_validation_mode_member: Option<String>,
    #[serde(default)]
    pub response_algorithms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RequestCompression {
    #[serde(default)]
    pub encodings: Vec<String>,
}
