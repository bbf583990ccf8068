//! Shapes as botocore's `service-2.json` describes them: the type of every value a request
//! or response carries, with the wire traits (locations, XML names, timestamp formats) the
//! protocols need. The same types read the processed models awsctl ships and the shapes of
//! botocore's protocol test suites.

use indexmap::IndexMap;
use serde::Deserialize;

/// A shape's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShapeType {
    Structure,
    List,
    Map,
    /// (`character` appears only in botocore's oldest protocol tests.)
    #[serde(alias = "character")]
    String,
    Integer,
    Long,
    Float,
    Double,
    Boolean,
    Timestamp,
    Blob,
    #[serde(alias = "bigDecimal")]
    Bigdecimal,
    #[serde(alias = "bigInteger")]
    Biginteger,
}

impl ShapeType {
    /// Whether a value of this type has no members (and prints on one line in text output).
    pub fn is_scalar(self) -> bool {
        !matches!(
            self,
            ShapeType::Structure | ShapeType::List | ShapeType::Map
        )
    }
}

/// Where a member of an input or output structure travels in an HTTP message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Location {
    /// A segment of the request URI (`{Bucket}`, `{Key+}`).
    Uri,
    /// A query-string parameter.
    Querystring,
    /// One header.
    Header,
    /// Every header with a prefix (`x-amz-meta-`), as a map.
    Headers,
    /// The response's HTTP status code.
    StatusCode,
}

/// An XML namespace declared on an element: `xmlns="uri"` or `xmlns:prefix="uri"`. Models
/// write it as an object; some write the bare URI.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "XmlNamespaceForm")]
pub struct XmlNamespace {
    pub prefix: Option<String>,
    pub uri: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum XmlNamespaceForm {
    Uri(String),
    Full { prefix: Option<String>, uri: String },
}

impl From<XmlNamespaceForm> for XmlNamespace {
    fn from(form: XmlNamespaceForm) -> Self {
        match form {
            XmlNamespaceForm::Uri(uri) => XmlNamespace { prefix: None, uri },
            XmlNamespaceForm::Full { prefix, uri } => XmlNamespace { prefix, uri },
        }
    }
}

/// A modeled error's wire facts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ErrorTrait {
    /// The code a Query-compatible service sends, when it differs from the shape's name.
    pub code: Option<String>,
    pub http_status_code: Option<u16>,
    #[serde(default)]
    pub sender_fault: bool,
}

/// A reference to a shape from a member, a list member, a map key or value, or an
/// operation's input or output, with the traits that apply at that reference.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ShapeRef {
    pub shape: String,
    pub location: Option<Location>,
    pub location_name: Option<String>,
    pub xml_namespace: Option<XmlNamespace>,
    #[serde(default)]
    pub xml_attribute: bool,
    pub flattened: Option<bool>,
    /// The EC2 protocol's parameter name, when it differs from the usual rule.
    pub query_name: Option<String>,
    pub timestamp_format: Option<String>,
    /// A string that carries JSON (a header or a query value in REST protocols).
    #[serde(default)]
    pub jsonvalue: bool,
    /// A URI member that also fills a `{label}` of the operation's host prefix.
    #[serde(default)]
    pub host_label: bool,
    /// Filled with a random UUID when the caller leaves it out.
    #[serde(default)]
    pub idempotency_token: bool,
    #[serde(default)]
    pub eventpayload: bool,
    #[serde(default)]
    pub streaming: bool,
    /// Only on an operation's output: the element that wraps the result (Query protocol).
    pub result_wrapper: Option<String>,
    /// Only on an operation's input or output, in older models: the member that is the
    /// whole HTTP body (newer models put `payload` on the shape).
    pub payload: Option<String>,
    /// The endpoint rule-set parameter this member fills.
    pub context_param: Option<ContextParam>,
    #[serde(default)]
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ContextParam {
    pub name: String,
}

/// One shape.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    #[serde(rename = "type")]
    pub kind: ShapeType,
    /// A structure's members, in the model's order (the order of output keys).
    #[serde(default)]
    pub members: IndexMap<String, ShapeRef>,
    #[serde(default)]
    pub required: Vec<String>,
    /// A list's member.
    pub member: Option<Box<ShapeRef>>,
    /// A map's key and value.
    pub key: Option<Box<ShapeRef>>,
    pub value: Option<Box<ShapeRef>>,
    /// The member that is the whole HTTP body (REST protocols).
    pub payload: Option<String>,
    /// Older models (botocore's legacy protocol tests) put a member's HTTP location on
    /// its target shape; newer ones put it on the member.
    pub location: Option<Location>,
    pub location_name: Option<String>,
    pub xml_namespace: Option<XmlNamespace>,
    #[serde(default)]
    pub flattened: bool,
    pub timestamp_format: Option<String>,
    /// Minimum length (strings, lists, maps, blobs) or value (numbers).
    pub min: Option<f64>,
    #[serde(default)]
    pub streaming: bool,
    #[serde(default)]
    pub requires_length: bool,
    #[serde(default)]
    pub eventstream: bool,
    #[serde(default)]
    pub event: bool,
    #[serde(default)]
    pub exception: bool,
    #[serde(default)]
    pub fault: bool,
    pub error: Option<ErrorTrait>,
    #[serde(default)]
    pub union: bool,
    /// A document type: any JSON value.
    #[serde(default)]
    pub document: bool,
    #[serde(default)]
    pub sensitive: bool,
    /// A structure whose XML element wraps its members without being one of them (Query).
    #[serde(default)]
    pub wrapper: bool,
    #[serde(default)]
    pub sparse: bool,
}

impl Shape {
    pub fn is_required(&self, member: &str) -> bool {
        self.required.iter().any(|r| r == member)
    }
}
