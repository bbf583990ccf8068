//! S3 fixtures for moto with auth off, written straight over HTTP (not through awsctl, so a
//! bug there cannot hide in the set-up): buckets and objects to list and delete.

use super::http::{self, percent_encode};

/// `/bucket/key` with every key segment percent-encoded.
fn path(bucket: &str, key: &str) -> String {
    let key: Vec<String> = key.split('/').map(percent_encode).collect();
    format!("/{bucket}/{}", key.join("/"))
}

pub fn create_bucket(port: u16, bucket: &str) {
    let r = http::request(port, "PUT", &format!("/{bucket}"), &[], b"").expect("PUT bucket");
    assert_eq!(r.status, 200, "create bucket {bucket}: {}", r.text());
}

pub fn put_object(port: u16, bucket: &str, key: &str, body: &[u8]) {
    // moto reads a form content type as form fields: declare the body opaque.
    let r = http::request(
        port,
        "PUT",
        &path(bucket, key),
        &[("Content-Type", "application/octet-stream")],
        body,
    )
    .expect("PUT object");
    assert_eq!(r.status, 200, "put {bucket}/{key}: {}", r.text());
}

/// The keys in a bucket (first 1000), straight from moto.
pub fn list_keys(port: u16, bucket: &str) -> Vec<String> {
    let r = http::get(port, &format!("/{bucket}?list-type=2"));
    assert_eq!(r.status, 200, "list {bucket}: {}", r.text());
    let text = r.text();
    text.split("<Key>")
        .skip(1)
        .filter_map(|s| s.split("</Key>").next())
        .map(|k| http::xml_text(&format!("<Key>{k}</Key>"), "Key").unwrap_or_default())
        .collect()
}

/// Whether moto still has the bucket.
pub fn bucket_exists(port: u16, bucket: &str) -> bool {
    http::request(port, "HEAD", &format!("/{bucket}"), &[], b"")
        .expect("HEAD bucket")
        .status
        == 200
}

/// Replaces the 19-character date that starts `ls` lines with `DATE`, for exact comparisons.
pub fn mask_dates(listing: &str) -> String {
    listing
        .lines()
        .map(|line| {
            let is_date = line.len() >= 19
                && line.as_bytes()[..19]
                    .iter()
                    .enumerate()
                    .all(|(i, b)| match i {
                        4 | 7 => *b == b'-',
                        10 => *b == b' ',
                        13 | 16 => *b == b':',
                        _ => b.is_ascii_digit(),
                    });
            if is_date {
                format!("DATE{}\n", &line[19..])
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

/// A command's lines in sorted order: transfers finish in any order.
pub fn sorted_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.sort();
    lines
}
