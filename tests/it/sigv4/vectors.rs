//! awsctl's signer (`awsctl::http::sign`) over the public aws-signing-test-suite vectors that
//! ship in the aws-sigv4 crate's published source, found with `cargo metadata`: every case,
//! in both the header and the query-string form, must give the suite's signature.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SessionTokenMode, SignatureLocation, SigningSettings,
    UriPathNormalizationMode,
};
use awsctl::credentials::{Credentials, Source};
use awsctl::http::sign::{Payload, Signer, SigningStyle};
use awsctl::secret::Secret;
use serde_json::Value;

fn suite_dir() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
    let manifest = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "aws-sigv4")
        .expect("aws-sigv4 is a dependency")["manifest_path"]
        .as_str()
        .unwrap()
        .to_string();
    Path::new(&manifest)
        .parent()
        .unwrap()
        .join("aws-signing-test-suite/v4")
}

/// A raw HTTP request from `request.txt`: method, path and query, headers (continuation
/// lines folded into one value, as HTTP/1.1 obs-fold is read), body.
struct RawRequest {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn parse_request(text: &str) -> RawRequest {
    let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut lines = head.lines();
    let request_line = lines.next().unwrap();
    let method = request_line.split(' ').next().unwrap().to_string();
    let target = request_line[method.len() + 1..request_line.rfind(" HTTP/").unwrap()].to_string();
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            let last = headers.last_mut().unwrap();
            last.1.push(' ');
            last.1.push_str(line.trim());
        } else {
            let (k, v) = line.split_once(':').unwrap();
            headers.push((k.to_string(), v.to_string()));
        }
    }
    RawRequest {
        method,
        target,
        headers,
        body: body.as_bytes().to_vec(),
    }
}

/// Turns the request target into a URL the `http` crate accepts: characters it refuses
/// (spaces, raw UTF-8) are percent-encoded, which is what a client puts on the wire.
fn url_for(request: &RawRequest) -> (String, bool) {
    let host = &request
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("host"))
        .unwrap()
        .1;
    let mut encoded = String::new();
    let mut changed = false;
    for c in request.target.chars() {
        if c == ' ' || !c.is_ascii() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                encoded.push_str(&format!("%{b:02X}"));
            }
            changed = true;
        } else {
            encoded.push(c);
        }
    }
    (format!("https://{host}{encoded}"), changed)
}

fn sign_case(dir: &Path, location: SignatureLocation) -> (String, String) {
    let context: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("context.json")).unwrap()).unwrap();
    let request = parse_request(&std::fs::read_to_string(dir.join("request.txt")).unwrap());
    let (url, pre_encoded) = url_for(&request);
    let creds = &context["credentials"];
    let credentials = Credentials {
        access_key_id: creds["access_key_id"].as_str().unwrap().into(),
        secret_access_key: Secret::new(creds["secret_access_key"].as_str().unwrap()),
        session_token: creds["token"].as_str().map(Secret::new),
        expiration: None,
        account_id: None,
        source: Source::Environment,
    };
    let time = time::OffsetDateTime::parse(
        context["timestamp"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let signer = Signer {
        credentials: &credentials,
        region: context["region"].as_str().unwrap(),
        service: context["service"].as_str().unwrap(),
        time: SystemTime::from(time),
        style: SigningStyle::Standard,
    };
    let mut settings = SigningSettings::default();
    settings.signature_location = location;
    settings.uri_path_normalization_mode = if context["normalize"] == true {
        UriPathNormalizationMode::Enabled
    } else {
        UriPathNormalizationMode::Disabled
    };
    if context["sign_body"] == true {
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    }
    if context["omit_session_token"] == true {
        settings.session_token_mode = SessionTokenMode::Exclude;
    }
    if location == SignatureLocation::QueryParams {
        settings.expires_in = Some(Duration::from_secs(
            context["expiration_in_seconds"].as_u64().unwrap(),
        ));
    }
    // The suite's paths are wire forms and its canonical paths encode them exactly once
    // (get-space-normalized, get-utf8): a path carrying percent-escapes, ours or the suite's,
    // is therefore signed without a second encoding.
    let path = url
        .split_once("://")
        .map_or("", |(_, rest)| rest)
        .split('?')
        .next()
        .unwrap_or_default();
    if pre_encoded || path.contains('%') {
        settings.percent_encoding_mode = PercentEncodingMode::Single;
    }
    let signed = signer
        .sign_with(
            settings,
            &request.method,
            &url,
            &request.headers,
            Payload::Bytes(&request.body),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let signature = match location {
        SignatureLocation::Headers => {
            let auth = &signed
                .headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
                .unwrap()
                .1;
            auth.rsplit_once("Signature=").unwrap().1.to_string()
        }
        _ => signed
            .query
            .iter()
            .find(|(k, _)| *k == "X-Amz-Signature")
            .unwrap()
            .1
            .clone(),
    };
    let file = match location {
        SignatureLocation::Headers => "header-signature.txt",
        _ => "query-signature.txt",
    };
    (
        signature,
        std::fs::read_to_string(dir.join(file))
            .unwrap()
            .trim()
            .to_string(),
    )
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(suite_dir())
        .expect("the signing test suite ships with aws-sigv4")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("context.json").exists())
        .collect();
    cases.sort();
    cases
}

#[test]
fn the_suite_is_there() {
    let cases = cases();
    // 38 of the suite's 40 directories carry a context.json (double-encode-path and
    // double-url-encode ship without one and cannot be run).
    assert!(cases.len() >= 38, "only {} vectors found", cases.len());
    assert!(cases.iter().any(|c| c.ends_with("get-vanilla")));
}

/// The cases whose signature differs from the suite's, described.
fn failures(location: SignatureLocation, expected_file: &str) -> Vec<String> {
    cases()
        .iter()
        .filter(|dir| dir.join(expected_file).exists())
        .filter_map(|dir| {
            let (got, want) = sign_case(dir, location);
            (got != want).then(|| {
                format!(
                    "{}: got {got}, want {want}",
                    dir.file_name().unwrap().to_string_lossy()
                )
            })
        })
        .collect()
}

#[test]
fn every_header_vector_gives_the_suite_signature() {
    let failed = failures(SignatureLocation::Headers, "header-signature.txt");
    assert!(
        failed.is_empty(),
        "header vectors failed:\n{}",
        failed.join("\n")
    );
}

#[test]
fn every_query_vector_gives_the_suite_signature() {
    let failed = failures(SignatureLocation::QueryParams, "query-signature.txt");
    assert!(
        failed.is_empty(),
        "query vectors failed:\n{}",
        failed.join("\n")
    );
}

#[test]
fn get_vanilla_matches_the_known_signatures() {
    let dir = suite_dir().join("get-vanilla");
    assert!(
        sign_case(&dir, SignatureLocation::Headers)
            .0
            .starts_with("5fa00fa3")
    );
    assert!(
        sign_case(&dir, SignatureLocation::QueryParams)
            .0
            .starts_with("e93c787e")
    );
}
