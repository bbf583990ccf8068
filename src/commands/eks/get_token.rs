//! `awsctl eks get-token`: a Kubernetes `ExecCredential` whose token is `k8s-aws-v1.` and the
//! base64url (unpadded) of an STS GetCallerIdentity URL presigned for 60 seconds, with the
//! cluster's name signed in as the `x-k8s-aws-id` header. EKS turns the token back into the
//! caller's identity. No request is made, unless `--role-arn` asks for role credentials.

use std::time::{Duration, SystemTime};

use base64::Engine;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use time::macros::format_description;

use crate::cli::eks::GetTokenArgs;
use crate::commands::Outcome;
use crate::credentials::{Credentials, CredentialsError};
use crate::endpoints::{self, AuthScheme};
use crate::error::Error;
use crate::http::sign::{Payload, Signer, SigningStyle};
use crate::printer::Printer;
use crate::secret::Secret;
use crate::services::Session;

const TOKEN_PREFIX: &str = "k8s-aws-v1.";
const CLUSTER_HEADER: &str = "x-k8s-aws-id";
const URL_EXPIRES: Duration = Duration::from_secs(60);
/// STS keeps the URL valid for 15 minutes; clients refresh after the 14 the credential says.
const TOKEN_MINUTES: i64 = 14;
const V1: &str = "client.authentication.k8s.io/v1";
const V1BETA1: &str = "client.authentication.k8s.io/v1beta1";
const V1ALPHA1: &str = "client.authentication.k8s.io/v1alpha1";

pub async fn run(
    args: &GetTokenArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let region = session.region_with_source().await?.map(|(r, _)| r);
    let credentials = match &args.role_arn {
        Some(role) => super::role::credentials(session, role, "EKSGetTokenAuth").await?,
        None => session
            .credentials()
            .await?
            .ok_or(Error::Credentials(CredentialsError::NotFound))?,
    };
    let cluster = match (&args.cluster_name, &args.cluster_id) {
        (Some(_), Some(_)) => {
            return Err(Error::ParamValidation {
                message: "The key \"cluster_id\" cannot be specified when one of the following keys are also specified: cluster_name".into(),
                usage: false,
            });
        }
        (Some(name), None) | (None, Some(name)) => name,
        // The CLI returns (rather than raises) this error: its text, and exit code 1.
        (None, None) => {
            printer
                .err_line("Either parameter --cluster-name or --cluster-id must be specified.")?;
            return Ok(Outcome::Done(1));
        }
    };
    let now = session.http()?.clock().now();
    let url = presigned_url(session, region, &credentials, cluster, now)?;
    let (api_version, warning) = api_version(session.settings.env.get("KUBERNETES_EXEC_INFO"));
    if let Some(warning) = warning {
        printer.err_line(&warning)?;
    }
    Ok(Outcome::Document {
        operation: "get-token",
        value: exec_credential(api_version, &token(url.expose()), now),
        then: "\n",
    })
}

/// The GetCallerIdentity URL, presigned. Its endpoint is STS's for the region (the global
/// one without a region) or a configured STS endpoint URL; the CLI's STS client for the token
/// is made without `--endpoint-url`, so the option does not apply.
fn presigned_url(
    session: &Session<'_>,
    region: Option<String>,
    credentials: &Credentials,
    cluster: &str,
    time: SystemTime,
) -> Result<Secret, Error> {
    let model = crate::model::embedded::service("sts").expect("the sts model is embedded")?;
    let operation = model
        .operation("GetCallerIdentity")?
        .expect("sts has GetCallerIdentity");
    let mut settings = session.settings.endpoint_settings(model)?;
    settings.endpoint_url = session.settings.configured_endpoint_url("STS");
    settings.region = region.clone();
    let resolved =
        endpoints::resolve(model, operation, &Map::new(), &settings).map_err(|e| match e {
            endpoints::EndpointError::NoRegion => Error::NoRegion,
            other => Error::General(other.to_string()),
        })?;
    let signing_region = match &resolved.auth {
        Some(AuthScheme::SigV4 {
            signing_region: Some(r),
            ..
        }) => r.clone(),
        _ => region.unwrap_or_else(|| "us-east-1".into()),
    };
    let base = resolved.url.trim_end_matches('/');
    let url = format!("{base}/?Action=GetCallerIdentity&Version=2011-06-15");
    let signed = Signer {
        credentials,
        region: &signing_region,
        service: "sts",
        time,
        style: SigningStyle::Standard,
    }
    .presign_with(
        "GET",
        &url,
        URL_EXPIRES,
        &[(CLUSTER_HEADER.to_string(), cluster.to_string())],
        Payload::Bytes(b""),
    )
    .map_err(|e| Error::Signing(e.to_string()))?;
    Ok(Secret::new(signed))
}

/// `k8s-aws-v1.` and the URL in unpadded base64url.
pub fn token(url: &str) -> String {
    let encoded = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(url);
    format!("{TOKEN_PREFIX}{encoded}")
}

fn exec_credential(api_version: &str, token: &str, now: SystemTime) -> Value {
    let expires = OffsetDateTime::from(now) + time::Duration::minutes(TOKEN_MINUTES);
    let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    json!({
        "kind": "ExecCredential",
        "apiVersion": api_version,
        "spec": {},
        "status": {
            "expirationTimestamp": expires.format(&format).unwrap_or_default(),
            "token": token,
        },
    })
}

/// The client authentication API version the Kubernetes client asked for in
/// `KUBERNETES_EXEC_INFO`, and the CLI's warning when it falls back to v1beta1.
fn api_version(exec_info: Option<&str>) -> (&'static str, Option<String>) {
    let fallback = |prefix: &str| {
        format!(
            "{prefix} KUBERNETES_EXEC_INFO, defaulting to {V1BETA1}. This is likely a bug in your Kubernetes client. Please update your Kubernetes client."
        )
    };
    let Some(raw) = exec_info.filter(|v| !v.is_empty()) else {
        return (V1BETA1, None);
    };
    let Ok(info) = serde_json::from_str::<Value>(raw) else {
        return (V1BETA1, Some(fallback("Error parsing")));
    };
    match info.get("apiVersion").and_then(Value::as_str) {
        Some(V1) => (V1, None),
        Some(V1BETA1) => (V1BETA1, None),
        Some(V1ALPHA1) => (
            V1ALPHA1,
            Some(format!(
                "Kubeconfig user entry is using deprecated API version {V1ALPHA1}. Run 'aws eks update-kubeconfig' to update."
            )),
        ),
        _ => (
            V1BETA1,
            Some(format!(
                "Unrecognized API version in KUBERNETES_EXEC_INFO, defaulting to {V1BETA1}. This is likely due to an outdated AWS CLI. Please update your AWS CLI."
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_unpadded_base64url_of_the_url() {
        // 17 bytes: standard base64 would end in `==` and could hold `+` or `/`.
        let t = token("https://x/?a=>>?");
        assert_eq!(t, "k8s-aws-v1.aHR0cHM6Ly94Lz9hPT4-Pw");
    }

    #[test]
    fn the_api_version_follows_the_clients_exec_info() {
        assert_eq!(api_version(None), (V1BETA1, None));
        assert_eq!(
            api_version(Some(r#"{"apiVersion":"client.authentication.k8s.io/v1"}"#)),
            (V1, None)
        );
        let (v, warning) = api_version(Some("{bad"));
        assert_eq!(v, V1BETA1);
        assert!(
            warning
                .unwrap()
                .starts_with("Error parsing KUBERNETES_EXEC_INFO")
        );
        let (v, warning) = api_version(Some(r#"{"apiVersion":"v9"}"#));
        assert_eq!(v, V1BETA1);
        assert!(warning.unwrap().starts_with("Unrecognized API version"));
    }

    #[test]
    fn the_credential_expires_in_fourteen_minutes() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let v = exec_credential(V1BETA1, "t", now);
        assert_eq!(v["status"]["expirationTimestamp"], "2023-11-14T22:27:20Z");
        assert_eq!(v["spec"], json!({}));
    }
}
