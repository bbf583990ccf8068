//! The object listing behind `cp --recursive`, `mv --recursive` and `sync`: every object
//! under a prefix, page by page, as a stream. Keys the server returns outside the prefix
//! are dropped, so callers may take the part after the prefix without checking, and a
//! continuation token the server hands back unchanged ends the listing with botocore's
//! pagination error instead of looping (as `ls` and `rm` do).

use futures_util::{Stream, StreamExt, stream};

use crate::commands::s3::paths::under::relative_key;
use crate::commands::s3::paths::uri::S3Path;
use crate::error::Error;
use crate::services::Session;
use crate::services::paginate::refuse_repeated_token;
use crate::services::s3::ops::list_objects_v2::{self, Object};

/// Every object under the prefix, page by page: the next page is asked for only when the
/// pool has taken the current one. A listing failure ends the stream with its error.
pub fn list<'a>(
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
            let asked = params.continuation_token.clone();
            match list_objects_v2::call(session, &params).await {
                Ok(page) => {
                    // A server that hands back the token it was given would be listed
                    // forever: the listing ends in error.
                    if let Err(e) = refuse_repeated_token(
                        asked.as_deref(),
                        page.next_token.as_deref(),
                        "ContinuationToken",
                    ) {
                        let items: Vec<Result<Object, Error>> = vec![Err(e)];
                        return Some((stream::iter(items), None));
                    }
                    let next = page.next_token.clone().map(Some);
                    let items: Vec<Result<Object, Error>> = page
                        .contents
                        .into_iter()
                        .filter(|object| relative_key(&object.key, &prefix).is_some())
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
