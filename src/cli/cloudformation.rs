//! `awsctl cloudformation ...`: the commands the CLI writes by hand (`deploy`, `package`);
//! every other operation, and `wait`, comes from the model.

use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct CloudformationArgs {
    #[command(subcommand)]
    pub command: CloudformationCommand,
}

#[derive(Subcommand, Debug)]
pub enum CloudformationCommand {
    /// Deploys a template: a change set created, waited for, executed and waited for.
    Deploy(Box<DeployArgs>),
    /// Uploads a template's local artifacts to S3 and writes the template that points at them.
    Package(Box<PackageArgs>),
}

/// Where `deploy` and `package` upload to.
#[derive(Args, Debug, Default, Clone)]
pub struct UploadArgs {
    #[arg(long)]
    pub s3_prefix: Option<String>,
    #[arg(long)]
    pub kms_key_id: Option<String>,
    /// Upload even when an object with the same content is already there.
    #[arg(long)]
    pub force_upload: bool,
}

#[derive(Args, Debug)]
pub struct DeployArgs {
    #[arg(long, required = true)]
    pub template_file: String,
    #[arg(long, required = true)]
    pub stack_name: String,
    /// Needed for templates over 51,200 bytes: the template is uploaded there.
    #[arg(long)]
    pub s3_bucket: Option<String>,
    #[command(flatten)]
    pub upload: UploadArgs,
    /// `Key=Value ...`, or JSON (inline or file://) in one of the CLI's three formats.
    #[arg(long, num_args = 1..)]
    pub parameter_overrides: Vec<String>,
    #[arg(long, num_args = 1..)]
    pub capabilities: Vec<String>,
    /// Create the change set and stop.
    #[arg(long)]
    pub no_execute_changeset: bool,
    #[arg(long, overrides_with = "no_disable_rollback")]
    pub disable_rollback: bool,
    #[arg(long, overrides_with = "disable_rollback")]
    pub no_disable_rollback: bool,
    #[arg(long)]
    pub role_arn: Option<String>,
    #[arg(long, num_args = 1..)]
    pub notification_arns: Option<Vec<String>>,
    /// Exit 255 when the template changes nothing (by default such a deploy succeeds).
    #[arg(long, overrides_with = "no_fail_on_empty_changeset")]
    pub fail_on_empty_changeset: bool,
    #[arg(long, overrides_with = "fail_on_empty_changeset")]
    pub no_fail_on_empty_changeset: bool,
    /// `Key=Value ...`.
    #[arg(long, num_args = 1..)]
    pub tags: Vec<String>,
}

#[derive(Args, Debug)]
pub struct PackageArgs {
    #[arg(long, required = true)]
    pub template_file: String,
    #[arg(long, required = true)]
    pub s3_bucket: String,
    #[command(flatten)]
    pub upload: UploadArgs,
    /// Where the packaged template goes (stdout when not given).
    #[arg(long)]
    pub output_template_file: Option<String>,
    /// Write JSON instead of YAML.
    #[arg(long)]
    pub use_json: bool,
    /// User metadata attached to every uploaded artifact: `k1=v1,k2=v2` or JSON.
    #[arg(long)]
    pub metadata: Option<String>,
}
