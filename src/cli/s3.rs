//! `awsctl s3 ...`: the high-level S3 commands (clap types only).

use clap::{ArgAction, ArgMatches, Args, FromArgMatches, Subcommand};

#[derive(Args, Debug)]
pub struct S3Args {
    #[command(subcommand)]
    pub command: S3Command,
}

#[derive(Subcommand, Debug)]
pub enum S3Command {
    /// List S3 objects and common prefixes under a prefix or all S3 buckets.
    Ls(LsArgs),
    /// Creates an S3 bucket.
    Mb(MbArgs),
    /// Deletes an empty S3 bucket (with --force, its objects first).
    Rb(RbArgs),
    /// Deletes an S3 object, or with --recursive every object under a prefix.
    Rm(RmArgs),
    /// Generate a pre-signed URL for an Amazon S3 object.
    Presign(PresignArgs),
    /// Copies a local file or S3 object to another location locally or in S3.
    Cp(CpArgs),
    /// Moves a local file or S3 object to another location locally or in S3.
    Mv(MvArgs),
    /// Syncs directories and S3 prefixes: copies new and updated files to the destination.
    Sync(SyncArgs),
}

#[derive(Args, Debug)]
pub struct LsArgs {
    /// s3://bucket[/prefix]; none lists the buckets.
    #[arg(value_name = "S3Uri")]
    pub path: Option<String>,
    /// List every object under the prefix, not just one level.
    #[arg(long)]
    pub recursive: bool,
    /// The number of results to return in each response to a list operation.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub page_size: Option<u32>,
    /// Displays file sizes in human readable format.
    #[arg(long)]
    pub human_readable: bool,
    /// Displays summary information (number of objects, total size).
    #[arg(long)]
    pub summarize: bool,
    /// Confirms that the requester knows that they will be charged for the request.
    #[arg(long, value_parser = ["requester"])]
    pub request_payer: Option<String>,
    /// When listing buckets, only those whose names begin with this prefix.
    #[arg(long, value_name = "PREFIX")]
    pub bucket_name_prefix: Option<String>,
    /// When listing buckets, only those in this region.
    #[arg(long, value_name = "REGION")]
    pub bucket_region: Option<String>,
}

#[derive(Args, Debug)]
pub struct MbArgs {
    #[arg(value_name = "S3Uri")]
    pub path: String,
}

#[derive(Args, Debug)]
pub struct RbArgs {
    #[arg(value_name = "S3Uri")]
    pub path: String,
    /// Deletes all objects in the bucket, then the bucket.
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct RmArgs {
    #[arg(value_name = "S3Uri")]
    pub path: String,
    /// Delete every object under the given prefix.
    #[arg(long)]
    pub recursive: bool,
    /// Displays the operations that would be performed without running them.
    #[arg(long)]
    pub dryrun: bool,
    /// Does not display the operations performed (nor failures).
    #[arg(long)]
    pub quiet: bool,
    /// Only errors and warnings are displayed.
    #[arg(long)]
    pub only_show_errors: bool,
    /// The number of results to return in each response to a list operation.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub page_size: Option<u32>,
    /// Confirms that the requester knows that they will be charged for the request.
    #[arg(long, value_parser = ["requester"])]
    pub request_payer: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Args, Debug)]
pub struct CpArgs {
    /// <LocalPath>, <S3Uri> or `-` (standard input).
    #[arg(value_name = "SOURCE", allow_hyphen_values = true)]
    pub source: String,
    /// <LocalPath>, <S3Uri> or `-` (standard output).
    #[arg(value_name = "DESTINATION", allow_hyphen_values = true)]
    pub destination: String,
    /// Copy every file or object under the given directory or prefix.
    #[arg(long)]
    pub recursive: bool,
    #[command(flatten)]
    pub transfer: TransferArgs,
}

#[derive(Args, Debug)]
pub struct MvArgs {
    /// <LocalPath> or <S3Uri>.
    #[arg(value_name = "SOURCE", allow_hyphen_values = true)]
    pub source: String,
    /// <LocalPath> or <S3Uri>.
    #[arg(value_name = "DESTINATION", allow_hyphen_values = true)]
    pub destination: String,
    /// Move every file or object under the given directory or prefix.
    #[arg(long)]
    pub recursive: bool,
    #[command(flatten)]
    pub transfer: TransferArgs,
}

#[derive(Args, Debug)]
pub struct SyncArgs {
    /// <LocalPath> or <S3Uri>: a directory or prefix.
    #[arg(value_name = "SOURCE", allow_hyphen_values = true)]
    pub source: String,
    /// <LocalPath> or <S3Uri>: a directory or prefix.
    #[arg(value_name = "DESTINATION", allow_hyphen_values = true)]
    pub destination: String,
    /// Files that exist in the destination but not in the source are deleted.
    #[arg(long)]
    pub delete: bool,
    /// From S3 to local: same-sized files are skipped only when their times match exactly
    /// (by default, unless the local file is newer than the object).
    #[arg(long)]
    pub exact_timestamps: bool,
    /// Files are compared by size alone, not by modification time.
    #[arg(long)]
    pub size_only: bool,
    #[command(flatten)]
    pub transfer: TransferArgs,
}

/// The options every transfer command (`cp`, `mv`, `sync`) shares: what is printed, what is
/// selected, and what the new objects carry.
#[derive(Args, Debug, Default)]
pub struct TransferArgs {
    /// Displays the operations that would be performed without running them.
    #[arg(long)]
    pub dryrun: bool,
    /// Does not display the operations performed (nor failures).
    #[arg(long)]
    pub quiet: bool,
    /// Only errors and warnings are displayed.
    #[arg(long)]
    pub only_show_errors: bool,
    /// File transfer progress is not displayed (it is shown only on a terminal anyway).
    #[arg(long)]
    pub no_progress: bool,
    /// Follow symbolic links when uploading (the default).
    #[arg(long, overrides_with = "no_follow_symlinks")]
    pub follow_symlinks: bool,
    /// Leave symbolic links out of uploads.
    #[arg(long, overrides_with = "follow_symlinks")]
    pub no_follow_symlinks: bool,
    /// The Content-Type of uploaded or copied objects (else guessed from the file name).
    #[arg(long, value_name = "TYPE")]
    pub content_type: Option<String>,
    /// The Cache-Control of uploaded or copied objects.
    #[arg(long, value_name = "VALUE")]
    pub cache_control: Option<String>,
    /// User metadata: `KeyName1=string,KeyName2=string` or a JSON object.
    #[arg(long, value_name = "MAP")]
    pub metadata: Option<String>,
    /// On copies: COPY the source's metadata or REPLACE it with the options given (the
    /// default is REPLACE when --content-type, --cache-control or --metadata is given).
    #[arg(long, value_name = "DIRECTIVE", value_parser = ["COPY", "REPLACE"])]
    pub metadata_directive: Option<String>,
    /// The storage class of uploaded or copied objects.
    #[arg(long, value_name = "CLASS", value_parser = [
        "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
        "GLACIER", "DEEP_ARCHIVE", "GLACIER_IR",
    ])]
    pub storage_class: Option<String>,
    /// Content-Disposition of uploaded or copied objects.
    #[arg(long, value_name = "VALUE")]
    pub content_disposition: Option<String>,
    /// Content-Encoding of uploaded or copied objects.
    #[arg(long, value_name = "VALUE")]
    pub content_encoding: Option<String>,
    /// Content-Language of uploaded or copied objects.
    #[arg(long, value_name = "VALUE")]
    pub content_language: Option<String>,
    /// The date and time at which the objects are no longer cacheable.
    #[arg(long, value_name = "TIME")]
    pub expires: Option<String>,
    /// Do not guess the Content-Type of uploads from their file names.
    #[arg(long)]
    pub no_guess_mime_type: bool,
    /// The canned ACL of uploaded or copied objects.
    #[arg(long, value_name = "ACL", value_parser = [
        "private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read",
        "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write",
    ])]
    pub acl: Option<String>,
    /// Grants: `Permission=Grantee_Type=Grantee_ID` (permission read, readacl, writeacl, full).
    #[arg(long, value_name = "GRANT", num_args = 1..)]
    pub grants: Vec<String>,
    /// Server-side encryption of the new objects (AES256 when given without a value).
    #[arg(long, value_name = "ALGORITHM", num_args = 0..=1, default_missing_value = "AES256",
          value_parser = ["AES256", "aws:kms", "aws:kms:dsse"])]
    pub sse: Option<String>,
    /// The KMS key for `--sse aws:kms`.
    #[arg(long, value_name = "KEY_ID")]
    pub sse_kms_key_id: Option<String>,
    /// Redirect requests for the objects to this URL (static website hosting).
    #[arg(long, value_name = "URL")]
    pub website_redirect: Option<String>,
    /// The checksum uploads carry and S3 verifies (default CRC32).
    #[arg(long, value_name = "ALGORITHM", value_parser = ["CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"])]
    pub checksum_algorithm: Option<String>,
    /// The size of a stream uploaded from standard input, so that a large one gets parts big
    /// enough to stay within 10,000.
    #[arg(long, value_name = "BYTES")]
    pub expected_size: Option<u64>,
    /// Archived (GLACIER, DEEP_ARCHIVE) objects are skipped without a warning.
    #[arg(long)]
    pub ignore_glacier_warnings: bool,
    /// Archived objects are transferred anyway (restored ones succeed, others fail).
    #[arg(long)]
    pub force_glacier_transfer: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Args, Debug)]
pub struct PresignArgs {
    #[arg(value_name = "S3Uri")]
    pub path: String,
    /// Seconds until the URL expires (default 3600, at most 604800 = 7 days).
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    pub expires_in: u64,
}

/// Whether a filter pattern keeps or drops what it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterKind {
    Include,
    Exclude,
}

/// `--include` / `--exclude` in the order given on the command line: later ones win, so the
/// order matters, and clap's derive keeps each option's values apart. Hence a hand-written
/// `Args` that merges them by position.
#[derive(Debug, Default, Clone)]
pub struct FilterArgs {
    pub patterns: Vec<(FilterKind, String)>,
}

impl FromArgMatches for FilterArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut positioned = Vec::new();
        for (id, kind) in [
            ("include", FilterKind::Include),
            ("exclude", FilterKind::Exclude),
        ] {
            if let (Some(values), Some(indices)) =
                (matches.get_many::<String>(id), matches.indices_of(id))
            {
                positioned.extend(indices.zip(values).map(|(i, v)| (i, kind, v.clone())));
            }
        }
        positioned.sort_by_key(|(i, _, _)| *i);
        Ok(FilterArgs {
            patterns: positioned.into_iter().map(|(_, k, v)| (k, v)).collect(),
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Args for FilterArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        let pattern = |name: &'static str, help: &'static str| {
            clap::Arg::new(name)
                .long(name)
                .value_name("PATTERN")
                .action(ArgAction::Append)
                .help(help)
        };
        cmd.arg(pattern(
            "exclude",
            "Exclude all files or objects that match the pattern.",
        ))
        .arg(pattern(
            "include",
            "Don't exclude files or objects that match the pattern.",
        ))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}
