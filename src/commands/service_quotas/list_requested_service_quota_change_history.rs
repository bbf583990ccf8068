//! `awsctl service-quotas list-requested-service-quota-change-history [--service-code]
//! [--status] [--quota-requested-at-level]`

use crate::cli::{ManualPaging, PagingArgs};
use crate::commands::Outcome;
use crate::error::Error;
use crate::services::Session;
use crate::services::service_quotas::list_requested_service_quota_change_history::{
    OPERATION, call,
};

pub async fn run(
    session: &Session<'_>,
    mut members: super::Members,
    manual: &ManualPaging,
    paging: &PagingArgs,
) -> Result<Outcome, Error> {
    let (paging_members, options) = super::paging(session, manual, paging)?;
    members.extend(paging_members);
    let input = super::input(members);
    let result = call(session, input, &options).await?;
    Ok(crate::commands::paging::outcome(OPERATION, result))
}
