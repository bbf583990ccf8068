//! The object listing behind `cp --recursive`, `mv --recursive` and `sync`: every object
//! under a prefix, page by page, as a stream. Keys the server returns outside the prefix
//! are dropped, so callers may take the part after the prefix without checking.

use futures_util::{Stream, StreamExt, stream};

use super::uri::S3Path;
use crate::error::Error;
use crate::services::Session;
use crate::services::s3::ops::list_objects_v2::{self, Object};

/// Every object under the prefix, page by page: the next page is asked for only when the
/// pool has taken the current one. A listing failure ends the stream with its error.
pub(super) fn list<'a>(
    session: &'a Session<'a>,
    src: &'a S3Path,
    prefix: String,
) -> impl Stream<Item = Result<Object, Error>> + 'a {
    stream::unfold(Some(None), move |token: Option<Option<String>>| {
        let prefix = prefix.clone();
        async move {
            let token = token?;
            let params = list_objects_v2::Params {
                bucket: &src.bucket,
                prefix: &prefix,
                continuation_token: token,
                ..Default::default()
            };
            match list_objects_v2::call(session, &params).await {
                Ok(page) => {
                    let next = page.next_token.clone().map(Some);
                    let items: Vec<Result<Object, Error>> = page
                        .contents
                        .into_iter()
                        .filter(|object| object.key.starts_with(prefix.as_str()))
                        .map(Ok)
                        .collect();
                    Some((stream::iter(items), next))
                }
                Err(e) => Some((stream::iter(vec![Err(e)]), None)),
            }
        }
    })
    .flatten()
}
