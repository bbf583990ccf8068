//! `lambda create-function --zip-file fileb://f.zip` (and `publish-layer-version`): the zip's
//! bytes go to `Code.ZipFile` (`Content.ZipFile`), which `--code` (`--content`) can no longer
//! carry, and `--code` becomes optional. The bytes must be a zip file, as the CLI checks.

use serde_json::Value;

use super::{Customization, ExtraArgument, Given};
use crate::driver::argparse::{Conversion, Nargs};
use crate::driver::call::Call;
use crate::driver::values::{self, Loaded};
use crate::error::Error;

pub const CREATE_FUNCTION: Customization = Customization {
    commands: &[("lambda", "create-function")],
    arguments: ZIP_FILE,
    optional: &["code"],
    hidden: &[],
    removed: &[],
    apply: |given, call| hoist(given, call, "Code", "--code"),
    before_build: None,
};

pub const PUBLISH_LAYER_VERSION: Customization = Customization {
    commands: &[("lambda", "publish-layer-version")],
    arguments: ZIP_FILE,
    optional: &["content"],
    hidden: &[],
    removed: &[],
    apply: |given, call| hoist(given, call, "Content", "--content"),
    before_build: None,
};

/// `update-function-code`'s `--zip-file` is the model's own; the CLI only checks it is a zip.
pub const UPDATE_FUNCTION_CODE: Customization = Customization {
    commands: &[("lambda", "update-function-code")],
    arguments: &[],
    optional: &[],
    hidden: &[],
    removed: &[],
    apply: check_model_zip_file,
    before_build: None,
};

const ZIP_FILE: &[ExtraArgument] = &[ExtraArgument {
    name: "zip-file",
    nargs: Nargs::One,
    conversion: Conversion::Text,
}];

const NOT_A_ZIP: &str = "--zip-file must be a zip file with the fileb:// prefix.\nExample usage:  --zip-file fileb://path/to/file.zip";

fn invalid(message: impl Into<String>) -> Error {
    Error::ParamValidation {
        message: message.into(),
        usage: false,
    }
}

fn hoist(given: &Given, call: &mut Call, member: &str, cli_name: &str) -> Result<(), Error> {
    if call
        .params
        .get(member)
        .and_then(|v| v.get("ZipFile"))
        .is_some()
    {
        return Err(invalid(format!(
            "ZipFile cannot be provided as part of the {cli_name} argument.  Please use the '--zip-file' option instead to specify a zip file."
        )));
    }
    let Some(value) = given.all("zip-file").and_then(|v| v.first()) else {
        return Ok(());
    };
    let bytes = match values::load_paramfile("--zip-file", value)? {
        Some(Loaded::Bytes(b)) => b,
        Some(Loaded::Text(t)) => t.into_bytes(),
        None => value.clone().into_bytes(),
    };
    if !is_zip(&bytes) {
        return Err(invalid(NOT_A_ZIP));
    }
    let slot = call
        .params
        .entry(member)
        .or_insert_with(|| Value::Object(Default::default()));
    if let Value::Object(map) = slot {
        map.insert("ZipFile".into(), values::base64(&bytes).into());
    }
    // The bytes are already in the engine's form: not to be base64-decoded again.
    call.raw_blobs.push(member.to_string());
    Ok(())
}

fn check_model_zip_file(_: &Given, call: &mut Call) -> Result<(), Error> {
    let Some(Value::String(value)) = call.params.get("ZipFile") else {
        return Ok(());
    };
    // From `fileb://`: the engine's base64 of the bytes; else the text as typed.
    let bytes = match call.raw_blobs.iter().any(|m| m == "ZipFile") {
        true => base64::Engine::decode(&base64::engine::general_purpose::STANDARD, value)
            .unwrap_or_default(),
        false => value.clone().into_bytes(),
    };
    match is_zip(&bytes) {
        true => Ok(()),
        false => Err(invalid(NOT_A_ZIP)),
    }
}

/// Whether Python's `zipfile` would open `bytes`: an end-of-central-directory record in the
/// last 64 KiB + 22 bytes.
fn is_zip(bytes: &[u8]) -> bool {
    const EOCD: &[u8] = b"PK\x05\x06";
    let start = bytes.len().saturating_sub(65_535 + 22);
    bytes.len() >= 22 && bytes[start..].windows(4).any(|w| w == EOCD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_zip_archives_pass() {
        let mut empty_zip = b"PK\x05\x06".to_vec();
        empty_zip.extend([0u8; 18]);
        assert!(is_zip(&empty_zip));
        assert!(!is_zip(b"print('hello')"));
        assert!(!is_zip(b""));
    }
}
