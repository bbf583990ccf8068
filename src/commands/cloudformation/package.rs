//! `awsctl cloudformation package`: the local artifacts a template names (Lambda code,
//! nested stack templates, API definitions, ...) uploaded to `--s3-bucket`, and the template
//! rewritten to point at them, written as YAML (or JSON with `--use-json`) to stdout or
//! `--output-template-file`. Folders, and single files where the service wants a zip, are
//! zipped; every upload is named by its MD5 and skipped when already there.

use std::future::Future;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;

use serde_json::{Map, Value};

use super::artifacts::{Exporter, METADATA, RESOURCES, Rewrite};
use super::deploy::expand_user;
use super::template;
use super::uploader::Uploader;
use crate::cli::cloudformation::PackageArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

pub async fn run(
    args: &PackageArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let path = expand_user(&args.template_file);
    if !path.is_file() {
        return Err(Error::General(format!(
            "Invalid template path {}",
            args.template_file
        )));
    }
    let mut uploader = Uploader::new(session.settings, &args.s3_bucket, &args.upload);
    if let Some(metadata) = &args.metadata {
        let map = crate::params::structure("--metadata", metadata)?;
        uploader.metadata = map
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), crate::params::scalar_text(v)))
                    .collect()
            })
            .unwrap_or_default();
    }
    let cwd = std::env::current_dir().map_err(Error::Io)?;
    let exported = export(&path, &cwd, &uploader).await;
    printer.err_text(&uploader.take_progress())?;
    let exported = exported?;
    let text = match args.use_json {
        true => json_dump(&exported),
        false => crate::output::to_yaml_template(&exported),
    };
    let out = printer.out();
    out.write_all(b"\n")?;
    match &args.output_template_file {
        None => out.write_all(text.as_bytes())?,
        Some(file) => {
            std::fs::write(file, &text).map_err(|e| Error::General(format!("{file}: {e}")))?;
            let absolute = absolute(&cwd, Path::new(file));
            write!(
                out,
                "Successfully packaged artifacts and wrote output template to file {file}.\nExecute the following command to deploy the packaged template\naws cloudformation deploy --template-file {} --stack-name <YOUR STACK NAME>\n",
                absolute.display()
            )?;
        }
    }
    Ok(Outcome::Done(0))
}

/// Python's `json.dumps(indent=4, ensure_ascii=False)`.
fn json_dump(value: &Value) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(value, &mut serializer).expect("a JSON value serialises");
    String::from_utf8(out).expect("JSON is UTF-8")
}

type Exported<'a> = Pin<Box<dyn Future<Output = Result<Value, Error>> + 'a>>;

/// One template read and its artifacts exported (nested templates first, recursively).
fn export<'a>(
    template_path: &'a Path,
    parent_dir: &'a Path,
    uploader: &'a Uploader,
) -> Exported<'a> {
    Box::pin(async move {
        let path = absolute(parent_dir, template_path);
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error::General(format!("{}: {e}", path.display())))?;
        let mut template = template::parse(&text)?;
        if let Some(Value::Object(metadata)) = template.get_mut("Metadata") {
            for (kind, section) in metadata.iter_mut() {
                for exporter in METADATA.iter().filter(|e| e.resource_type == kind) {
                    export_property(exporter, kind, section, &dir, uploader).await?;
                }
            }
        }
        if template.get("Resources").is_none() {
            return Ok(template);
        }
        export_includes(&mut template, &dir, uploader).await?;
        if let Some(resources) = template.get_mut("Resources") {
            export_resources(resources, &dir, uploader).await?;
        }
        Ok(template)
    })
}

fn export_resources<'a>(
    resources: &'a mut Value,
    dir: &'a Path,
    uploader: &'a Uploader,
) -> Pin<Box<dyn Future<Output = Result<(), Error>> + 'a>> {
    Box::pin(async move {
        let Value::Object(resources) = resources else {
            return Ok(());
        };
        for (id, resource) in resources.iter_mut() {
            if id.starts_with("Fn::ForEach::") {
                match resource {
                    Value::Array(parts) if parts.len() == 3 => {
                        export_resources(&mut parts[2], dir, uploader).await?;
                        continue;
                    }
                    _ => {
                        return Err(Error::General(format!(
                            "The value of {id} has an invalid \"Fn::ForEach::\" format: Must be a list of three entries"
                        )));
                    }
                }
            }
            let kind = resource
                .get("Type")
                .and_then(Value::as_str)
                .map(str::to_string);
            let Some(properties) = resource.get_mut("Properties") else {
                continue;
            };
            for exporter in RESOURCES
                .iter()
                .filter(|e| Some(e.resource_type) == kind.as_deref())
            {
                export_property(exporter, id, properties, dir, uploader).await?;
            }
        }
        Ok(())
    })
}

/// `Fn::Transform` with `AWS::Include` anywhere in the template: a local `Location` uploaded.
fn export_includes<'a>(
    value: &'a mut Value,
    dir: &'a Path,
    uploader: &'a Uploader,
) -> Pin<Box<dyn Future<Output = Result<(), Error>> + 'a>> {
    Box::pin(async move {
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    if key == "Fn::Transform" {
                        include(child, dir, uploader).await?;
                    } else if child.is_object() || child.is_array() {
                        export_includes(child, dir, uploader).await?;
                    }
                }
            }
            Value::Array(items) => {
                for item in items.iter_mut().filter(|i| i.is_object()) {
                    export_includes(item, dir, uploader).await?;
                }
            }
            _ => {}
        }
        Ok(())
    })
}

async fn include(transform: &mut Value, dir: &Path, uploader: &Uploader) -> Result<(), Error> {
    if transform.get("Name").and_then(Value::as_str) != Some("AWS::Include") {
        return Ok(());
    }
    let Some(location) = transform
        .pointer("/Parameters/Location")
        .and_then(Value::as_str)
        .filter(|l| !l.is_empty() && !is_s3_url(l))
        .map(str::to_string)
    else {
        return Ok(());
    };
    let path = dir.join(&location);
    if !path.is_file() {
        return Err(invalid_local_path("AWS::Include", "Location", &path));
    }
    let url = uploader.upload_with_dedup(read(&path)?, None).await?;
    transform["Parameters"]["Location"] = Value::String(url);
    Ok(())
}

/// One exporter over one resource's properties, its failures worded as the CLI words them.
async fn export_property(
    exporter: &Exporter,
    resource_id: &str,
    properties: &mut Value,
    dir: &Path,
    uploader: &Uploader,
) -> Result<(), Error> {
    if properties.is_null() {
        return Ok(());
    }
    let value = search(properties, exporter.property).cloned();
    if !truthy(value.as_ref()) && !exporter.package_null {
        return Ok(());
    }
    if value.as_ref().is_some_and(Value::is_object) {
        return Ok(());
    }
    // The CLI checks this against the working directory, not the template's.
    let single_file = value
        .as_ref()
        .and_then(Value::as_str)
        .filter(|v| exporter.force_zip && Path::new(v).is_file() && !is_zip(Path::new(v)))
        .map(PathBuf::from);
    let result = match exporter.rewrite {
        Rewrite::Template => nested(exporter, resource_id, properties, dir, uploader).await,
        Rewrite::Url | Rewrite::Location { .. } => {
            match upload_local(
                exporter,
                resource_id,
                value.as_ref(),
                single_file,
                dir,
                uploader,
            )
            .await
            {
                Ok(url) => {
                    set(properties, exporter.property, rewritten(exporter, url));
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
    };
    result.map_err(|e| {
        let shown = match &value {
            None => "None".to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        Error::General(format!(
            "Unable to upload artifact {shown} referenced by {} parameter of {resource_id} resource.\n{}",
            exporter.property,
            error_text(&e)
        ))
    })
}

/// The artifact's `s3://` URL: already one, or the local file or folder uploaded.
async fn upload_local(
    exporter: &Exporter,
    resource_id: &str,
    value: Option<&Value>,
    single_file: Option<PathBuf>,
    dir: &Path,
    uploader: &Uploader,
) -> Result<String, Error> {
    if let Some(file) = single_file {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let zipped = zip_entries(vec![(name, read(&file)?)])?;
        return uploader.upload_with_dedup(zipped, None).await;
    }
    let local = match value {
        None | Some(Value::Null) => dir.display().to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    if is_s3_url(&local) {
        return Ok(local);
    }
    let path = absolute(dir, Path::new(&local));
    if path.is_dir() {
        return uploader.upload_with_dedup(zip_folder(&path)?, None).await;
    }
    if path.is_file() {
        return uploader.upload_with_dedup(read(&path)?, None).await;
    }
    Err(invalid_local_path(resource_id, exporter.property, &path))
}

/// A nested stack's template, packaged itself, uploaded, and named by its `https://` URL.
async fn nested(
    exporter: &Exporter,
    resource_id: &str,
    properties: &mut Value,
    dir: &Path,
    uploader: &Uploader,
) -> Result<(), Error> {
    let Some(path) = properties.get(exporter.property).and_then(Value::as_str) else {
        return Ok(());
    };
    if is_s3_url(path) || path.starts_with("http://") || path.starts_with("https://") {
        return Ok(());
    }
    let template_path = PathBuf::from(path);
    let absolute_path = absolute(dir, &template_path);
    if !absolute_path.is_file() {
        return Err(Error::General(format!(
            "{} parameter of {resource_id} resource is invalid. It must be a S3 URL or path to CloudFormation template file. Actual: {}",
            exporter.property,
            absolute_path.display()
        )));
    }
    let exported = export(&template_path, dir, uploader).await?;
    let text = crate::output::to_yaml_template(&exported);
    let url = uploader
        .upload_with_dedup(text.into_bytes(), Some("template"))
        .await?;
    let key = url
        .strip_prefix(&format!("s3://{}/", uploader.bucket))
        .unwrap_or_default()
        .to_string();
    properties[exporter.property] = Value::String(uploader.path_style_url(&key));
    Ok(())
}

fn rewritten(exporter: &Exporter, url: String) -> Value {
    let Rewrite::Location { bucket, key, .. } = exporter.rewrite else {
        return Value::String(url);
    };
    match parse_s3_url(&url) {
        Some((b, k)) => {
            let mut map = Map::new();
            map.insert(bucket.to_string(), Value::String(b));
            map.insert(key.to_string(), Value::String(k));
            Value::Object(map)
        }
        None => Value::String(url),
    }
}

/// `s3://BUCKET/KEY` (both parts present).
fn parse_s3_url(url: &str) -> Option<(String, String)> {
    let rest = url.strip_prefix("s3://")?;
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (bucket, key) = rest.split_once('/')?;
    (!bucket.is_empty()).then(|| (bucket.to_string(), key.trim_start_matches('/').to_string()))
}

fn is_s3_url(url: &str) -> bool {
    parse_s3_url(url).is_some()
}

fn invalid_local_path(resource_id: &str, property: &str, path: &Path) -> Error {
    Error::General(format!(
        "Parameter {property} of resource {resource_id} refers to a file or folder that does not exist {}",
        path.display()
    ))
}

/// An error's own text, without the CLI's prefix a rendered error would carry.
fn error_text(error: &Error) -> String {
    error.to_string()
}

/// Python's truth of a JSON value.
fn truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::Bool(true)) => true,
    }
}

fn search<'v>(value: &'v Value, dotted: &str) -> Option<&'v Value> {
    dotted.split('.').try_fold(value, |v, key| v.get(key))
}

/// botocore's `set_value_from_jmespath`: the dotted path made as needed.
fn set(value: &mut Value, dotted: &str, new: Value) {
    let mut current = value;
    let keys: Vec<&str> = dotted.split('.').collect();
    for key in &keys[..keys.len() - 1] {
        if !current.get(*key).is_some_and(Value::is_object) {
            current[*key] = Value::Object(Map::new());
        }
        current = &mut current[*key];
    }
    current[keys[keys.len() - 1]] = new;
}

/// `os.path.normpath(os.path.join(dir, path))` for a relative path.
fn absolute(dir: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        dir.join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::General(format!("{}: {e}", path.display())))
}

fn is_zip(path: &Path) -> bool {
    std::fs::File::open(path).is_ok_and(|f| zip::ZipArchive::new(f).is_ok())
}

/// Every file under `root` (links followed), named by its path relative to `root`.
fn zip_folder(root: &Path) -> Result<Vec<u8>, Error> {
    let mut entries = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let mut children: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| Error::General(format!("{}: {e}", dir.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        children.sort();
        for child in children {
            if child.is_dir() {
                pending.push(child);
            } else if child.is_file() {
                let name = child
                    .strip_prefix(root)
                    .unwrap_or(&child)
                    .to_string_lossy()
                    .into_owned();
                entries.push((name, read(&child)?));
            }
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    zip_entries(entries)
}

fn zip_entries(entries: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, Error> {
    let failed =
        |e: zip::result::ZipError| Error::General(format!("Unable to zip the artifact: {e}"));
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(name, options).map_err(failed)?;
        writer.write_all(&bytes).map_err(Error::Io)?;
    }
    Ok(writer.finish().map_err(failed)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dotted_properties_are_read_and_made() {
        let mut v = json!({"Command": {"Name": "glueetl"}});
        assert_eq!(search(&v, "Command.Name"), Some(&json!("glueetl")));
        set(&mut v, "Command.ScriptLocation", json!("s3://b/k"));
        set(&mut v, "Code.S3", json!({"Bucket": "b"}));
        assert_eq!(
            v,
            json!({"Command": {"Name": "glueetl", "ScriptLocation": "s3://b/k"}, "Code": {"S3": {"Bucket": "b"}}})
        );
    }

    #[test]
    fn s3_urls_and_paths() {
        assert_eq!(
            parse_s3_url("s3://b/k/x.zip"),
            Some(("b".into(), "k/x.zip".into()))
        );
        assert_eq!(parse_s3_url("s3://b"), None);
        assert!(!is_s3_url("./src"));
        assert_eq!(
            absolute(Path::new("/t/dir"), Path::new("../src/./a")),
            PathBuf::from("/t/src/a")
        );
    }

    #[test]
    fn a_folder_zips_with_relative_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("lib")).unwrap();
        std::fs::write(dir.path().join("index.py"), "print(1)").unwrap();
        std::fs::write(dir.path().join("lib/util.py"), "x = 1").unwrap();
        let bytes = zip_folder(dir.path()).unwrap();
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let names: Vec<&str> = archive.file_names().collect();
        assert_eq!(names, ["index.py", "lib/util.py"]);
    }
}
