//! awsctl's presigned URLs (`awsctl::http::sign::Signer::presign`) checked by a server that
//! verifies them: s3s-fs checks the query-string signature and the expiry. The object is put
//! there by the harness's own signer, so the set-up does not depend on the code under test.

use crate::common;

use std::time::{Duration, SystemTime};

use awsctl::credentials::{Credentials, Source};
use awsctl::http::sign::{Signer, SigningStyle};
use awsctl::secret::Secret;
use common::{S3sFs, http, sigv4};

fn credentials(secret: &str) -> Credentials {
    Credentials {
        access_key_id: common::S3S_ACCESS_KEY.into(),
        secret_access_key: Secret::new(secret),
        session_token: None,
        expiration: None,
        account_id: None,
        source: Source::Environment,
    }
}

fn put_object(server: &S3sFs, path: &str, body: &[u8]) {
    let signer = sigv4::Signer {
        access_key: server.access_key(),
        secret_key: server.secret_key(),
        region: "us-east-1",
        service: "s3",
    };
    let bucket = format!(
        "/{}",
        path.trim_start_matches('/').split('/').next().unwrap()
    );
    assert_eq!(
        signer
            .request(server.port(), "PUT", &bucket, &[], b"")
            .unwrap()
            .status,
        200
    );
    assert_eq!(
        signer
            .request(server.port(), "PUT", path, &[], body)
            .unwrap()
            .status,
        200
    );
}

fn presigned_path(
    server: &S3sFs,
    secret: &str,
    path: &str,
    time: SystemTime,
    expires: Duration,
) -> String {
    let creds = credentials(secret);
    let signer = Signer {
        credentials: &creds,
        region: "us-east-1",
        service: "s3",
        time,
        style: SigningStyle::S3,
    };
    let url = signer
        .presign("GET", &format!("{}{path}", server.endpoint()), expires)
        .unwrap();
    assert!(
        url.contains("X-Amz-Signature=") && url.contains("X-Amz-Expires="),
        "{url}"
    );
    url.strip_prefix(&server.endpoint()).unwrap().to_string()
}

#[test]
fn a_plain_get_of_a_presigned_url_returns_the_object() {
    let server = S3sFs::start();
    put_object(
        &server,
        "/presign-bucket/dir/hello%20world.txt",
        b"hello presigned",
    );
    let path = presigned_path(
        &server,
        common::S3S_SECRET_KEY,
        "/presign-bucket/dir/hello%20world.txt",
        SystemTime::now(),
        Duration::from_secs(3600),
    );
    let response = http::request(server.port(), "GET", &path, &[], b"").unwrap();
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.body, b"hello presigned");
}

#[test]
fn a_wrong_key_or_an_expired_url_is_refused() {
    let server = S3sFs::start();
    put_object(&server, "/presign-bucket/k", b"x");
    let wrong = presigned_path(
        &server,
        "not-the-secret",
        "/presign-bucket/k",
        SystemTime::now(),
        Duration::from_secs(60),
    );
    let response = http::request(server.port(), "GET", &wrong, &[], b"").unwrap();
    assert_eq!(response.status, 403, "{}", response.text());
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let expired = presigned_path(
        &server,
        common::S3S_SECRET_KEY,
        "/presign-bucket/k",
        an_hour_ago,
        Duration::from_secs(60),
    );
    let response = http::request(server.port(), "GET", &expired, &[], b"").unwrap();
    assert_eq!(response.status, 403, "{}", response.text());
}
