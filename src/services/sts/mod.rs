//! AWS Security Token Service, on the Query protocol.

pub mod assume_role;
pub mod assume_role_with_web_identity;
mod credentials_shape;
pub mod decode_authorization_message;
pub mod get_caller_identity;
pub mod get_session_token;

use super::ServiceMeta;
use crate::http::sign::SigningStyle;

pub const STS: ServiceMeta = ServiceMeta {
    id: "STS",
    endpoint_prefix: "sts",
    signing_name: "sts",
    style: SigningStyle::Standard,
};

pub const VERSION: &str = "2011-06-15";
