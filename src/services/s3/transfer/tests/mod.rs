//! The engine's unit tests, in process: upload, download, copy and transfer-level retries over
//! the in-memory fake S3 and its failure-injecting wrapper (../testing/). What happens on the
//! wire (signing, the client's own retries, resumes of real connections) is the integration
//! tests' part (tests/s3_cp*.rs, against s3s-fs and moto).

mod copy;
mod download;
mod retries;
mod upload;

use std::path::{Path, PathBuf};

/// A file of `bytes` in `dir`.
fn file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `x-amz-checksum-crc32` of a multipart object of these parts: the CRC32 of the parts'
/// CRC32s, `-N`.
fn crc32_of_parts(parts: &[&[u8]]) -> String {
    let joined: Vec<u8> = parts
        .iter()
        .flat_map(|p| crc32fast::hash(p).to_be_bytes())
        .collect();
    format!("{}-{}", super::checksum::crc32_header(&joined), parts.len())
}
