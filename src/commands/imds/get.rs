//! `awsctl imds get PATH [--recursive]`: what `curl http://169.254.169.254/latest/PATH` shows
//! in the AWS guides, but over IMDSv2 with the CLI's timeouts. `--recursive` walks a listing
//! into one JSON document.

use std::future::Future;
use std::pin::Pin;

use serde_json::{Map, Value};

use crate::commands::Outcome;
use crate::error::Error;
use crate::imds::ImdsClient;
use crate::printer::Printer;
use crate::services::Session;

/// Fields whose values are secret: masked in the recursive document (ask for the path itself
/// to see them).
const SECRET_FIELDS: &[&str] = &["SecretAccessKey", "Token"];

pub async fn run(
    session: &Session<'_>,
    path: &str,
    recursive: bool,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let imds = session.imds()?;
    let path = path.trim_start_matches('/').trim_start_matches("latest/");
    if path.starts_with("meta-data/iam") {
        printer.err_line(
            "note: IMDS serves the instance profile's role name and temporary credentials, not the role's policy.",
        )?;
    }
    if recursive {
        let tree = walk(imds, format!("{}/", path.trim_end_matches('/'))).await?;
        printer.out_line(&serde_json::to_string_pretty(&tree).map_err(std::io::Error::other)?)?;
    } else {
        let body = imds.get(path).await?;
        printer.out_line(body.trim_end_matches('\n'))?;
    }
    Ok(Outcome::Done(0))
}

/// Children of a listing: a trailing `/` marks a subtree; `public-keys/` lists `0=name`,
/// whose subtree is `0/`.
fn walk<'a>(
    imds: &'a ImdsClient,
    listing: String,
) -> Pin<Box<dyn Future<Output = Result<Value, Error>> + 'a>> {
    Box::pin(async move {
        let body = imds.get(&listing).await?;
        let mut map = Map::new();
        for entry in body.lines().map(str::trim).filter(|e| !e.is_empty()) {
            let (name, child) = match entry.split_once('=') {
                Some((index, _)) => (index.to_string(), format!("{listing}{index}/")),
                None => (
                    entry.trim_end_matches('/').to_string(),
                    format!("{listing}{entry}"),
                ),
            };
            let value = if child.ends_with('/') {
                walk(imds, child).await?
            } else {
                leaf(&imds.get(&child).await?)
            };
            map.insert(name, value);
        }
        Ok(Value::Object(map))
    })
}

/// A leaf's value: JSON documents (credentials, the identity document) as objects with their
/// secrets masked, anything else as a string.
fn leaf(body: &str) -> Value {
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(mut object)) => {
            for field in SECRET_FIELDS {
                if let Some(v) = object.get_mut(*field) {
                    *v = Value::String("****".into());
                }
            }
            Value::Object(object)
        }
        _ => Value::String(body.to_string()),
    }
}
