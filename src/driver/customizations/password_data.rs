//! `ec2 get-password-data --priv-launch-key KEY.pem`: the Windows password in the answer,
//! which EC2 encrypts with the launch key pair's public key (RSA, PKCS #1 v1.5), decrypted with
//! the private key file and shown in its place.

use base64::Engine;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::{Pkcs1v15Encrypt, RsaPrivateKey};
use serde_json::Value;

use super::{AfterCall, Customization, ExtraArgument, Given};
use crate::driver::argparse::{Conversion, Nargs};
use crate::driver::call::Call;
use crate::error::Error;

pub const CUSTOMIZATION: Customization = Customization {
    commands: &[("ec2", "get-password-data")],
    arguments: &[ExtraArgument {
        name: "priv-launch-key",
        nargs: Nargs::One,
        conversion: Conversion::Text,
    }],
    optional: &[],
    hidden: &[],
    removed: &[],
    apply,
    before_build: None,
};

fn apply(given: &Given, call: &mut Call) -> Result<(), Error> {
    let Some(value) = given.one("priv-launch-key") else {
        return Ok(());
    };
    let path = match value.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(|home| std::path::PathBuf::from(home).join(rest))
            .unwrap_or_else(|| value.into()),
        None => value.into(),
    };
    if !path.is_file() {
        return Err(Error::General(
            "priv-launch-key should be a path to the local SSH private key file used to launch the instance.".into(),
        ));
    }
    call.after_call = Some(AfterCall { run: decrypt, path });
    Ok(())
}

fn decrypt(after: &AfterCall, response: &mut Value) -> Result<(), Error> {
    let Some(encrypted) = response
        .get("PasswordData")
        .and_then(Value::as_str)
        .filter(|v| !v.is_empty())
    else {
        return Ok(());
    };
    let password = decrypt_with_file(&after.path, encrypted).ok_or_else(|| {
        Error::General("Unable to decrypt password data using provided private key file.".into())
    })?;
    response["PasswordData"] = Value::String(password);
    Ok(())
}

/// The password, or `None` for any failure (the CLI reports them all with one message).
fn decrypt_with_file(path: &std::path::Path, encrypted: &str) -> Option<String> {
    let pem = std::fs::read_to_string(path).ok()?;
    let key = RsaPrivateKey::from_pkcs1_pem(&pem)
        .or_else(|_| RsaPrivateKey::from_pkcs8_pem(&pem))
        .ok()?;
    let ciphertext = base64::engine::general_purpose::STANDARD
        .decode(encrypted.trim())
        .ok()?;
    let plain = key.decrypt(Pkcs1v15Encrypt, &ciphertext).ok()?;
    String::from_utf8(plain).ok()
}
