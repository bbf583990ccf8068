//! The function table `--query` runs with: the `jmespath` crate's builtins, adjusted where
//! jmespath.py (Python) answers differently: `sum`, `abs`, `floor` and `ceil` keep integers
//! integers, `avg([])` is null, `to_number` parses strings as Python's int()/float() do, and
//! `keys`/`values` and the `*` wildcard follow the object's original key order, not sorted order.

use std::collections::HashMap;
use std::sync::Arc;

use jmespath::functions::Function;
use jmespath::{Context, Rcvar, Runtime, SearchResult, Variable};
use serde_json::Number;

/// Key orders by sorted key set, for `keys()` and `values()` (see query_order.rs).
pub(super) type OrderTable = HashMap<Vec<String>, Vec<String>>;

pub(super) fn runtime(orders: Arc<OrderTable>) -> Runtime {
    let mut rt = Runtime::new();
    rt.register_builtin_functions();
    for (name, fix) in [
        ("sum", Fix::Sum),
        ("abs", Fix::Abs),
        ("floor", Fix::Integral),
        ("ceil", Fix::Integral),
    ] {
        wrap(&mut rt, name, fix);
    }
    wrap(&mut rt, "avg", Fix::Avg);
    wrap(&mut rt, "to_number", Fix::ToNumber);
    wrap(&mut rt, "keys", Fix::Keys(orders.clone()));
    wrap(&mut rt, "values", Fix::Values(orders.clone()));
    rt.register_function(OBJECT_VALUES, Box::new(ObjectValues(orders)));
    rt
}

/// The function that stands in for the `*` wildcard on objects (query.rs rewrites the syntax
/// tree), so that `foo.*` lists values in the object's order. The name cannot be lexed, so
/// no expression can call it directly.
pub(super) const OBJECT_VALUES: &str = "object-values";

struct ObjectValues(Arc<OrderTable>);

impl Function for ObjectValues {
    fn evaluate(&self, args: &[Rcvar], _ctx: &mut Context<'_>) -> SearchResult {
        let Some(map) = args.first().and_then(|a| a.as_object()) else {
            return Ok(Rcvar::new(Variable::Null));
        };
        let sorted: Vec<String> = map.keys().cloned().collect();
        let values = match self.0.get(&sorted) {
            Some(order) => order.iter().map(|k| map[k].clone()).collect(),
            None => map.values().cloned().collect(),
        };
        Ok(Rcvar::new(Variable::Array(values)))
    }
}

fn wrap(rt: &mut Runtime, name: &str, fix: Fix) {
    let inner = rt.deregister_function(name).expect("a jmespath builtin");
    rt.register_function(name, Box::new(Pythonic { inner, fix }));
}

enum Fix {
    Sum,
    Abs,
    Integral,
    Avg,
    ToNumber,
    Keys(Arc<OrderTable>),
    Values(Arc<OrderTable>),
}

/// A builtin whose result is corrected afterwards; the builtin still validates the arguments,
/// so type and arity errors are the crate's.
struct Pythonic {
    inner: Box<dyn Function>,
    fix: Fix,
}

impl Function for Pythonic {
    fn evaluate(&self, args: &[Rcvar], ctx: &mut Context<'_>) -> SearchResult {
        if matches!(self.fix, Fix::Avg)
            && args
                .first()
                .and_then(|a| a.as_array())
                .is_some_and(|a| a.is_empty())
        {
            return Ok(Rcvar::new(Variable::Null));
        }
        let result = self.inner.evaluate(args, ctx)?;
        let fixed = match &self.fix {
            Fix::Sum => args[0].as_array().and_then(|items| integer_sum(items)),
            Fix::Abs => match &*args[0] {
                Variable::Number(n) => n
                    .as_i64()
                    .map(|i| Number::from(i.unsigned_abs()))
                    .or_else(|| n.as_u64().map(Number::from)),
                _ => None,
            },
            // Python's math.floor/ceil return ints.
            Fix::Integral => result
                .as_number()
                .filter(|f| f.abs() < 9.2e18)
                .map(|f| Number::from(f as i64)),
            Fix::Avg => None,
            Fix::ToNumber => {
                return Ok(match &*args[0] {
                    Variable::String(s) => {
                        Rcvar::new(python_number(s).map_or(Variable::Null, Variable::Number))
                    }
                    _ => result,
                });
            }
            Fix::Keys(orders) | Fix::Values(orders) => {
                let Some(map) = args[0].as_object() else {
                    return Ok(result);
                };
                let sorted: Vec<String> = map.keys().cloned().collect();
                let Some(order) = orders.get(&sorted) else {
                    return Ok(result);
                };
                let items = order
                    .iter()
                    .map(|k| match self.fix {
                        Fix::Keys(_) => Rcvar::new(Variable::String(k.clone())),
                        _ => map[k].clone(),
                    })
                    .collect();
                return Ok(Rcvar::new(Variable::Array(items)));
            }
        };
        Ok(fixed.map_or(result, |n| Rcvar::new(Variable::Number(n))))
    }
}

/// Python's sum() of ints is an exact int; any float makes it a float (the crate's answer).
fn integer_sum(items: &[Rcvar]) -> Option<Number> {
    let mut total: i128 = 0;
    for item in items {
        let Variable::Number(n) = &**item else {
            return None;
        };
        total += n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))?;
    }
    i64::try_from(total)
        .map(Number::from)
        .or_else(|_| u64::try_from(total).map(Number::from))
        .ok()
}

/// jmespath.py's to_number on a string: `int(s)`, else `float(s)`, else null. Both accept
/// surrounding whitespace, a sign and underscores between digits.
fn python_number(s: &str) -> Option<Number> {
    let t = s.trim();
    let valid_underscores = |t: &str| {
        let b = t.as_bytes();
        b.iter().enumerate().all(|(i, &c)| {
            c != b'_'
                || (i > 0
                    && i + 1 < b.len()
                    && b[i - 1].is_ascii_digit()
                    && b[i + 1].is_ascii_digit())
        })
    };
    if !valid_underscores(t) {
        return None;
    }
    let t = t.replace('_', "");
    let digits = t.strip_prefix(['+', '-']).unwrap_or(&t);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let unsigned = t.strip_prefix('+').unwrap_or(&t);
        if let Ok(i) = unsigned.parse::<i64>() {
            return Some(Number::from(i));
        }
        if let Ok(u) = unsigned.parse::<u64>() {
            return Some(Number::from(u));
        }
    }
    // Rust's float grammar matches Python's float() (inf and nan included); JSON has no
    // infinities, so those come out as null here where Python would print Infinity.
    t.parse::<f64>().ok().and_then(Number::from_f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<String> {
        python_number(s).map(|n| n.to_string())
    }

    // Expected values are jmespath.py's to_number() on the same strings.
    #[test]
    fn to_number_follows_python() {
        assert_eq!(num("+5"), Some("5".into()));
        assert_eq!(num("1_000"), Some("1000".into()));
        assert_eq!(num(" 1.5 "), Some("1.5".into()));
        assert_eq!(num(".5"), Some("0.5".into()));
        assert_eq!(num("1e3"), Some("1000.0".into()));
        assert_eq!(num("-12"), Some("-12".into()));
        assert_eq!(
            num("18446744073709551615"),
            Some("18446744073709551615".into())
        );
        assert_eq!(num("true"), None);
        assert_eq!(num("1__0"), None);
        assert_eq!(num("_1"), None);
        assert_eq!(num(""), None);
        assert_eq!(num("12abc"), None);
    }
}
