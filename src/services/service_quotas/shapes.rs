//! The response shapes several Service Quotas operations share, in the model's member order
//! (botocore prints members in that order, whatever order the service sends them in).

use crate::protocol::shape::{Member, Shape};

static METRIC_INFO: Shape = Shape::Structure(&[
    Member::new("MetricNamespace", &Shape::String),
    Member::new("MetricName", &Shape::String),
    Member::new("MetricDimensions", &Shape::Map(&Shape::String)),
    Member::new("MetricStatisticRecommendation", &Shape::String),
]);

static QUOTA_PERIOD: Shape = Shape::Structure(&[
    Member::new("PeriodValue", &Shape::Integer),
    Member::new("PeriodUnit", &Shape::String),
]);

static ERROR_REASON: Shape = Shape::Structure(&[
    Member::new("ErrorCode", &Shape::String),
    Member::new("ErrorMessage", &Shape::String),
]);

static QUOTA_CONTEXT: Shape = Shape::Structure(&[
    Member::new("ContextScope", &Shape::String),
    Member::new("ContextScopeType", &Shape::String),
    Member::new("ContextId", &Shape::String),
]);

/// `ServiceQuota`.
pub static SERVICE_QUOTA: Shape = Shape::Structure(&[
    Member::new("ServiceCode", &Shape::String),
    Member::new("ServiceName", &Shape::String),
    Member::new("QuotaArn", &Shape::String),
    Member::new("QuotaCode", &Shape::String),
    Member::new("QuotaName", &Shape::String),
    Member::new("Value", &Shape::Double),
    Member::new("Unit", &Shape::String),
    Member::new("Adjustable", &Shape::Boolean),
    Member::new("GlobalQuota", &Shape::Boolean),
    Member::new("UsageMetric", &METRIC_INFO),
    Member::new("Period", &QUOTA_PERIOD),
    Member::new("ErrorReason", &ERROR_REASON),
    Member::new("QuotaAppliedAtLevel", &Shape::String),
    Member::new("QuotaContext", &QUOTA_CONTEXT),
    Member::new("Description", &Shape::String),
]);

/// `ServiceQuotaListDefinition`.
pub static SERVICE_QUOTA_LIST: Shape = Shape::List {
    item: "member",
    member: &SERVICE_QUOTA,
};

/// `RequestedServiceQuotaChange`; `Created` and `LastUpdated` are its timestamps.
pub static REQUESTED_CHANGE: Shape = Shape::Structure(&[
    Member::new("Id", &Shape::String),
    Member::new("RequestType", &Shape::String),
    Member::new("CaseId", &Shape::String),
    Member::new("ServiceCode", &Shape::String),
    Member::new("ServiceName", &Shape::String),
    Member::new("QuotaCode", &Shape::String),
    Member::new("QuotaName", &Shape::String),
    Member::new("DesiredValue", &Shape::Double),
    Member::new("Status", &Shape::String),
    Member::new("Created", &Shape::Timestamp),
    Member::new("LastUpdated", &Shape::Timestamp),
    Member::new("Requester", &Shape::String),
    Member::new("QuotaArn", &Shape::String),
    Member::new("GlobalQuota", &Shape::Boolean),
    Member::new("Unit", &Shape::String),
    Member::new("QuotaRequestedAtLevel", &Shape::String),
    Member::new("QuotaContext", &QUOTA_CONTEXT),
]);

/// `RequestedServiceQuotaChangeHistoryListDefinition`.
pub static REQUESTED_CHANGE_LIST: Shape = Shape::List {
    item: "member",
    member: &REQUESTED_CHANGE,
};
