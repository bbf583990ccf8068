//! The S3 operations as a library (`awsctl::services::s3::ops`), against moto: the ones no
//! command exercises fully, HEAD errors without a body, and ListObjectsV2 pagination.

use crate::common;

use awsctl::cli::GlobalArgs;
use awsctl::env::Env;
use awsctl::error::Error;
use awsctl::services::Session;
use awsctl::services::s3::ops::{head_bucket, head_object, list_objects_v2};
use awsctl::settings::Settings;
use common::s3_fixtures::{create_bucket, put_object};
use common::{Moto, unique_name};

fn settings() -> Settings {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("missing");
    let env = Env::from_pairs([
        ("HOME", home.path().to_str().unwrap()),
        ("AWS_CONFIG_FILE", missing.to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", missing.to_str().unwrap()),
        ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", "secret"),
    ]);
    let args = GlobalArgs {
        endpoint_url: Some(Moto::shared().endpoint()),
        ..Default::default()
    };
    Settings::resolve(&args, env).unwrap()
}

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

fn service_error(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::Service(e)) => e.to_string(),
        other => panic!("expected a service error, got {other:?}"),
    }
}

#[test]
fn head_requests_read_headers_and_report_bodiless_errors() {
    let port = Moto::shared().port();
    let bucket = unique_name("head");
    create_bucket(port, &bucket);
    put_object(port, &bucket, "k", b"hello");
    let settings = settings();
    let session = Session::new(&settings);
    block_on(async {
        let head = head_object::call(&session, &bucket, "k", None)
            .await
            .unwrap();
        assert_eq!(head.content_length, 5);
        assert!(head.etag.is_some() && head.last_modified.is_some());
        assert_eq!(
            service_error(head_object::call(&session, &bucket, "nope", None).await),
            "An error occurred (404) when calling the HeadObject operation: Not Found"
        );
        head_bucket::call(&session, &bucket).await.unwrap();
        assert_eq!(
            service_error(head_bucket::call(&session, "no-such-bucket-head").await),
            "An error occurred (404) when calling the HeadBucket operation: Not Found"
        );
    });
}

#[test]
fn list_objects_v2_pages_with_continuation_tokens() {
    let port = Moto::shared().port();
    let bucket = unique_name("pages");
    create_bucket(port, &bucket);
    for i in 0..5 {
        put_object(port, &bucket, &format!("p/{i}"), b"x");
    }
    let settings = settings();
    let session = Session::new(&settings);
    let mut params = list_objects_v2::Params {
        bucket: &bucket,
        prefix: "p/",
        max_keys: Some(2),
        ..Default::default()
    };
    let mut keys = Vec::new();
    let mut pages = 0;
    block_on(async {
        loop {
            let page = list_objects_v2::call(&session, &params).await.unwrap();
            pages += 1;
            assert!(page.contents.len() <= 2);
            keys.extend(page.contents.into_iter().map(|o| o.key));
            match page.next_token {
                Some(token) => params.continuation_token = Some(token),
                None => break,
            }
        }
    });
    assert_eq!(pages, 3);
    assert_eq!(keys, ["p/0", "p/1", "p/2", "p/3", "p/4"]);
}

/// A server that answers every page with the same continuation token would be listed forever;
/// awsctl stops as botocore does. (No peer misbehaves like this: the fake server plays it.)
#[test]
fn a_repeated_continuation_token_stops_the_listing() {
    use common::fake_server::{FakeServer, Reply};
    let fake = FakeServer::start(|_| {
        Reply::Status(
            200,
            "<ListBucketResult><Name>b</Name><IsTruncated>true</IsTruncated><NextContinuationToken>same</NextContinuationToken><KeyCount>1</KeyCount><Contents><Key>k</Key><LastModified>2026-11-23T00:00:00.000Z</LastModified><Size>1</Size></Contents></ListBucketResult>".into(),
        )
    });
    let ctx = common::TestContext::new();
    let out = ctx
        .cmd(["s3", "ls", "s3://b", "--endpoint-url", &fake.endpoint()])
        .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .run();
    out.assert_code(255);
    assert!(
        out.stderr.ends_with("aws: [ERROR]: Error during pagination: The same next token was received twice: {'ContinuationToken': 'same'}\n"),
        "{out}"
    );
    assert!(
        fake.requests().len() <= 3,
        "{} requests",
        fake.requests().len()
    );
}
