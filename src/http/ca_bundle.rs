//! Reading a CA bundle (`--ca-bundle`, `AWS_CA_BUNDLE`, `ca_bundle`): every PEM certificate in
//! the file. A file without one is an error when it is loaded, not an `UnknownIssuer` on the
//! first request.

use std::path::Path;

use crate::error::TransportError;

pub fn load(path: &Path) -> Result<Vec<reqwest::Certificate>, TransportError> {
    let fail = |e: String| TransportError::CaBundle(path.display().to_string(), e);
    let pem = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| fail(e.to_string()))?;
    if certs.is_empty() {
        return Err(fail("no PEM certificate found in the file".into()));
    }
    Ok(certs)
}

/// The builder trusting the bundle's certificates only, as botocore does with a bundle.
pub fn trust(
    builder: reqwest::ClientBuilder,
    certs: Vec<reqwest::Certificate>,
) -> reqwest::ClientBuilder {
    certs
        .into_iter()
        .fold(builder.tls_built_in_root_certs(false), |b, cert| {
            b.add_root_certificate(cert)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_certificates_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("garbage.pem");
        std::fs::write(&path, "not a certificate\n").unwrap();
        let e = load(&path).unwrap_err().to_string();
        assert!(
            e.ends_with("garbage.pem: no PEM certificate found in the file"),
            "{e}"
        );
        assert!(load(&dir.path().join("missing.pem")).is_err());
    }
}
