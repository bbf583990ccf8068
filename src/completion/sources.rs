//! The completer's view of the world beyond the models: profile names from the config files,
//! and S3 buckets and keys, listed once (at most `LIMIT` names) within `TIMEOUT`. Any failure
//! (no credentials, no network, a slow endpoint) offers nothing rather than an error: a shell
//! completion must never print one.

use std::time::Duration;

use super::answer::Sources;
use crate::config::{self, SharedConfig};
use crate::driver::globals;
use crate::env::Env;
use crate::services::Session;
use crate::services::s3::ops::{list_buckets, list_objects_v2};
use crate::settings::Settings;

/// How long an S3 listing may take before completion gives up.
const TIMEOUT: Duration = Duration::from_secs(2);
/// The most buckets, prefixes and keys one completion lists.
const LIMIT: u32 = 100;

pub struct Real {
    pub env: Env,
}

impl Sources for Real {
    fn profiles(&self) -> Vec<String> {
        let (config, credentials) = config::file_paths(&self.env);
        SharedConfig::load(&config, &credentials)
            .map(|files| files.profile_names())
            .unwrap_or_default()
    }

    fn s3_paths(&self, current: &str, words: &[String]) -> Vec<String> {
        let Some(path) = current.strip_prefix("s3://") else {
            return Vec::new();
        };
        let globals = globals::parse(words).map(|f| f.globals).unwrap_or_default();
        let Ok(settings) = Settings::resolve(&globals, self.env.clone()) else {
            return Vec::new();
        };
        let session = Session::new(&settings);
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return Vec::new();
        };
        let listing = async {
            match path.split_once('/') {
                None => buckets(&session, path).await,
                Some((bucket, prefix)) => keys(&session, bucket, prefix).await,
            }
        };
        runtime
            .block_on(async { tokio::time::timeout(TIMEOUT, listing).await })
            .unwrap_or_default()
    }
}

async fn buckets(session: &Session<'_>, prefix: &str) -> Vec<String> {
    let params = list_buckets::Params {
        max_buckets: Some(LIMIT),
        prefix: Some(prefix).filter(|p| !p.is_empty()),
        ..Default::default()
    };
    match list_buckets::call(session, &params).await {
        Ok(page) => page
            .buckets
            .into_iter()
            .map(|b| format!("s3://{}/", b.name))
            .collect(),
        Err(_) => Vec::new(),
    }
}

async fn keys(session: &Session<'_>, bucket: &str, prefix: &str) -> Vec<String> {
    let params = list_objects_v2::Params {
        bucket,
        prefix,
        delimiter: Some("/"),
        max_keys: Some(LIMIT),
        ..Default::default()
    };
    match list_objects_v2::call(session, &params).await {
        Ok(page) => page
            .common_prefixes
            .into_iter()
            .chain(page.contents.into_iter().map(|o| o.key))
            .map(|k| format!("s3://{bucket}/{k}"))
            .collect(),
        Err(_) => Vec::new(),
    }
}
