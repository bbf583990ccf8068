//! Service Quotas ListServiceQuotas: the applied value of every quota of a service in this account.

use serde_json::{Map, Value};

use super::shapes::SERVICE_QUOTA_LIST;
use crate::error::Error;
use crate::protocol::shape::{Member, Shape};
use crate::services::Session;
use crate::services::paginate::{self, Paginated, Paginator, PagingOptions};

pub const OPERATION: &str = "ListServiceQuotas";

pub const PAGINATOR: Paginator = super::paginator("Quotas");

static OUTPUT: Shape = Shape::Structure(&[
    Member::new("NextToken", &Shape::String),
    Member::new("Quotas", &SERVICE_QUOTA_LIST),
]);

/// All pages, or as many as `paging` asks for.
pub async fn call(
    session: &Session<'_>,
    input: Map<String, Value>,
    paging: &PagingOptions,
) -> Result<Paginated, Error> {
    paginate::paginate(&PAGINATOR, input, paging, |page| {
        super::call(session, OPERATION, page, &OUTPUT)
    })
    .await
}
