//! Signs the harness's own requests to peers that check signatures (moto with auth on,
//! s3s-fs), with the aws-sigv4 crate. For fixtures and state checks only: it is no oracle
//! for awsctl's signing, which tests check through a peer's verdict instead.

use std::io;
use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode, sign,
};
use aws_sigv4::sign::v4;

use super::http::{self, Response};

/// Who signs, and for which service and region.
pub struct Signer<'a> {
    pub access_key: &'a str,
    pub secret_key: &'a str,
    pub region: &'a str,
    /// The signing name: "s3", "sts", "iam", "ec2", ...
    pub service: &'a str,
}

impl Signer<'_> {
    /// Like [`http::request`], with SigV4 headers added (`Authorization`, `X-Amz-Date`, and
    /// for S3 `X-Amz-Content-SHA256`).
    pub fn request(
        &self,
        port: u16,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> io::Result<Response> {
        let identity = Credentials::new(self.access_key, self.secret_key, None, None, "harness");
        let identity = identity.into();
        let mut settings = SigningSettings::default();
        if self.service == "s3" {
            // S3 signs the path as sent and wants the payload hash in a header.
            settings.percent_encoding_mode = PercentEncodingMode::Single;
            settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
            settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
        }
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(self.region)
            .name(self.service)
            .time(SystemTime::now())
            .settings(settings)
            .build()
            .expect("complete signing params")
            .into();
        let url = format!("http://127.0.0.1:{port}{path}");
        let signable = SignableRequest::new(
            method,
            url,
            headers.iter().copied(),
            SignableBody::Bytes(body),
        )
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        let (instructions, _signature) = sign(signable, &params)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?
            .into_parts();
        let mut all: Vec<(&str, &str)> = headers.to_vec();
        all.extend(instructions.headers());
        http::request(port, method, path, &all, body)
    }
}
