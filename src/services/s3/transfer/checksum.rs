//! Checksums for transfers: the algorithm an upload carries (CRC32 by default, as current
//! SDKs send; `--checksum-algorithm` picks CRC32C, CRC64NVME, SHA1 or SHA256), the header form
//! S3 expects (base64 of the big-endian value or digest), and the check of downloaded bytes
//! against a stored CRC32.

use base64::Engine;
use sha1::Digest;

use crate::error::Error;
use crate::http::Body;

/// The checksums S3 verifies on upload.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Algorithm {
    #[default]
    Crc32,
    Crc32c,
    Crc64Nvme,
    Sha1,
    Sha256,
}

impl Algorithm {
    /// `--checksum-algorithm`'s values, as S3 names them.
    pub fn parse(name: &str) -> Option<Algorithm> {
        Some(match name {
            "CRC32" => Algorithm::Crc32,
            "CRC32C" => Algorithm::Crc32c,
            "CRC64NVME" => Algorithm::Crc64Nvme,
            "SHA1" => Algorithm::Sha1,
            "SHA256" => Algorithm::Sha256,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Crc32 => "CRC32",
            Algorithm::Crc32c => "CRC32C",
            Algorithm::Crc64Nvme => "CRC64NVME",
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
        }
    }

    /// `x-amz-checksum-crc32` and the like.
    pub fn header(self) -> String {
        format!("x-amz-checksum-{}", self.name().to_ascii_lowercase())
    }

    /// `ChecksumCRC32` and the like, in CompleteMultipartUpload's part list.
    pub fn element(self) -> String {
        format!("Checksum{}", self.name())
    }

    /// The header value for these bytes.
    pub fn digest(self, bytes: &[u8]) -> String {
        let mut hasher = Hasher::new(self);
        hasher.update(bytes);
        hasher.finish()
    }

    /// The header value for a request body; a file's range is read for it (once: a retry
    /// reuses the value).
    pub fn digest_body(self, body: &Body) -> Result<String, Error> {
        match body {
            Body::Bytes(bytes) => Ok(self.digest(bytes)),
            Body::File(range) => {
                let mut hasher = Hasher::new(self);
                range
                    .read_each(|chunk| hasher.update(chunk))
                    .map_err(|e| Error::General(e.to_string()))?;
                Ok(hasher.finish())
            }
        }
    }
}

/// A checksum computed piece by piece.
enum Hasher {
    Crc32(crc32fast::Hasher),
    Crc32c(crc_fast::Digest),
    Crc64Nvme(crc_fast::Digest),
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
}

impl Hasher {
    fn new(algorithm: Algorithm) -> Hasher {
        match algorithm {
            Algorithm::Crc32 => Hasher::Crc32(crc32fast::Hasher::new()),
            Algorithm::Crc32c => {
                Hasher::Crc32c(crc_fast::Digest::new(crc_fast::CrcAlgorithm::Crc32Iscsi))
            }
            Algorithm::Crc64Nvme => {
                Hasher::Crc64Nvme(crc_fast::Digest::new(crc_fast::CrcAlgorithm::Crc64Nvme))
            }
            Algorithm::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            Algorithm::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
        }
    }

    fn update(&mut self, bytes: &[u8]) {
        match self {
            Hasher::Crc32(h) => h.update(bytes),
            Hasher::Crc32c(d) | Hasher::Crc64Nvme(d) => d.update(bytes),
            Hasher::Sha1(h) => h.update(bytes),
            Hasher::Sha256(h) => h.update(bytes),
        }
    }

    /// The header value: base64 of the big-endian value or of the digest.
    fn finish(self) -> String {
        let b64 = |raw: &[u8]| base64::engine::general_purpose::STANDARD.encode(raw);
        match self {
            Hasher::Crc32(h) => encode(h.finalize()),
            Hasher::Crc32c(d) => encode(d.finalize() as u32),
            Hasher::Crc64Nvme(d) => b64(&d.finalize().to_be_bytes()),
            Hasher::Sha1(h) => b64(&h.finalize()),
            Hasher::Sha256(h) => b64(&h.finalize()),
        }
    }
}

/// `x-amz-checksum-crc32` for these bytes.
pub fn crc32_header(bytes: &[u8]) -> String {
    encode(crc32fast::hash(bytes))
}

pub fn encode(crc: u32) -> String {
    base64::engine::general_purpose::STANDARD.encode(crc.to_be_bytes())
}

/// The object's stored CRC32 when it is a checksum of the whole object; `None` for a
/// multipart object's checksum of its parts' checksums (`base64-N`), which only the same part
/// layout could reproduce, and for anything unreadable.
pub fn full_object(stored: Option<&str>) -> Option<&str> {
    stored.filter(|s| !s.contains('-') && !s.is_empty())
}

/// `x-amz-checksum-crc32` of a HeadObject or GetObject answer, with the `-N` of a multipart
/// object's checksum of its parts' checksums made explicit: S3 writes it, but moto 5.2.5
/// leaves it off, and the bare value would be taken for the whole object's CRC32 and fail
/// every download. A multipart object's ETag ends in `-N`; only `x-amz-checksum-type:
/// FULL_OBJECT` makes its checksum one of the whole object.
pub fn stored_crc32(response: &crate::http::HttpResponse) -> Option<String> {
    let crc = response.header("x-amz-checksum-crc32")?;
    let parts = response
        .header("etag")
        .and_then(|e| e.trim_matches('"').rsplit_once('-'))
        .map(|(_, n)| n);
    match parts {
        Some(n)
            if !crc.contains('-')
                && response.header("x-amz-checksum-type") != Some("FULL_OBJECT") =>
        {
            Some(format!("{crc}-{n}"))
        }
        _ => Some(crc.to_string()),
    }
}

/// Combines per-range CRC32s, in order, into the CRC32 of the whole.
pub fn combine(ranges: &[(u32, u64)]) -> u32 {
    let mut whole = crc32fast::Hasher::new();
    for &(crc, len) in ranges {
        let part = crc32fast::Hasher::new_with_initial_len(crc, len);
        whole.combine(&part);
    }
    whole.finalize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn answer(headers: &[(&'static str, &'static str)]) -> crate::http::HttpResponse {
        let mut map = reqwest::header::HeaderMap::new();
        for (k, v) in headers {
            map.insert(*k, reqwest::header::HeaderValue::from_static(v));
        }
        crate::http::HttpResponse {
            status: 200,
            headers: map,
            body: Vec::new(),
        }
    }

    #[test]
    fn a_multipart_objects_checksum_is_never_taken_for_the_whole_objects() {
        let crc = "x-amz-checksum-crc32";
        let stored = |h: &[(&'static str, &'static str)]| stored_crc32(&answer(h));
        assert_eq!(
            stored(&[(crc, "opBC+g=="), ("etag", "\"e\"")]).as_deref(),
            Some("opBC+g==")
        );
        assert_eq!(
            stored(&[(crc, "opBC+g=="), ("etag", "\"e-2\"")]).as_deref(),
            Some("opBC+g==-2")
        );
        assert_eq!(
            stored(&[(crc, "opBC+g==-2"), ("etag", "\"e-2\"")]).as_deref(),
            Some("opBC+g==-2")
        );
        assert_eq!(
            stored(&[
                (crc, "lA1h2Q=="),
                ("etag", "\"e-2\""),
                ("x-amz-checksum-type", "FULL_OBJECT")
            ])
            .as_deref(),
            Some("lA1h2Q==")
        );
        assert_eq!(stored(&[("etag", "\"e-2\"")]), None);
    }

    #[test]
    fn every_algorithm_digests_as_s3_expects() {
        // "hello world", each cross-checked with an independent implementation (Python's
        // zlib and hashlib; a bitwise CRC-32C and CRC-64/NVME from their parameters).
        let cases = [
            (Algorithm::Crc32, "DUoRhQ=="),
            (Algorithm::Crc32c, "yZRlqg=="),
            (Algorithm::Crc64Nvme, "jSnVw/bqjr4="),
            (Algorithm::Sha1, "Kq5sNclPz7QV2+lfQIuc6R7oRu0="),
            (
                Algorithm::Sha256,
                "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=",
            ),
        ];
        let dir = tempfile::tempdir().unwrap();
        let path: std::sync::Arc<std::path::Path> = dir.path().join("f").into();
        std::fs::write(&path, b">>hello world<<").unwrap();
        let file = Body::File(crate::http::body::FileRange {
            path,
            offset: 2,
            len: 11,
            chunk: 3,
        });
        for (algorithm, expected) in cases {
            assert_eq!(algorithm.digest(b"hello world"), expected, "{algorithm:?}");
            // Read in pieces from a file: the same value.
            assert_eq!(
                algorithm.digest_body(&file).unwrap(),
                expected,
                "{algorithm:?}"
            );
            assert_eq!(Algorithm::parse(algorithm.name()), Some(algorithm));
        }
        assert_eq!(Algorithm::Crc64Nvme.header(), "x-amz-checksum-crc64nvme");
        assert_eq!(Algorithm::Crc32c.element(), "ChecksumCRC32C");
    }

    #[test]
    fn header_is_base64_of_big_endian() {
        // CRC32("hello") = 0x3610a686.
        assert_eq!(crc32_header(b"hello"), "NhCmhg==");
        assert_eq!(crc32_header(b""), "AAAAAA==");
        assert_eq!(full_object(Some("NhCmhg==")), Some("NhCmhg=="));
        assert_eq!(full_object(Some("NhCmhg==-3")), None);
    }

    proptest! {
        /// Ranges hashed apart and combined give the whole's CRC32, wherever the cuts are.
        #[test]
        fn combined_ranges_equal_the_whole(data in proptest::collection::vec(any::<u8>(), 0..300), cuts in proptest::collection::vec(0usize..300, 0..5)) {
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(data.len())).collect();
            cuts.push(0);
            cuts.push(data.len());
            cuts.sort();
            let ranges: Vec<(u32, u64)> = cuts.windows(2)
                .map(|w| (crc32fast::hash(&data[w[0]..w[1]]), (w[1] - w[0]) as u64))
                .collect();
            prop_assert_eq!(combine(&ranges), crc32fast::hash(&data));
        }
    }
}
