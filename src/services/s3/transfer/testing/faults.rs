//! A failure-injecting [`ObjectClient`] around another (the fake, in the unit tests): the Nth
//! call of an operation fails with a retryable or a fatal service error, or takes effect and
//! loses its answer; a GetObject's body is cut after N bytes and then resumed where it
//! stopped, started again, or ended with a broken connection, the three things the HTTP
//! client does with a cut body (http::client, http::resume). Calls are counted per operation
//! as they reach the wrapper; the wrapper's own requests for the rest of a body are not.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::ops::RangeInclusive;
use std::rc::Rc;

use super::error;
use crate::error::{Error, TransportError};
use crate::http::{Body, BodySink};
use crate::services::s3::ops::attributes::Attributes;
use crate::services::s3::ops::get_object::{self, Object};
use crate::services::s3::ops::head_object::{self, Head};
use crate::services::s3::ops::upload_part::{self, CompletedPart};
use crate::services::s3::ops::upload_part_copy::{self, PartSource};
use crate::services::s3::ops::{
    abort_multipart_upload, complete_multipart_upload, copy_object, create_multipart_upload,
    put_object,
};
use crate::services::s3::transfer::ObjectClient;
use crate::services::s3::transfer::checksum::Algorithm;

#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// 503 SlowDown, before the request reaches S3.
    Retryable,
    /// 403 AccessDenied, before the request reaches S3.
    Fatal,
    /// The operation takes effect but its answer is lost: the connection closes.
    AnswerLost,
    /// GetObject only: the body stops after this many bytes; then, as `AfterCut` says.
    Cut(u64, AfterCut),
}

/// What follows a cut body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterCut {
    /// The rest is asked for as a range from the first byte missing, into the same sink.
    Resumed,
    /// The sink is told to start again and the whole is asked for again.
    Restarted,
    /// The request ends with a closed connection (for the engine to ask again).
    Broken,
}

struct Rule {
    operation: &'static str,
    calls: RangeInclusive<u32>,
    fault: Fault,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    counts: BTreeMap<&'static str, u32>,
}

/// The wrapper; clones share their rules and counts.
#[derive(Clone)]
pub struct Faulty<C> {
    inner: C,
    state: Rc<RefCell<State>>,
}

impl<C: ObjectClient> Faulty<C> {
    pub fn new(inner: C) -> Faulty<C> {
        Faulty {
            inner,
            state: Rc::default(),
        }
    }

    /// The `nth` call (from 1) of `operation` meets `fault`.
    pub fn fail(self, operation: &'static str, nth: u32, fault: Fault) -> Faulty<C> {
        self.fail_calls(operation, nth..=nth, fault)
    }

    /// Every call of `operation` meets `fault`.
    pub fn fail_every(self, operation: &'static str, fault: Fault) -> Faulty<C> {
        self.fail_calls(operation, 1..=u32::MAX, fault)
    }

    fn fail_calls(self, operation: &'static str, calls: RangeInclusive<u32>, fault: Fault) -> Self {
        let rule = Rule {
            operation,
            calls,
            fault,
        };
        self.state.borrow_mut().rules.push(rule);
        self
    }

    /// How many calls of `operation` reached the wrapper.
    pub fn calls(&self, operation: &str) -> u32 {
        let state = self.state.borrow();
        state.counts.get(operation).copied().unwrap_or(0)
    }

    /// Counts a call; the fault it meets, if any.
    fn next(&self, operation: &'static str) -> Option<Fault> {
        let mut state = self.state.borrow_mut();
        let count = state.counts.entry(operation).or_default();
        *count += 1;
        let nth = *count;
        let rule = state
            .rules
            .iter()
            .find(|r| r.operation == operation && r.calls.contains(&nth));
        rule.map(|r| r.fault)
    }

    /// `call` (not yet started) run or failed as the call's fault says.
    async fn around<T>(
        &self,
        operation: &'static str,
        call: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        let fault = self.next(operation);
        self.apply(operation, fault, call).await
    }

    async fn apply<T>(
        &self,
        operation: &'static str,
        fault: Option<Fault>,
        call: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        match fault {
            None => call.await,
            Some(Fault::Retryable) => Err(error(operation, 503, "SlowDown")),
            Some(Fault::Fatal) => Err(error(operation, 403, "AccessDenied")),
            Some(Fault::AnswerLost) => {
                let _ = call.await;
                Err(closed())
            }
            Some(Fault::Cut(..)) => panic!("only a GetObject's body can be cut ({operation})"),
        }
    }

    /// A GetObject whose body stops after `after` bytes, then resumed, restarted or broken.
    async fn get_cut(
        &self,
        (bucket, key, range): (&str, &str, Option<(u64, u64)>),
        sink: Option<&mut dyn BodySink>,
        (after, then): (u64, AfterCut),
    ) -> Result<Object, Error> {
        let mut memory = Vec::new();
        let into_memory = sink.is_none();
        let target: &mut dyn BodySink = match sink {
            Some(sink) => sink,
            None => &mut memory,
        };
        let mut cut = CutSink {
            inner: target,
            left: after,
            cut: false,
        };
        let first = self
            .inner
            .get_object(bucket, key, range, Some(&mut cut))
            .await?;
        let (was_cut, target) = (cut.cut, cut.inner);
        if was_cut {
            match then {
                AfterCut::Broken => return Err(closed()),
                AfterCut::Resumed => {
                    let from = range.map_or(0, |r| r.0) + after;
                    let rest = Some((from, range.map_or(u64::MAX, |r| r.1)));
                    self.inner
                        .get_object(bucket, key, rest, Some(target))
                        .await?;
                }
                AfterCut::Restarted => {
                    target.restart();
                    self.inner
                        .get_object(bucket, key, range, Some(target))
                        .await?;
                }
            }
        }
        Ok(Object {
            body: if into_memory { memory } else { Vec::new() },
            ..first
        })
    }
}

fn closed() -> Error {
    Error::Transport(TransportError::Closed("fake://s3".into()))
}

/// Passes on the first `left` bytes and drops the rest, noting that it did.
struct CutSink<'a> {
    inner: &'a mut dyn BodySink,
    left: u64,
    cut: bool,
}

impl BodySink for CutSink<'_> {
    fn write(&mut self, chunk: &[u8]) -> Result<(), Error> {
        let keep = (chunk.len() as u64).min(self.left) as usize;
        if keep > 0 {
            self.inner.write(&chunk[..keep])?;
        }
        self.left -= keep as u64;
        self.cut |= keep < chunk.len();
        Ok(())
    }

    fn restart(&mut self) {
        self.inner.restart();
    }

    fn expect(&mut self, len: u64) {
        self.inner.expect(len);
    }
}

impl<C: ObjectClient> ObjectClient for Faulty<C> {
    async fn put_object(
        &self,
        bucket: &str,
        key: &str,
        body: Body,
        attributes: &Attributes,
        checksum: &str,
    ) -> Result<(), Error> {
        let call = self
            .inner
            .put_object(bucket, key, body, attributes, checksum);
        self.around(put_object::OPERATION, call).await
    }

    async fn create_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        attributes: &Attributes,
        checksum: Option<Algorithm>,
    ) -> Result<String, Error> {
        let call = self
            .inner
            .create_multipart_upload(bucket, key, attributes, checksum);
        self.around(create_multipart_upload::OPERATION, call).await
    }

    async fn upload_part(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        number: u32,
        body: Body,
        checksum: (Algorithm, String),
    ) -> Result<CompletedPart, Error> {
        let call = self
            .inner
            .upload_part(bucket, key, upload_id, number, body, checksum);
        self.around(upload_part::OPERATION, call).await
    }

    async fn complete_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        parts: &[CompletedPart],
    ) -> Result<(), Error> {
        let call = self
            .inner
            .complete_multipart_upload(bucket, key, upload_id, parts);
        self.around(complete_multipart_upload::OPERATION, call)
            .await
    }

    async fn abort_multipart_upload(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
    ) -> Result<(), Error> {
        let call = self.inner.abort_multipart_upload(bucket, key, upload_id);
        self.around(abort_multipart_upload::OPERATION, call).await
    }

    async fn upload_part_copy(
        &self,
        source: PartSource<'_>,
        bucket: &str,
        key: &str,
        upload_id: &str,
        number: u32,
        algorithm: Option<Algorithm>,
    ) -> Result<CompletedPart, Error> {
        let call = self
            .inner
            .upload_part_copy(source, bucket, key, upload_id, number, algorithm);
        self.around(upload_part_copy::OPERATION, call).await
    }

    async fn copy_object(
        &self,
        source_bucket: &str,
        source_key: &str,
        bucket: &str,
        key: &str,
        attributes: &Attributes,
    ) -> Result<(), Error> {
        let call = self
            .inner
            .copy_object(source_bucket, source_key, bucket, key, attributes);
        self.around(copy_object::OPERATION, call).await
    }

    async fn head_object(&self, bucket: &str, key: &str) -> Result<Head, Error> {
        let call = self.inner.head_object(bucket, key);
        self.around(head_object::OPERATION, call).await
    }

    async fn get_object(
        &self,
        bucket: &str,
        key: &str,
        range: Option<(u64, u64)>,
        sink: Option<&mut dyn BodySink>,
    ) -> Result<Object, Error> {
        const OP: &str = get_object::OPERATION;
        let fault = self.next(OP);
        if let Some(Fault::Cut(after, then)) = fault {
            return self
                .get_cut((bucket, key, range), sink, (after, then))
                .await;
        }
        let call = self.inner.get_object(bucket, key, range, sink);
        self.apply(OP, fault, call).await
    }
}
