//! `awsctl eks update-kubeconfig --name CLUSTER`: DescribeCluster, then a cluster, a user (an
//! `exec` of `eks get-token`) and a context written into the kubeconfig, the context made
//! current; `--dry-run` prints the merged file instead. The CLI's lines: "Added new context
//! ... to ..." or "Updated context ... in ...".
//!
//! One difference from the CLI: the user entry runs `awsctl` rather than `aws`, so that
//! kubectl works where only awsctl is installed; its arguments are the CLI's.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

use super::kubeconfig;
use crate::cli::eks::UpdateKubeconfigArgs;
use crate::commands::Outcome;
use crate::driver::invoke;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

const EXEC_API_VERSION: &str = "client.authentication.k8s.io/v1beta1";
const COMMAND: &str = "awsctl";

pub async fn run(
    args: &UpdateKubeconfigArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let cluster = match &args.assume_role_arn {
        Some(role) => {
            let credentials =
                super::role::credentials(session, role, "EKSDescribeClusterSession").await?;
            let as_role = Session::with_credentials(session.settings, credentials);
            describe(&as_role, &args.name).await?
        }
        None => describe(session, &args.name).await?,
    };
    let cluster_entry = cluster_entry(&cluster, args.proxy_url.as_deref());
    let user_entry = user_entry(&cluster, args, profile(session));
    let env = &session.settings.env;
    let home = env.home().unwrap_or_else(|| PathBuf::from("/"));
    let paths =
        kubeconfig::candidate_paths(args.kubeconfig.as_deref(), env.get("KUBECONFIG"), &home);
    let cluster_name = cluster_entry["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let mut config = kubeconfig::choose(&paths, &cluster_name).map_err(general)?;
    let updating = config.has_cluster(&cluster_name);
    let context = json!({
        "context": {"cluster": cluster_entry["name"], "user": user_entry["name"]},
        "name": args.alias.clone().map_or_else(|| user_entry["name"].clone(), Value::String),
    });
    config.insert_entry("clusters", cluster_entry.clone());
    config.insert_entry("users", user_entry.clone());
    config.insert_entry("contexts", context.clone());
    config
        .content
        .insert("current-context".into(), context["name"].clone());
    if args.dry_run {
        printer.out().write_all(config.dump().as_bytes())?;
        return Ok(Outcome::Done(0));
    }
    config.write().map_err(general)?;
    let name = context["name"].as_str().unwrap_or_default();
    let path = config.path.display();
    printer.out_line(&match updating {
        true => format!("Updated context {name} in {path}"),
        false => format!("Added new context {name} to {path}"),
    })?;
    if args.verbose {
        printer.out_line("Entries:\n")?;
        for entry in [&context, &user_entry, &cluster_entry] {
            printer
                .out()
                .write_all(crate::output::yaml_in_order(entry).as_bytes())?;
            printer.out_line("")?;
        }
    }
    Ok(Outcome::Done(0))
}

fn general(e: kubeconfig::KubeconfigError) -> Error {
    Error::General(e.to_string())
}

/// The cluster's description; only an active or updating cluster can be connected to.
async fn describe(session: &Session<'_>, name: &str) -> Result<Map<String, Value>, Error> {
    let mut params = Map::new();
    params.insert("name".into(), name.into());
    let answer = invoke::call_named(session, "eks", "DescribeCluster", params).await?;
    let cluster = match answer.get("cluster") {
        Some(Value::Object(c)) if c.contains_key("status") => c.clone(),
        _ => return Err(Error::General("Cluster not found".into())),
    };
    match cluster.get("status").and_then(Value::as_str) {
        Some("ACTIVE" | "UPDATING") => Ok(cluster),
        other => Err(Error::General(format!(
            "Cluster status is {}",
            other.unwrap_or("None")
        ))),
    }
}

fn text<'a>(cluster: &'a Map<String, Value>, key: &str) -> &'a str {
    cluster.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn cluster_entry(cluster: &Map<String, Value>, proxy_url: Option<&str>) -> Value {
    let data = cluster
        .get("certificateAuthority")
        .and_then(|c| c.get("data"))
        .cloned()
        .unwrap_or_else(|| "".into());
    let mut entry = json!({
        "cluster": {
            "certificate-authority-data": data,
            "server": cluster.get("endpoint").cloned().unwrap_or(Value::Null),
        },
        "name": cluster.get("arn").cloned().unwrap_or(Value::Null),
    });
    if let Some(proxy) = proxy_url {
        entry["cluster"]["proxy-url"] = proxy.into();
    }
    entry
}

/// The profile the CLI names in the user's environment: one given by `--profile` or
/// `AWS_PROFILE`, not the default one.
fn profile(session: &Session<'_>) -> Option<String> {
    let settings = session.settings;
    let named = settings.profile_from_cli
        || settings.env.get("AWS_PROFILE").is_some()
        || settings.env.get("AWS_DEFAULT_PROFILE").is_some();
    named.then(|| settings.profile.clone())
}

fn user_entry(
    cluster: &Map<String, Value>,
    args: &UpdateKubeconfigArgs,
    profile: Option<String>,
) -> Value {
    let arn = text(cluster, "arn");
    let region = arn.split(':').nth(3).unwrap_or_default();
    // A local cluster on Outposts (no etcd instance type) is named by its id.
    let (flag, value) = match cluster.get("outpostConfig") {
        Some(outpost) if outpost.get("etcdInstanceType").is_none() => {
            ("--cluster-id", text(cluster, "id").to_string())
        }
        _ => ("--cluster-name", args.name.clone()),
    };
    let mut exec_args = vec![
        "--region",
        region,
        "eks",
        "get-token",
        flag,
        &value,
        "--output",
        "json",
    ]
    .into_iter()
    .map(Value::from)
    .collect::<Vec<_>>();
    if let Some(role) = &args.role_arn {
        exec_args.extend(["--role".into(), role.clone().into()]);
    }
    let name = args.user_alias.as_deref().unwrap_or(arn);
    let mut user = json!({
        "name": name,
        "user": {"exec": {
            "apiVersion": EXEC_API_VERSION,
            "args": exec_args,
            "command": COMMAND,
        }},
    });
    if let Some(profile) = profile {
        user["user"]["exec"]["env"] = json!([{"name": "AWS_PROFILE", "value": profile}]);
    }
    user
}
