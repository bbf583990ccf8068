//! An offline IAM policy evaluator: parses identity and permissions-boundary policy documents
//! and decides a request (action, resource, context) with IAM's documented logic. Pure: no I/O,
//! no clock; callers supply the context keys, including `aws:CurrentTime` when they want it.

mod condition;
mod context;
mod document;
mod evaluate;
mod spans;
mod wildcard;

pub use context::{Context, ContextType};
pub use document::{Policy, PolicyError};
pub use evaluate::{Decision, Evaluation, MatchedStatement, Request, evaluate};
pub use spans::Position;
