//! SigV4 through the `aws-sigv4` crate: signing a request in its headers, and presigning
//! a URL in its query string. The settings for S3 and for the other services live here.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SessionTokenMode, SignableBody, SignableRequest,
    SignatureLocation, SigningError, SigningSettings, UriPathNormalizationMode, sign,
};
use aws_sigv4::sign::v4;

use crate::credentials::Credentials;

/// How a service wants its requests signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigningStyle {
    /// Most services: double URI encoding, normalised paths, no payload hash header.
    Standard,
    /// S3: single URI encoding, no path normalisation, `x-amz-content-sha256` sent.
    S3,
}

/// The payload as the signature should see it.
#[derive(Clone, Copy, Debug)]
pub enum Payload<'a> {
    /// Hash these bytes (small bodies: Query and JSON protocol requests).
    Bytes(&'a [u8]),
    /// `UNSIGNED-PAYLOAD`: integrity comes from a checksum instead (S3 transfers).
    Unsigned,
}

/// Everything needed to sign, apart from the request itself.
pub struct Signer<'a> {
    pub credentials: &'a Credentials,
    pub region: &'a str,
    /// The signing name, e.g. `sts`, `s3`, `ec2`.
    pub service: &'a str,
    pub time: SystemTime,
    pub style: SigningStyle,
}

/// The pieces the caller adds to its request.
#[derive(Debug, Default)]
pub struct Signed {
    pub headers: Vec<(&'static str, String)>,
    pub query: Vec<(&'static str, String)>,
}

impl Signer<'_> {
    fn settings(
        &self,
        location: SignatureLocation,
        expires_in: Option<Duration>,
    ) -> SigningSettings {
        let mut settings = SigningSettings::default();
        settings.signature_location = location;
        settings.expires_in = expires_in;
        if self.style == SigningStyle::S3 {
            settings.percent_encoding_mode = PercentEncodingMode::Single;
            settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
            if location == SignatureLocation::Headers {
                settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
            }
        }
        settings
    }

    /// Signs with explicit settings; the public entry points and the test vectors use it.
    pub fn sign_with(
        &self,
        settings: SigningSettings,
        method: &str,
        url: &str,
        headers: &[(String, String)],
        payload: Payload<'_>,
    ) -> Result<Signed, SigningError> {
        let identity = aws_credential_types::Credentials::new(
            &self.credentials.access_key_id,
            self.credentials.secret_access_key.expose(),
            self.credentials
                .session_token
                .as_ref()
                .map(|t| t.expose().to_string()),
            None,
            "awsctl",
        )
        .into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(self.region)
            .name(self.service)
            .time(self.time)
            .settings(settings)
            .build()
            .expect("every signing parameter is set")
            .into();
        let body = match payload {
            Payload::Bytes(bytes) => SignableBody::Bytes(bytes),
            Payload::Unsigned => SignableBody::UnsignedPayload,
        };
        let request = SignableRequest::new(
            method,
            Cow::Borrowed(url),
            headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            body,
        )?;
        let (instructions, _signature) = sign(request, &params)?.into_parts();
        let (headers, query) = instructions.into_parts();
        Ok(Signed {
            headers: headers
                .into_iter()
                .map(|h| (h.name(), h.value().to_string()))
                .collect(),
            query: query
                .into_iter()
                .map(|(k, v)| (k, v.into_owned()))
                .collect(),
        })
    }

    /// Signs a request in its headers (`Authorization`, `X-Amz-Date`, ...).
    pub fn sign_headers(
        &self,
        method: &str,
        url: &str,
        headers: &[(String, String)],
        payload: Payload<'_>,
    ) -> Result<Signed, SigningError> {
        self.sign_with(
            self.settings(SignatureLocation::Headers, None),
            method,
            url,
            headers,
            payload,
        )
    }

    /// A presigned URL: `url` with the signature in its query string, valid for `expires_in`.
    /// The payload is `UNSIGNED-PAYLOAD`, as S3's presigned URLs have it.
    pub fn presign(
        &self,
        method: &str,
        url: &str,
        expires_in: Duration,
    ) -> Result<String, SigningError> {
        self.presign_with(method, url, expires_in, &[], Payload::Unsigned)
    }

    /// [`Signer::presign`] with headers the signature covers besides `host` (EKS's
    /// `x-k8s-aws-id`), and the payload it covers: botocore's presigned URLs for services other
    /// than S3 (`rds-db` tokens, EKS's STS URL) hash an empty body instead.
    pub fn presign_with(
        &self,
        method: &str,
        url: &str,
        expires_in: Duration,
        headers: &[(String, String)],
        payload: Payload<'_>,
    ) -> Result<String, SigningError> {
        let mut settings = self.settings(SignatureLocation::QueryParams, Some(expires_in));
        settings.session_token_mode = SessionTokenMode::Include;
        let mut all = vec![("host".to_string(), host_header(url))];
        all.extend(headers.iter().cloned());
        let signed = self.sign_with(settings, method, url, &all, payload)?;
        // botocore ends the URL with the signature, after the session token.
        let mut query = signed.query;
        query.sort_by_key(|(name, _)| *name == "X-Amz-Signature");
        Ok(append_query(url, &query))
    }
}

/// The `Host` header value for a URL (with the port when it is not the scheme's default).
pub fn host_header(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = after_scheme.split(['/', '?']).next().unwrap_or_default();
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let default_port = if url.starts_with("https://") {
        ":443"
    } else {
        ":80"
    };
    authority
        .strip_suffix(default_port)
        .unwrap_or(authority)
        .to_string()
}

/// Appends query parameters, URL-encoding their values (the signer returns them raw).
pub fn append_query(url: &str, params: &[(&str, String)]) -> String {
    let mut out = url.to_string();
    for (i, (k, v)) in params.iter().enumerate() {
        let sep = if i == 0 && !url.contains('?') {
            '?'
        } else {
            '&'
        };
        out.push(sep);
        out.push_str(k);
        out.push('=');
        out.push_str(&crate::protocol::percent::encode(v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_header_drops_default_ports_only() {
        assert_eq!(
            host_header("https://sts.us-east-1.amazonaws.com/"),
            "sts.us-east-1.amazonaws.com"
        );
        assert_eq!(host_header("http://127.0.0.1:5000/x?y"), "127.0.0.1:5000");
        assert_eq!(host_header("http://h:80/"), "h");
        assert_eq!(host_header("https://h:443"), "h");
        assert_eq!(host_header("http://[::1]:9000/"), "[::1]:9000");
    }

    #[test]
    fn query_values_are_encoded() {
        let url = append_query(
            "http://h/k",
            &[(
                "X-Amz-Credential",
                "AK/2026/us-east-1/s3/aws4_request".into(),
            )],
        );
        assert_eq!(
            url,
            "http://h/k?X-Amz-Credential=AK%2F2026%2Fus-east-1%2Fs3%2Faws4_request"
        );
        assert_eq!(
            append_query("http://h/k?a=b", &[("c", "d e".into())]),
            "http://h/k?a=b&c=d%20e"
        );
    }
}
