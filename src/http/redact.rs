//! Removes secrets from what `--debug` prints: signatures and tokens in headers and URLs,
//! secret keys and tokens in XML, JSON and form bodies.

/// Element, key and parameter names whose values are secret.
const SECRET_FIELDS: &[&str] = &[
    "SecretAccessKey",
    "SessionToken",
    "Token",
    "TokenCode",
    "WebIdentityToken",
    "SAMLAssertion",
    "Password",
    // ECR's and CodeArtifact's registry passwords; EC2's encrypted Windows password.
    "authorizationToken",
    "PasswordData",
    "aws_secret_access_key",
    "aws_session_token",
    // IAM Identity Center (SSO, SSO-OIDC): tokens, the client secret, the one-time codes,
    // and the role credentials of GetRoleCredentials.
    "accessToken",
    "refreshToken",
    "idToken",
    "clientSecret",
    "deviceCode",
    "code",
    "codeVerifier",
    "secretAccessKey",
    "sessionToken",
];

const MASK: &str = "****";

/// A header as it may be shown.
pub fn header_value(name: &str, value: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower == "authorization" {
        // Keep the credential scope and signed headers, which help debugging; drop the signature.
        return match value.find("Signature=") {
            Some(i) => format!("{}Signature={MASK}", &value[..i]),
            None => MASK.to_string(),
        };
    }
    if lower.contains("token") || lower.contains("secret") || lower == "x-amz-signature" {
        return MASK.to_string();
    }
    value.to_string()
}

/// A URL as it may be shown: presigned-URL signatures and tokens masked.
pub fn url(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let params: Vec<String> = query
        .split('&')
        .map(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            let lower = name.to_ascii_lowercase();
            if lower == "x-amz-signature" || lower == "x-amz-security-token" || lower == "signature"
            {
                format!("{name}={MASK}")
            } else {
                pair.to_string()
            }
        })
        .collect();
    format!("{base}?{}", params.join("&"))
}

/// A request or response body as it may be shown.
pub fn body(text: &str) -> String {
    let mut out = text.to_string();
    for field in SECRET_FIELDS {
        out = mask_between(&out, &format!("<{field}>"), &format!("</{field}>"));
        out = mask_json_string(&out, field);
        out = mask_form_value(&out, field);
    }
    out
}

fn mask_between(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let value_start = start + open.len();
        let Some(len) = rest[value_start..].find(close) else {
            break;
        };
        out.push_str(&rest[..value_start]);
        out.push_str(MASK);
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

fn mask_json_string(text: &str, field: &str) -> String {
    let key = format!("\"{field}\"");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(&key) {
        let after_key = start + key.len();
        let tail = &rest[after_key..];
        let colon = tail.len() - tail.trim_start().len();
        let Some(value) = tail.trim_start().strip_prefix(':') else {
            out.push_str(&rest[..after_key]);
            rest = &rest[after_key..];
            continue;
        };
        let spaces = value.len() - value.trim_start().len();
        let Some(string) = value.trim_start().strip_prefix('"') else {
            out.push_str(&rest[..after_key]);
            rest = &rest[after_key..];
            continue;
        };
        let end = closing_quote(string).unwrap_or(string.len());
        let value_start = after_key + colon + 1 + spaces + 1;
        out.push_str(&rest[..value_start]);
        out.push_str(MASK);
        rest = &rest[value_start + end..];
    }
    out.push_str(rest);
    out
}

fn closing_quote(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

fn mask_form_value(text: &str, field: &str) -> String {
    if text.contains('<') || text.trim_start().starts_with('{') {
        return text.to_string();
    }
    text.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if k == field => format!("{k}={MASK}"),
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_keeps_scope_but_not_signature() {
        let v = "AWS4-HMAC-SHA256 Credential=AKIA/20261123/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef0123";
        let shown = header_value("Authorization", v);
        assert!(!shown.contains("abcdef0123"));
        assert!(shown.ends_with("Signature=****"));
        assert!(shown.contains("Credential=AKIA/20261123"));
        assert_eq!(header_value("X-Amz-Security-Token", "FQoG"), "****");
        assert_eq!(header_value("Content-Type", "text/xml"), "text/xml");
    }

    #[test]
    fn presigned_urls_lose_their_signature_and_token() {
        let u = url(
            "http://h/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token=tok&X-Amz-Signature=sig",
        );
        assert_eq!(
            u,
            "http://h/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token=****&X-Amz-Signature=****"
        );
    }

    #[test]
    fn bodies_lose_secret_fields_in_every_format() {
        let xml = "<Credentials><AccessKeyId>AKIA</AccessKeyId><SecretAccessKey>s3cr3t</SecretAccessKey><SessionToken>t0k</SessionToken></Credentials>";
        let shown = body(xml);
        assert!(!shown.contains("s3cr3t") && !shown.contains("t0k"));
        assert!(shown.contains("<AccessKeyId>AKIA</AccessKeyId>"));
        let json = r#"{"AccessKeyId": "AKIA", "SecretAccessKey" : "s3\"cr3t", "Token":"t0k", "Expiration": "x"}"#;
        let shown = body(json);
        assert!(!shown.contains("cr3t") && !shown.contains("t0k"), "{shown}");
        assert!(shown.contains(r#""Expiration": "x""#));
        let form = "Action=GetSessionToken&TokenCode=123456&SerialNumber=arn";
        assert_eq!(
            body(form),
            "Action=GetSessionToken&TokenCode=****&SerialNumber=arn"
        );
    }
}
