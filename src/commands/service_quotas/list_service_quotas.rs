//! `awsctl service-quotas list-service-quotas --service-code CODE [--quota-code]
//! [--quota-applied-at-level]`

use serde_json::Value;

use crate::cli::{ManualPaging, PagingArgs, ServiceCode};
use crate::commands::Outcome;
use crate::error::Error;
use crate::services::Session;
use crate::services::service_quotas::list_service_quotas::{OPERATION, call};

pub async fn run(
    session: &Session<'_>,
    service: &ServiceCode,
    filters: super::Members,
    manual: &ManualPaging,
    paging: &PagingArgs,
) -> Result<Outcome, Error> {
    let (paging_members, options) = super::paging(session, manual, paging)?;
    let mut members = vec![(
        "ServiceCode",
        Some(Value::from(service.service_code.as_str())),
    )];
    members.extend(paging_members);
    members.extend(filters);
    let input = super::input(members);
    let result = call(session, input, &options).await?;
    Ok(crate::commands::paging::outcome(OPERATION, result))
}
