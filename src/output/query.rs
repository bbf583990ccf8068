//! `--query`: a JMESPath expression checked once and applied to each response, giving the
//! answers (and, as far as possible, the error messages) of jmespath.py, the AWS CLI's engine.
//! The engine is the `jmespath` crate; query_lex.rs, query_runtime.rs, query_order.rs and
//! query_errors.rs close the gaps between it and jmespath.py.

use std::sync::Arc;

use jmespath::ast::Ast;
use jmespath::{Expression, JmespathError, Variable};
use serde_json::Value;

use super::query_depth;
use super::query_errors::{lexer_message, parse_message, search_message};
use super::query_lex::{self, Rewritten};
use super::query_order::KeyOrders;
use super::query_runtime::{OBJECT_VALUES, runtime};

/// A compiled `--query` expression.
#[derive(Debug, Clone)]
pub struct Query {
    original: String,
    rewritten: Rewritten,
    /// Key orders of the expression's multiselect hashes and object literals.
    declared_orders: Vec<Vec<String>>,
    uses_key_order_functions: bool,
}

/// A bad `--query`, or a query that failed on the data (a type or arity error in a function).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    message: String,
    during_search: bool,
}

impl QueryError {
    /// True when the expression compiled but failed on the response (jmespath.py raises these
    /// while formatting, not while parsing the arguments).
    pub fn during_search(&self) -> bool {
        self.during_search
    }
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

impl Query {
    /// Parses `expr`; the error reads as the CLI's `Bad value for --query EXPR: ...`.
    pub fn compile(expr: &str) -> Result<Query, QueryError> {
        let bad = |detail: String| QueryError {
            message: format!("Bad value for --query {expr}: {detail}"),
            during_search: false,
        };
        if expr.is_empty() {
            return Err(bad(
                "Invalid JMESPath expression: cannot be empty.".to_string()
            ));
        }
        let rewritten = query_lex::rewrite(expr)
            .map_err(|e| bad(lexer_message(expr, &e.message, e.position)))?;
        if query_depth::depth(&rewritten.text) > query_depth::MAX_DEPTH {
            return Err(bad(format!(
                "expression nested too deeply (more than {} levels)",
                query_depth::MAX_DEPTH
            )));
        }
        let rt = runtime(Arc::default());
        let compiled = rt
            .compile(&rewritten.text)
            .map_err(|e| bad(parse_message(expr, &rewritten, &e)))?;
        let mut declared_orders = rewritten.literal_orders.clone();
        let mut uses_key_order_functions = false;
        walk(compiled.as_ast(), &mut |node| match node {
            Ast::MultiHash { elements, .. } => {
                declared_orders.push(elements.iter().map(|kv| kv.key.clone()).collect())
            }
            Ast::Function { name, .. } if name == "keys" || name == "values" => {
                uses_key_order_functions = true
            }
            Ast::ObjectValues { .. } => uses_key_order_functions = true,
            _ => {}
        });
        Ok(Query {
            original: expr.to_string(),
            rewritten,
            declared_orders,
            uses_key_order_functions,
        })
    }

    /// The expression as the user wrote it.
    pub fn expression(&self) -> &str {
        &self.original
    }

    /// Evaluates the query against one response. No match is `null`, as in the CLI.
    pub fn apply(&self, value: &Value) -> Result<Value, QueryError> {
        // Indexing the response's key orders costs a walk over it: only done when needed.
        let mut orders = self
            .uses_key_order_functions
            .then(|| KeyOrders::new(&self.declared_orders, value));
        let table = orders.as_ref().map(KeyOrders::table).unwrap_or_default();
        // The runtime is per call because keys()/values()/`*` need this response's orders;
        // parsing again is cheap next to converting the response.
        let rt = runtime(Arc::new(table));
        let failed = |e: JmespathError| QueryError {
            message: search_message(&self.rewritten, &e),
            during_search: true,
        };
        let compiled = rt.compile(&self.rewritten.text).map_err(failed)?;
        let compiled = if self.uses_key_order_functions {
            Expression::new(
                self.rewritten.text.as_str(),
                ordered_object_values(compiled.as_ast()),
                &rt,
            )
        } else {
            compiled
        };
        let data = Variable::from_serializable(value).map_err(failed)?;
        let result = compiled.search(data).map_err(failed)?;
        let mut out = serde_json::to_value(&*result).unwrap_or(Value::Null);
        if contains_object(&out) {
            orders
                .get_or_insert_with(|| KeyOrders::new(&self.declared_orders, value))
                .restore(&mut out);
        }
        Ok(out)
    }
}

fn contains_object(value: &Value) -> bool {
    match value {
        Value::Object(_) => true,
        Value::Array(items) => items.iter().any(contains_object),
        _ => false,
    }
}

fn walk(ast: &Ast, visit: &mut impl FnMut(&Ast)) {
    visit(ast);
    let children: Vec<&Ast> = match ast {
        Ast::Comparison { lhs, rhs, .. }
        | Ast::Projection { lhs, rhs, .. }
        | Ast::And { lhs, rhs, .. }
        | Ast::Or { lhs, rhs, .. }
        | Ast::Subexpr { lhs, rhs, .. } => vec![lhs, rhs],
        Ast::Condition {
            predicate, then, ..
        } => vec![predicate, then],
        Ast::Expref { ast, .. } => vec![ast],
        Ast::Flatten { node, .. } | Ast::Not { node, .. } | Ast::ObjectValues { node, .. } => {
            vec![node]
        }
        Ast::Function { args, .. } => args.iter().collect(),
        Ast::MultiList { elements, .. } => elements.iter().collect(),
        Ast::MultiHash { elements, .. } => elements.iter().map(|kv| &kv.value).collect(),
        Ast::Identity { .. }
        | Ast::Field { .. }
        | Ast::Index { .. }
        | Ast::Literal { .. }
        | Ast::Slice { .. } => vec![],
    };
    children.into_iter().for_each(|child| walk(child, visit));
}

/// The tree with every `*` over an object replaced by a call to [`OBJECT_VALUES`], which
/// keeps the object's key order (the crate's own evaluation lists values in sorted order).
fn ordered_object_values(ast: &Ast) -> Ast {
    let mut ast = ast.clone();
    call_object_values(&mut ast);
    ast
}

/// [`ordered_object_values`] in place, from the leaves up.
fn call_object_values(ast: &mut Ast) {
    for child in children_mut(ast) {
        call_object_values(child);
    }
    if let Ast::ObjectValues { offset, node } = ast {
        let offset = *offset;
        let node = std::mem::replace(node.as_mut(), Ast::Identity { offset });
        *ast = Ast::Function {
            offset,
            name: OBJECT_VALUES.to_string(),
            args: vec![node],
        };
    }
}

/// A node's sub-expressions (those [`walk`] visits), to be changed in place.
fn children_mut(ast: &mut Ast) -> Vec<&mut Ast> {
    match ast {
        Ast::Comparison { lhs, rhs, .. }
        | Ast::Projection { lhs, rhs, .. }
        | Ast::And { lhs, rhs, .. }
        | Ast::Or { lhs, rhs, .. }
        | Ast::Subexpr { lhs, rhs, .. } => vec![lhs, rhs],
        Ast::Condition {
            predicate, then, ..
        } => vec![predicate, then],
        Ast::Expref { ast, .. } => vec![ast],
        Ast::Flatten { node, .. } | Ast::Not { node, .. } | Ast::ObjectValues { node, .. } => {
            vec![node]
        }
        Ast::Function { args, .. } => args.iter_mut().collect(),
        Ast::MultiList { elements, .. } => elements.iter_mut().collect(),
        Ast::MultiHash { elements, .. } => elements.iter_mut().map(|kv| &mut kv.value).collect(),
        Ast::Identity { .. }
        | Ast::Field { .. }
        | Ast::Index { .. }
        | Ast::Literal { .. }
        | Ast::Slice { .. } => vec![],
    }
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
