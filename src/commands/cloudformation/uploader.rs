//! The CLI's S3Uploader for `deploy` and `package`: an artifact goes to
//! `s3://BUCKET/[PREFIX/]MD5[.EXT]`, skipped when an object of that name is already there
//! (unless `--force-upload`), encrypted with AES256 or the given KMS key.
//!
//! The uploads use the profile's S3 settings but not `--endpoint-url`, which names the
//! CloudFormation endpoint: the CLI builds its S3 client without it. A configured S3
//! endpoint (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`, the config file) still applies.

use md5::{Digest, Md5};

use crate::cli::cloudformation::UploadArgs;
use crate::error::Error;
use crate::services::Session;
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::ops::{head_object, put_object};
use crate::settings::Settings;

pub struct Uploader {
    settings: Settings,
    pub bucket: String,
    prefix: Option<String>,
    kms_key_id: Option<String>,
    force: bool,
    /// `--metadata` of `package`: user metadata on every artifact.
    pub metadata: Vec<(String, String)>,
    /// The CLI's progress text for stderr, one `\rUploading to ...` per upload.
    progress: std::cell::RefCell<String>,
}

impl Uploader {
    pub fn new(settings: &Settings, bucket: &str, args: &UploadArgs) -> Uploader {
        let mut settings = settings.clone();
        settings.endpoint_url_option = None;
        Uploader {
            settings,
            bucket: bucket.to_string(),
            prefix: args.s3_prefix.clone().filter(|p| !p.is_empty()),
            kms_key_id: args.kms_key_id.clone().filter(|k| !k.is_empty()),
            force: args.force_upload,
            metadata: Vec::new(),
            progress: Default::default(),
        }
    }

    /// Uploads `bytes` named by their MD5 (and `extension`); returns the `s3://` URL.
    pub async fn upload_with_dedup(
        &self,
        bytes: Vec<u8>,
        extension: Option<&str>,
    ) -> Result<String, Error> {
        let digest = Md5::digest(&bytes);
        let mut name: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        if let Some(extension) = extension {
            name = format!("{name}.{extension}");
        }
        self.upload(bytes, &name).await
    }

    /// Uploads `bytes` to `remote_path` under the prefix, unless already there.
    pub async fn upload(&self, bytes: Vec<u8>, remote_path: &str) -> Result<String, Error> {
        let key = match &self.prefix {
            Some(prefix) => format!("{prefix}/{remote_path}"),
            None => remote_path.to_string(),
        };
        let session = Session::new(&self.settings);
        if !self.force
            && head_object::call(&session, &self.bucket, &key, None)
                .await
                .is_ok()
        {
            return Ok(self.make_url(&key));
        }
        let attributes = Attributes {
            sse: Some(
                match self.kms_key_id {
                    Some(_) => "aws:kms",
                    None => "AES256",
                }
                .to_string(),
            ),
            sse_kms_key_id: self.kms_key_id.clone(),
            metadata: self.metadata.clone(),
            ..Attributes::default()
        };
        let size = bytes.len();
        let checksum = attributes.checksum.unwrap_or_default().digest(&bytes);
        let body = bytes.into();
        match put_object::call(&session, &self.bucket, &key, body, &attributes, &checksum).await {
            Ok(()) => {
                // One progress report for the whole object; the size is a Python float.
                self.progress.borrow_mut().push_str(&format!(
                    "\rUploading to {key}  {size} / {size}.0  (100.00%)"
                ));
                Ok(self.make_url(&key))
            }
            Err(Error::Service(e)) if e.code == "NoSuchBucket" => Err(Error::General(format!(
                "S3 Bucket does not exist. Execute the command to create a new bucket\naws s3 mb s3://{}",
                self.bucket
            ))),
            Err(e) => Err(e),
        }
    }

    /// The progress text gathered since the last call, for the command to print on stderr.
    pub fn take_progress(&self) -> String {
        std::mem::take(&mut self.progress.borrow_mut())
    }

    pub fn make_url(&self, key: &str) -> String {
        format!("s3://{}/{key}", self.bucket)
    }

    /// The path-style `https://` URL of an uploaded key, as CloudFormation's `TemplateURL`
    /// needs it: the S3 client's endpoint, the bucket, the key.
    pub fn path_style_url(&self, key: &str) -> String {
        let base = match self.settings.endpoint_url("S3") {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => {
                let region = self
                    .settings
                    .region
                    .as_ref()
                    .map_or("us-east-1", |r| r.value.as_str());
                regional_endpoint(region)
            }
        };
        format!("{base}/{}/{key}", self.bucket)
    }
}

/// S3's regional endpoint as botocore names it (`s3.amazonaws.com` in us-east-1).
fn regional_endpoint(region: &str) -> String {
    match region {
        "us-east-1" => "https://s3.amazonaws.com".to_string(),
        r if r.starts_with("cn-") => format!("https://s3.{r}.amazonaws.com.cn"),
        r => format!("https://s3.{r}.amazonaws.com"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_endpoints() {
        assert_eq!(regional_endpoint("us-east-1"), "https://s3.amazonaws.com");
        assert_eq!(
            regional_endpoint("eu-west-1"),
            "https://s3.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            regional_endpoint("cn-north-1"),
            "https://s3.cn-north-1.amazonaws.com.cn"
        );
    }
}
