//! Reading a small answer (instance metadata, container credentials) into memory with a
//! ceiling, so that a server streaming without end is cut off at the ceiling rather than
//! read until the timeout.

/// The whole body, or an error once it passes `cap` bytes (checked against Content-Length
/// first, then as the bytes arrive).
pub async fn read(mut response: reqwest::Response, cap: usize) -> Result<Vec<u8>, String> {
    let too_large = || format!("the answer is larger than {cap} bytes");
    if response.content_length().is_some_and(|n| n > cap as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| e.to_string())? {
        if body.len() + chunk.len() > cap {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// [`read`] as UTF-8 text (invalid sequences replaced, as reqwest's `text()` does).
pub async fn read_text(response: reqwest::Response, cap: usize) -> Result<String, String> {
    read(response, cap)
        .await
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}
