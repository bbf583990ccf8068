//! `awsctl service-quotas ...`, and the request members the commands share.

mod get_aws_default_service_quota;
mod get_service_quota;
mod list_aws_default_service_quotas;
mod list_requested_service_quota_change_history;
mod list_service_quotas;
mod request_service_quota_increase;

use serde_json::{Map, Value};

use super::Outcome;
use crate::cli::{ManualPaging, PagingArgs, QuotaId, ServiceQuotasCommand as C};
use crate::error::Error;
use crate::services::Session;
use crate::services::paginate::{PagingOptions, parse_int};

pub async fn run(command: &C, session: &Session<'_>) -> Result<Outcome, Error> {
    match command {
        C::ListAwsDefaultServiceQuotas {
            service,
            manual,
            paging,
        } => list_aws_default_service_quotas::run(session, service, manual, paging).await,
        C::ListServiceQuotas {
            service,
            quota_code,
            quota_applied_at_level,
            manual,
            paging,
        } => {
            let filters = vec![
                ("QuotaCode", text(quota_code)),
                ("QuotaAppliedAtLevel", text(quota_applied_at_level)),
            ];
            list_service_quotas::run(session, service, filters, manual, paging).await
        }
        C::GetServiceQuota { quota, context_id } => {
            get_service_quota::run(session, quota, context_id).await
        }
        C::GetAwsDefaultServiceQuota { quota } => {
            get_aws_default_service_quota::run(session, quota).await
        }
        C::RequestServiceQuotaIncrease {
            quota,
            desired_value,
            context_id,
            support_case_allowed,
            no_support_case_allowed,
        } => {
            let support_case = match (support_case_allowed, no_support_case_allowed) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            request_service_quota_increase::run(
                session,
                quota,
                desired_value,
                context_id,
                support_case,
            )
            .await
        }
        C::ListRequestedServiceQuotaChangeHistory {
            service_code,
            status,
            quota_requested_at_level,
            manual,
            paging,
        } => {
            let filters = vec![
                ("ServiceCode", text(service_code)),
                ("Status", text(status)),
                ("QuotaRequestedAtLevel", text(quota_requested_at_level)),
            ];
            list_requested_service_quota_change_history::run(session, filters, manual, paging).await
        }
    }
}

/// A request member or its absence.
type Members = Vec<(&'static str, Option<Value>)>;

/// The request body: the members given, in the model's order.
fn input(members: Members) -> Map<String, Value> {
    members
        .into_iter()
        .filter_map(|(name, value)| Some((name.to_string(), value?)))
        .collect()
}

fn text(value: &Option<String>) -> Option<Value> {
    value.as_deref().map(Value::from)
}

/// The hidden `--next-token`/`--max-results` as request members, and the paging options.
fn paging(
    session: &Session<'_>,
    manual: &ManualPaging,
    args: &PagingArgs,
) -> Result<(Members, PagingOptions), Error> {
    let max_results = manual.max_results.as_deref().map(parse_int).transpose()?;
    let members = vec![
        ("NextToken", manual.next_token.clone().map(Value::from)),
        ("MaxResults", max_results.map(Value::from)),
    ];
    let options = super::paging::options(args, session.settings.paginate)?;
    Ok((members, options))
}

/// `ServiceCode` and `QuotaCode`, which name one quota.
fn quota_members(quota: &QuotaId) -> Members {
    vec![
        (
            "ServiceCode",
            Some(Value::from(quota.service_code.as_str())),
        ),
        ("QuotaCode", Some(Value::from(quota.quota_code.as_str()))),
    ]
}
