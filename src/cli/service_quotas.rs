//! `awsctl service-quotas ...`: the Service Quotas operations awsctl implements, with the
//! CLI's parameter names. `--next-token` and `--max-results` are hidden, as in the CLI:
//! giving either pages by hand and turns automatic pagination off.

use clap::{Args, Subcommand};

use super::paging::PagingArgs;

#[derive(Args, Debug)]
pub struct ServiceQuotasArgs {
    #[command(subcommand)]
    pub command: ServiceQuotasCommand,
}

#[derive(Subcommand, Debug)]
pub enum ServiceQuotasCommand {
    /// Lists the default values for the quotas of the specified Amazon Web Services service.
    #[command(name = "list-aws-default-service-quotas")]
    ListAwsDefaultServiceQuotas {
        #[command(flatten)]
        service: ServiceCode,
        #[command(flatten)]
        manual: ManualPaging,
        #[command(flatten)]
        paging: PagingArgs,
    },
    /// Lists the applied quota values for the specified Amazon Web Services service.
    ListServiceQuotas {
        #[command(flatten)]
        service: ServiceCode,
        /// Specifies the quota identifier.
        #[arg(long, value_name = "STRING")]
        quota_code: Option<String>,
        /// Specifies at which level of granularity that the quota value is applied.
        #[arg(long, value_name = "STRING")]
        quota_applied_at_level: Option<String>,
        #[command(flatten)]
        manual: ManualPaging,
        #[command(flatten)]
        paging: PagingArgs,
    },
    /// Retrieves the applied quota value for the specified account-level or resource-level quota.
    GetServiceQuota {
        #[command(flatten)]
        quota: QuotaId,
        /// Specifies the resource with an Amazon Resource Name (ARN).
        #[arg(long, value_name = "STRING")]
        context_id: Option<String>,
    },
    /// Retrieves the default value for the specified quota.
    #[command(name = "get-aws-default-service-quota")]
    GetAwsDefaultServiceQuota {
        #[command(flatten)]
        quota: QuotaId,
    },
    /// Submits a quota increase request for the specified quota.
    RequestServiceQuotaIncrease {
        #[command(flatten)]
        quota: QuotaId,
        /// Specifies the new, increased value for the quota.
        #[arg(long, value_name = "DOUBLE", allow_hyphen_values = true)]
        desired_value: String,
        /// Specifies the resource with an Amazon Resource Name (ARN).
        #[arg(long, value_name = "STRING")]
        context_id: Option<String>,
        /// Open a support case when the increase needs one.
        #[arg(long, overrides_with = "no_support_case_allowed")]
        support_case_allowed: bool,
        /// Do not open a support case when the increase needs one.
        #[arg(long, overrides_with = "support_case_allowed")]
        no_support_case_allowed: bool,
    },
    /// Retrieves the quota increase requests for the specified Amazon Web Services service.
    ListRequestedServiceQuotaChangeHistory {
        /// Specifies the service identifier (e.g. ec2).
        #[arg(long, value_name = "STRING")]
        service_code: Option<String>,
        /// Specifies that you want to filter the results to only the requests with the
        /// matching status.
        #[arg(long, value_name = "STRING")]
        status: Option<String>,
        /// Filters the response to return quota requests for the ACCOUNT, RESOURCE, or ALL
        /// levels.
        #[arg(long, value_name = "STRING")]
        quota_requested_at_level: Option<String>,
        #[command(flatten)]
        manual: ManualPaging,
        #[command(flatten)]
        paging: PagingArgs,
    },
}

#[derive(Args, Debug)]
pub struct ServiceCode {
    /// Specifies the service identifier (e.g. ec2, vpc).
    #[arg(long, value_name = "STRING")]
    pub service_code: String,
}

#[derive(Args, Debug)]
pub struct QuotaId {
    /// Specifies the service identifier (e.g. ec2, vpc).
    #[arg(long, value_name = "STRING")]
    pub service_code: String,
    /// Specifies the quota identifier (e.g. L-1216C47A).
    #[arg(long, value_name = "STRING")]
    pub quota_code: String,
}

/// The operation's own paging members; the CLI accepts but does not document them.
#[derive(Args, Debug)]
pub struct ManualPaging {
    #[arg(long, hide = true)]
    pub next_token: Option<String>,
    #[arg(long, hide = true)]
    pub max_results: Option<String>,
}
