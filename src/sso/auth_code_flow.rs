//! The authorization code flow with PKCE, `sso login`'s default for an `[sso-session]`: a
//! registration for the loopback redirect, the browser sent to SSO-OIDC's `/authorize` page
//! with a code challenge and a random state, the code taken by the loopback listener, then
//! CreateToken with the code and the verifier.

use std::path::Path;

use crate::protocol::percent;
use base64::Engine;
use rand::Rng;
use serde_json::json;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::browser::{Opener, Pending};
use super::loopback::{self, EXPIRED, Listener, REGISTERED_REDIRECT_URI};
use super::registration::{self, DEFAULT_SCOPE, Flow};
use super::token_cache::CachedToken;
use super::{SsoSession, api, token};
use crate::error::Error;
use crate::printer::Printer;
use crate::secret::Secret;
use crate::services::Session;

/// A PKCE verifier (64 characters of RFC 7636's unreserved set) and its S256 challenge.
pub struct Pkce {
    pub verifier: Secret,
    /// base64url of the verifier's SHA-256, without padding.
    pub challenge: String,
}

impl Pkce {
    pub fn random() -> Pkce {
        const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
        let mut rng = rand::rng();
        let verifier: String = (0..64)
            .map(|_| CHARS[rng.random_range(0..CHARS.len())] as char)
            .collect();
        Pkce::from_verifier(verifier)
    }

    pub fn from_verifier(verifier: String) -> Pkce {
        let digest = Sha256::digest(verifier.as_bytes());
        Pkce {
            challenge: base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest),
            verifier: Secret::new(verifier),
        }
    }
}

/// The `/authorize` URL the browser opens.
pub fn authorize_url(
    base: &str,
    client_id: &str,
    redirect_uri: &str,
    state: &str,
    scopes: &[String],
    challenge: &str,
) -> String {
    let scopes = if scopes.is_empty() {
        DEFAULT_SCOPE.to_string()
    } else {
        scopes.join(" ")
    };
    let params = [
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", redirect_uri),
        ("state", state),
        ("code_challenge_method", "S256"),
        ("scopes", &scopes),
    ];
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", percent::encode(v)))
        .collect();
    format!(
        "{base}/authorize?{}&code_challenge={challenge}",
        query.join("&")
    )
}

pub async fn sign_in(
    session: &Session<'_>,
    dir: &Path,
    sso: &SsoSession,
    opener: &Opener<'_>,
    printer: &mut Printer,
) -> Result<CachedToken, Error> {
    let listener = Listener::bind().await?;
    let flow = Flow::AuthCode {
        redirect_uri: REGISTERED_REDIRECT_URI.to_string(),
    };
    let registration =
        registration::registration(session, dir, sso, &flow, OffsetDateTime::now_utc()).await?;
    let pkce = Pkce::random();
    let state = uuid::Uuid::new_v4().to_string();
    let redirect_uri = listener.redirect_uri();
    let url = authorize_url(
        &api::oidc_base_url(session).await?,
        &registration.client_id,
        &redirect_uri,
        &state,
        &sso.scopes,
        &pkce.challenge,
    );
    let pending = Pending {
        verification_uri: &url,
        verification_uri_complete: &url,
        user_code: None,
    };
    opener.show(&pending, printer)?;
    let callback = listener.wait(loopback::OVERALL_TIMEOUT).await?;
    let Some(code) = callback.code else {
        return Err(Error::General(
            "Error loading authorization code: Failed to retrieve an authorization code.".into(),
        ));
    };
    if callback.state.as_deref() != Some(state.as_str()) {
        return Err(Error::General(
            "Error loading authorization code: State parameter does not match expected value."
                .into(),
        ));
    }
    let request = json!({
        "grantType": "authorization_code",
        "clientId": registration.client_id,
        "clientSecret": registration.client_secret,
        "redirectUri": redirect_uri,
        "codeVerifier": pkce.verifier.expose(),
        "code": code.expose(),
    });
    let response = match api::create_token(session, request).await {
        Err(e) if api::error_code(&e) == Some("ExpiredTokenException") => {
            return Err(Error::General(EXPIRED.into()));
        }
        other => other?,
    };
    token::from_create_token(
        &response,
        sso,
        OffsetDateTime::now_utc(),
        (
            registration.client_id,
            registration.client_secret,
            registration.expires_at,
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_follow_rfc_7636() {
        // RFC 7636 appendix B.
        let p = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into());
        assert_eq!(p.challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        let random = Pkce::random();
        assert_eq!(random.verifier.expose().len(), 64);
        assert_eq!(random.challenge.len(), 43);
    }

    #[test]
    fn authorize_urls_are_encoded_as_the_cli_encodes_them() {
        let url = authorize_url(
            "https://oidc.us-east-1.amazonaws.com",
            "cid",
            "http://127.0.0.1:4242/oauth/callback",
            "st",
            &["a:b".into(), "c".into()],
            "CH",
        );
        assert_eq!(
            url,
            "https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&client_id=cid&redirect_uri=http%3A%2F%2F127.0.0.1%3A4242%2Foauth%2Fcallback&state=st&code_challenge_method=S256&scopes=a%3Ab%20c&code_challenge=CH"
        );
    }
}
