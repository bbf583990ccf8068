//! `awsctl cloudformation deploy`: the template read, its parameters merged with the
//! overrides, a change set created and waited for, then executed and the stack waited for,
//! with the CLI's lines on stdout and its errors (exit 255 for its own, 254 for the service's).

use std::path::PathBuf;

use super::deployer::{self, ChangeSetInput};
use super::uploader::Uploader;
use super::{parameters, template};
use crate::cli::cloudformation::DeployArgs;
use crate::commands::Outcome;
use crate::error::Error;
use crate::printer::Printer;
use crate::services::Session;

/// Past this many bytes a template must go through S3.
const MAX_BODY: u64 = 51_200;

pub async fn run(
    args: &DeployArgs,
    session: &Session<'_>,
    printer: &mut Printer,
) -> Result<Outcome, Error> {
    let path = expand_user(&args.template_file);
    if !path.is_file() {
        return Err(Error::General(format!(
            "Invalid template path {}",
            path.display()
        )));
    }
    let body = std::fs::read_to_string(&path)
        .map_err(|e| Error::General(format!("{}: {e}", path.display())))?;
    let parsed = template::parse(&body)?;
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let overrides = parameters::overrides(&args.parameter_overrides)?;
    let tags = parameters::tags(&args.tags)?;
    let parameters = parameters::merge(&parsed, &overrides);
    if size > MAX_BODY && args.s3_bucket.is_none() {
        return Err(Error::General(
            "Templates with a size greater than 51,200 bytes must be deployed via an S3 Bucket. Please add the --s3-bucket parameter to your command. The local template will be copied to that S3 bucket and then deployed.".into(),
        ));
    }
    let uploader = args
        .s3_bucket
        .as_deref()
        .map(|bucket| Uploader::new(session.settings, bucket, &args.upload));
    let stack_name = args.stack_name.as_str();
    let change_set = deployer::create_change_set(
        session,
        ChangeSetInput {
            stack_name,
            template_body: &body,
            parameters,
            capabilities: &args.capabilities,
            role_arn: args.role_arn.as_deref(),
            notification_arns: args.notification_arns.as_deref(),
            tags,
            uploader: uploader.as_ref(),
        },
    )
    .await;
    if let Some(uploader) = &uploader {
        printer.err_text(&uploader.take_progress())?;
    }
    let change_set = change_set?;
    // The CLI writes each line and flushes, so a watcher sees progress as it happens.
    let mut print = |text: &str| -> Result<(), Error> {
        printer.out().write_all(text.as_bytes())?;
        printer.flush()?;
        Ok(())
    };
    let waited =
        deployer::wait_for_change_set(session, &change_set.id, stack_name, &mut print).await?;
    if waited.is_err() {
        let message = format!("No changes to deploy. Stack {stack_name} is up to date");
        if args.fail_on_empty_changeset {
            return Err(Error::General(message));
        }
        print(&format!("\n{message}\n"))?;
        return Ok(Outcome::Done(0));
    }
    if args.no_execute_changeset {
        print(&format!(
            "Changeset created successfully. Run the following command to review changes:\naws cloudformation describe-change-set --change-set-name {}\n",
            change_set.id
        ))?;
        return Ok(Outcome::Done(0));
    }
    deployer::execute_change_set(session, &change_set.id, stack_name, args.disable_rollback)
        .await?;
    deployer::wait_for_execute(session, stack_name, change_set.kind, &mut print).await?;
    print(&format!(
        "Successfully created/updated stack - {stack_name}\n"
    ))?;
    Ok(Outcome::Done(0))
}

/// `os.path.expanduser`: a leading `~` is the home directory.
pub fn expand_user(path: &str) -> PathBuf {
    match (path.strip_prefix("~"), dirs::home_dir()) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(path),
    }
}
