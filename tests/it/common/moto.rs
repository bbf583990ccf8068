//! Launches moto 5.2.5 in server mode (S3, STS, EC2, IAM, IMDS on one port) and drives its
//! control API: reset, auth on/off, and IAM users with keys for signed requests.
//!
//! Two ways to get one, because a start costs about a second of a 2-core machine:
//! - [`Moto::shared`]: one server for the whole test binary (every area), started on first
//!   use. Tests using it must not depend on global state: give every bucket/user a
//!   [`unique_name`](super::unique_name) and never expect an exact listing, not even the same
//!   listing from two commands run one after the other (tests of other areas run meanwhile). Auth stays off; `reset` and `enable_auth` take
//!   `&mut self`, so the compiler refuses them on the shared `&'static` server.
//! - [`Moto::start`]: a fresh server owned by the test, for exact listings, `reset`, or auth.
//! - Tests of one module that all want the same set-up (say auth on and two users), or that
//!   compare whole listings, can keep a `Moto::start()` configured once in their own
//!   `static OnceLock`, as `shared` does; it is stopped when the test process exits, like the
//!   shared one.

use std::sync::OnceLock;

use super::http::{self, Response, form_encode, xml_text};
use super::peer_binary;
use super::process::{PeerProcess, peer_dir};

/// A policy granting everything, for `put_user_policy` in tests that need a permitted user.
pub const ALLOW_ALL_POLICY: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

pub struct Moto {
    process: PeerProcess,
}

impl Moto {
    /// Starts a fresh moto on a free loopback port; it is killed when dropped.
    pub fn start() -> Moto {
        let program = peer_binary("moto-5.2.5/bin/moto_server");
        let process = PeerProcess::start(
            "moto",
            peer_dir("moto"),
            &program,
            &["-H", "127.0.0.1", "-p", "0"],
            // Unbuffered so that the "Running on" line reaches the log at once.
            &[("PYTHONUNBUFFERED", "1"), ("PYTHONDONTWRITEBYTECODE", "1")],
            |port| {
                http::request(port, "GET", "/moto-api/", &[], b"").is_ok_and(|r| r.status == 200)
            },
        );
        Moto { process }
    }

    /// A fresh moto with IAM users (name, optional inline policy document) and their keys,
    /// then authentication switched on: every later request must be signed by one of them.
    pub fn with_users(users: &[(&str, Option<&str>)]) -> (Moto, Vec<(String, String)>) {
        let mut moto = Moto::start();
        let keys = users
            .iter()
            .map(|(name, policy)| {
                let keys = moto.create_user_with_keys(name);
                if let Some(document) = policy {
                    moto.put_user_policy(name, "policy", document);
                }
                keys
            })
            .collect();
        moto.enable_auth();
        (moto, keys)
    }

    /// The moto shared by all tests of the test binary (see the module docs for the rules).
    /// It lives until the test process exits; the process guard then stops it.
    pub fn shared() -> &'static Moto {
        static SHARED: OnceLock<Moto> = OnceLock::new();
        SHARED.get_or_init(Moto::start)
    }

    /// `http://127.0.0.1:PORT`, for `--endpoint-url` and the `AWS_ENDPOINT_URL*` variables.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port())
    }

    pub fn port(&self) -> u16 {
        self.process.port()
    }

    /// What moto logged so far (one line per request): worth printing when a test fails.
    pub fn log(&self) -> String {
        self.process.log()
    }

    /// Back to the state just after start: all resources deleted and auth off. (moto's own
    /// reset keeps the auth setting, which would leave a server nobody can talk to.)
    pub fn reset(&mut self) {
        self.control("/moto-api/reset", "text/plain", "");
        self.set_auth("inf");
    }

    /// Turns on signature verification and IAM policy enforcement for every later request.
    /// Create the users you need first: with auth on, only keys of moto IAM users work.
    pub fn enable_auth(&mut self) {
        self.set_auth("0");
    }

    /// Creates IAM user `user_name` and an access key for it; returns (access key id, secret).
    /// Must run while auth is off. The user has no permissions: see [`Moto::put_user_policy`].
    pub fn create_user_with_keys(&self, user_name: &str) -> (String, String) {
        self.iam(&[("Action", "CreateUser"), ("UserName", user_name)]);
        let response = self.iam(&[("Action", "CreateAccessKey"), ("UserName", user_name)]);
        let body = response.text();
        let field = |tag| {
            xml_text(&body, tag)
                .unwrap_or_else(|| panic!("no <{tag}> in moto's CreateAccessKey answer: {body}"))
        };
        (field("AccessKeyId"), field("SecretAccessKey"))
    }

    /// Attaches an inline policy (a JSON document) to an IAM user. Must run while auth is off.
    pub fn put_user_policy(&self, user_name: &str, policy_name: &str, policy_document: &str) {
        self.iam(&[
            ("Action", "PutUserPolicy"),
            ("UserName", user_name),
            ("PolicyName", policy_name),
            ("PolicyDocument", policy_document),
        ]);
    }

    /// One Query-protocol call (IAM, STS, EC2, ...) with auth off; `params` include `Action`
    /// and `Version`. Returns whatever moto answers.
    ///
    /// moto picks the service from the credential scope of the `Authorization` header, so the
    /// request carries a well-formed one with a dummy signature, which moto does not check
    /// while auth is off (with auth on it answers 403 InvalidClientTokenId).
    pub fn query(&self, service: &str, params: &[(&str, &str)]) -> Response {
        let authorization = format!(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0"
        );
        let body = form_encode(params);
        http::request(
            self.port(),
            "POST",
            "/",
            &[
                (
                    "Content-Type",
                    "application/x-www-form-urlencoded; charset=utf-8",
                ),
                ("X-Amz-Date", "20260101T000000Z"),
                ("Authorization", &authorization),
            ],
            body.as_bytes(),
        )
        .unwrap_or_else(|e| panic!("moto {service} request failed: {e}"))
    }

    fn iam(&self, params: &[(&str, &str)]) -> Response {
        let mut all = params.to_vec();
        all.push(("Version", "2010-05-08"));
        let response = self.query("iam", &all);
        if response.status == 403 {
            panic!(
                "moto refused an IAM set-up call ({params:?}): set up users before enable_auth.\n{}",
                response.text()
            );
        }
        assert_eq!(
            response.status,
            200,
            "moto IAM call {params:?} failed: {}",
            response.text()
        );
        response
    }

    fn set_auth(&self, free_requests: &str) {
        // moto answers 500 unless the body is declared text/plain.
        self.control("/moto-api/reset-auth", "text/plain", free_requests);
    }

    fn control(&self, path: &str, content_type: &str, body: &str) {
        let response = http::request(
            self.port(),
            "POST",
            path,
            &[("Content-Type", content_type)],
            body.as_bytes(),
        )
        .unwrap_or_else(|e| panic!("POST {path} to moto failed: {e}"));
        assert_eq!(
            response.status,
            200,
            "POST {path} to moto: {}",
            response.text()
        );
    }
}
