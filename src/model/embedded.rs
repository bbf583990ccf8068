//! The models compiled into the binary (`catalog.rs`, generated) and their loading: a
//! service's model is decompressed and indexed the first time a command asks for it, once
//! per process.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::catalog::SERVICES;
use super::service::{ModelError, ServiceModel};

/// One service's compressed model and documentation, as `xtask models` wrote them.
pub struct Embedded {
    /// botocore's service name (its data directory).
    pub name: &'static str,
    pub model: &'static [u8],
    pub docs: &'static [u8],
}

/// Every embedded service name, sorted.
pub fn service_names() -> impl Iterator<Item = &'static str> {
    SERVICES.iter().map(|s| s.name)
}

fn find(name: &str) -> Option<&'static Embedded> {
    SERVICES
        .binary_search_by(|s| s.name.cmp(name))
        .ok()
        .map(|i| &SERVICES[i])
}

pub fn exists(name: &str) -> bool {
    find(name).is_some()
}

/// The model of a service, loaded on first use; `None` for a name botocore does not have.
pub fn service(name: &str) -> Option<Result<&'static ServiceModel, ModelError>> {
    static LOADED: OnceLock<Mutex<HashMap<&'static str, &'static ServiceModel>>> = OnceLock::new();
    let embedded = find(name)?;
    let mut loaded = LOADED
        .get_or_init(Mutex::default)
        .lock()
        .expect("never poisoned");
    if let Some(model) = loaded.get(embedded.name) {
        return Some(Ok(model));
    }
    let result = decompress(embedded.name, embedded.model).and_then(|text| {
        let model: &'static ServiceModel =
            Box::leak(Box::new(ServiceModel::from_processed(embedded.name, text)?));
        loaded.insert(embedded.name, model);
        Ok(model)
    });
    Some(result)
}

/// The documentation of a service (for `help`), as JSON text.
pub fn documentation(name: &str) -> Option<Result<&'static str, ModelError>> {
    let embedded = find(name)?;
    Some(decompress(embedded.name, embedded.docs))
}

/// Decompressed text that lives as long as the process: the model's shapes borrow from it.
fn decompress(name: &str, bytes: &[u8]) -> Result<&'static str, ModelError> {
    let malformed = |detail: String| ModelError::Malformed {
        service: name.to_string(),
        detail,
    };
    let size = zstd::zstd_safe::get_frame_content_size(bytes)
        .ok()
        .flatten()
        .ok_or_else(|| malformed("no content size in the compressed frame".into()))?;
    let raw = zstd::bulk::decompress(bytes, size as usize).map_err(|e| malformed(e.to_string()))?;
    let text = String::from_utf8(raw).map_err(|e| malformed(e.to_string()))?;
    Ok(Box::leak(text.into_boxed_str()))
}
