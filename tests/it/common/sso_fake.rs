//! A small fake of IAM Identity Center, because no peer offers it (moto 5.2.5 has neither
//! SSO-OIDC nor the SSO portal): RegisterClient, StartDeviceAuthorization, CreateToken (device
//! code with `AuthorizationPendingException`, `SlowDownException` and `ExpiredTokenException`;
//! authorization code with the PKCE verifier and redirect URI checked; refresh token), the
//! browser's `/authorize` page (a 302 back to the client's loopback redirect with a code), and
//! the portal's GetRoleCredentials, ListAccounts (two pages) and ListAccountRoles (bearer token
//! checked) and Logout. Built on [`FakeServer`];
//! every secret it hands out contains `SECRET` so tests can look for leaks.

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::fake_server::{FakeServer, Reply, Request};

/// How the fake behaves; change it between commands with [`SsoFake::script`].
#[derive(Clone, Debug)]
pub struct Script {
    /// Device-code CreateToken answers AuthorizationPendingException this many times...
    pub pending: u32,
    /// ...then SlowDownException this many times, then a token.
    pub slow_downs: u32,
    /// The device code has expired: ExpiredTokenException.
    pub device_expired: bool,
    /// The polling interval StartDeviceAuthorization asks for, in seconds.
    pub interval: u64,
    /// Lifetime of the access tokens issued, in seconds.
    pub expires_in: i64,
    /// Refresh-token grants are refused (InvalidGrantException).
    pub refuse_refresh: bool,
}

impl Default for Script {
    fn default() -> Self {
        Script {
            pending: 0,
            slow_downs: 0,
            device_expired: false,
            interval: 1,
            expires_in: 3600,
            refuse_refresh: false,
        }
    }
}

#[derive(Default)]
struct State {
    script: Script,
    serial: u32,
    polls: u32,
    access_tokens: Vec<String>,
    refresh_tokens: Vec<String>,
    /// The `/authorize` request's challenge and redirect URI, and the code it issued.
    authorization: Option<(String, String, String)>,
    logged_out: Vec<String>,
}

pub struct SsoFake {
    server: FakeServer,
    state: Arc<Mutex<State>>,
}

pub const CLIENT_ID: &str = "fake-client-id";
pub const CLIENT_SECRET: &str = "fake-client-SECRET";
pub const USER_CODE: &str = "WDJB-MJHT";

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn error(status: u16, code: &str) -> Reply {
    Reply::Typed {
        status,
        content_type: "application/json",
        body: json!({"__type": code, "message": format!("fake {code}")}).to_string(),
    }
}

fn ok(body: Value) -> Reply {
    Reply::Typed {
        status: 200,
        content_type: "application/json",
        body: body.to_string(),
    }
}

impl SsoFake {
    pub fn start(script: Script) -> SsoFake {
        let state = Arc::new(Mutex::new(State {
            script,
            ..State::default()
        }));
        let shared = state.clone();
        let server = FakeServer::start(move |r| handle(&mut shared.lock().unwrap(), r));
        SsoFake { server, state }
    }

    /// `http://127.0.0.1:PORT/`: for `AWS_ENDPOINT_URL_SSO` and `AWS_ENDPOINT_URL_SSO_OIDC`.
    pub fn endpoint(&self) -> String {
        self.server.endpoint()
    }

    pub fn port(&self) -> u16 {
        self.endpoint()
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }

    pub fn requests(&self) -> Vec<Request> {
        self.server.requests()
    }

    /// The requests to one path (without its query).
    pub fn calls(&self, path: &str) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.path.split('?').next() == Some(path))
            .collect()
    }

    /// A token pair the fake accepts, as if a sign-in had happened: (access, refresh).
    pub fn issue(&self) -> (String, String) {
        issue(&mut self.state.lock().unwrap())
    }

    /// Access tokens signed out with Logout.
    pub fn logged_out(&self) -> Vec<String> {
        self.state.lock().unwrap().logged_out.clone()
    }
}

fn issue(state: &mut State) -> (String, String) {
    state.serial += 1;
    let access = format!("access-token-SECRET-{}", state.serial);
    let refresh = format!("refresh-token-SECRET-{}", state.serial);
    state.access_tokens.push(access.clone());
    state.refresh_tokens.push(refresh.clone());
    (access, refresh)
}

fn token_reply(state: &mut State) -> Reply {
    let (access, refresh) = issue(state);
    ok(
        json!({"accessToken": access, "tokenType": "Bearer", "expiresIn": state.script.expires_in, "refreshToken": refresh}),
    )
}

fn query(path: &str) -> Vec<(String, String)> {
    let url = reqwest::Url::parse(&format!("http://fake{path}")).unwrap();
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn handle(state: &mut State, r: &Request) -> Reply {
    let path = r.path.split('?').next().unwrap_or_default();
    let body = r.json();
    match (r.method.as_str(), path) {
        ("POST", "/client/register") => ok(json!({
            "clientId": CLIENT_ID,
            "clientSecret": CLIENT_SECRET,
            "clientIdIssuedAt": now(),
            "clientSecretExpiresAt": now() + 90 * 86400,
        })),
        ("POST", "/device_authorization") => ok(json!({
            "deviceCode": "device-code-SECRET",
            "userCode": USER_CODE,
            "verificationUri": "https://device.sso.fake/",
            "verificationUriComplete": format!("https://device.sso.fake/?user_code={USER_CODE}"),
            "expiresIn": 600,
            "interval": state.script.interval,
        })),
        ("GET", "/authorize") => {
            let q = query(&r.path);
            let get = |k: &str| {
                q.iter()
                    .find(|(n, _)| n == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            let code = "auth-code-SECRET".to_string();
            state.authorization = Some((get("code_challenge"), get("redirect_uri"), code.clone()));
            Reply::Redirect(format!(
                "{}?code={code}&state={}",
                get("redirect_uri"),
                get("state")
            ))
        }
        ("POST", "/token") => create_token(state, &body),
        ("GET", "/federation/credentials") => {
            let token = r.header("x-amz-sso_bearer_token").unwrap_or_default();
            if !state.access_tokens.iter().any(|t| t == token) {
                return error(401, "UnauthorizedException");
            }
            let q = query(&r.path);
            let account = q
                .iter()
                .find(|(k, _)| k == "account_id")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            ok(json!({"roleCredentials": {
                "accessKeyId": format!("ASIAFAKE{account}"),
                "secretAccessKey": "role-secret-key-SECRET",
                "sessionToken": "role-session-token-SECRET",
                "expiration": (now() + 3600) * 1000,
            }}))
        }
        ("GET", "/assignment/accounts") | ("GET", "/assignment/roles") => {
            let token = r.header("x-amz-sso_bearer_token").unwrap_or_default();
            if !state.access_tokens.iter().any(|t| t == token) {
                return error(401, "UnauthorizedException");
            }
            let q = query(&r.path);
            let has = |k: &str, v: &str| q.iter().any(|(n, x)| n == k && x == v);
            if path == "/assignment/roles" {
                return ok(
                    json!({"roleList": [{"roleName": "Developer", "accountId": "111122223333"}]}),
                );
            }
            // Two accounts on two pages.
            if has("next_token", "page-2") {
                ok(
                    json!({"accountList": [{"accountId": "111122223333", "accountName": "Sandbox", "emailAddress": "sandbox@example.com"}]}),
                )
            } else {
                ok(
                    json!({"accountList": [{"accountId": "999988887777", "accountName": "Production", "emailAddress": "prod@example.com"}], "nextToken": "page-2"}),
                )
            }
        }
        ("POST", "/logout") => {
            let token = r.header("x-amz-sso_bearer_token").unwrap_or_default();
            state.logged_out.push(token.to_string());
            state.access_tokens.retain(|t| t != token);
            ok(json!({}))
        }
        _ => Reply::Status(404, format!("the SSO fake has no {} {path}", r.method)),
    }
}

fn create_token(state: &mut State, body: &Value) -> Reply {
    if body["clientId"] != CLIENT_ID || body["clientSecret"] != CLIENT_SECRET {
        return error(400, "InvalidClientException");
    }
    match body["grantType"].as_str().unwrap_or_default() {
        "urn:ietf:params:oauth:grant-type:device_code" => {
            if state.script.device_expired {
                return error(400, "ExpiredTokenException");
            }
            state.polls += 1;
            let script = &state.script;
            if state.polls <= script.pending {
                return error(400, "AuthorizationPendingException");
            }
            if state.polls <= script.pending + script.slow_downs {
                return error(400, "SlowDownException");
            }
            token_reply(state)
        }
        "authorization_code" => {
            let Some((challenge, redirect, code)) = state.authorization.clone() else {
                return error(400, "InvalidGrantException");
            };
            let verifier = body["codeVerifier"].as_str().unwrap_or_default();
            let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(Sha256::digest(verifier.as_bytes()));
            if computed != challenge
                || body["redirectUri"] != redirect.as_str()
                || body["code"] != code.as_str()
            {
                return error(400, "InvalidGrantException");
            }
            token_reply(state)
        }
        "refresh_token" => {
            let refresh = body["refreshToken"].as_str().unwrap_or_default();
            if state.script.refuse_refresh || !state.refresh_tokens.iter().any(|t| t == refresh) {
                return error(400, "InvalidGrantException");
            }
            token_reply(state)
        }
        _ => error(400, "UnsupportedGrantTypeException"),
    }
}
