//! Evaluating a parsed rule set against parameter values: the first rule whose conditions
//! all hold decides, trees descend, assignments fill slots. Values are borrowed from the
//! slots and the rule set wherever possible; only what a function computes is new.

use std::borrow::Cow;

use serde_json::Map;

use super::error::EndpointError;
use super::ruleset::{Call, Expr, Func, Piece, Rule, RuleKind, RuleSet};
use super::value::{Val, get_path};
use super::{Endpoint, Params, arn, library, partitions, url};

type Slots = Vec<Option<Val>>;

impl RuleSet {
    /// Evaluates the rules for these parameters: an endpoint, or the error a rule (or the
    /// parameters) give.
    pub fn evaluate(&self, params: &Params) -> Result<Endpoint, EndpointError> {
        let mut slots: Slots = vec![None; self.params.len()];
        for (slot, param) in self.params.iter().enumerate() {
            let value = params.get(&param.name).or(param.default.as_ref());
            match value {
                Some(v) if !param.ty.accepts(v) => {
                    return Err(EndpointError::WrongType {
                        name: param.name.clone(),
                        expected: param.ty.name(),
                    });
                }
                Some(v) => slots[slot] = Some(v.clone()),
                None if param.required => {
                    return Err(EndpointError::MissingParameter(param.name.clone()));
                }
                None => {}
            }
        }
        match rules(self, &self.rules, &mut slots)? {
            Some(endpoint) => Ok(endpoint),
            None => Err(EndpointError::NoRuleMatched),
        }
    }
}

fn rules(
    set: &RuleSet,
    list: &[Rule],
    slots: &mut Slots,
) -> Result<Option<Endpoint>, EndpointError> {
    'next: for rule in list {
        let parsed = rule.parsed(&set.names)?;
        for condition in &parsed.conditions {
            let result = call(&condition.call, slots);
            let holds = matches!(&result, Some(v) if **v != Val::Bool(false));
            if let Some(slot) = condition.assign {
                let result = result.map(Cow::into_owned);
                if slot >= slots.len() {
                    slots.resize(slot + 1, None);
                }
                slots[slot] = result;
            }
            if !holds {
                continue 'next;
            }
        }
        match &parsed.kind {
            RuleKind::Tree => {
                if let Some(endpoint) = rules(set, &rule.children, slots)? {
                    return Ok(Some(endpoint));
                }
            }
            RuleKind::Error(message) => {
                let text = match eval(message, slots) {
                    Some(v) => v.as_str().map(str::to_string).unwrap_or_default(),
                    None => String::new(),
                };
                return Err(EndpointError::Rule(text));
            }
            RuleKind::Endpoint(e) => {
                let url = eval(&e.url, slots)
                    .and_then(|v| v.as_str().map(str::to_string))
                    .ok_or(EndpointError::BadResult("the URL is not a string"))?;
                let mut headers = Vec::new();
                for (name, values) in &e.headers {
                    let values = values
                        .iter()
                        .map(|v| eval(v, slots).and_then(|v| v.as_str().map(str::to_string)))
                        .collect::<Option<Vec<String>>>()
                        .ok_or(EndpointError::BadResult("a header value is not a string"))?;
                    headers.push((name.clone(), values));
                }
                let mut properties = Map::new();
                for (name, value) in &e.properties {
                    let value = eval(value, slots)
                        .ok_or(EndpointError::BadResult("a property has no value"))?;
                    properties.insert(name.clone(), value.to_json());
                }
                return Ok(Some(Endpoint {
                    url,
                    headers,
                    properties,
                }));
            }
        }
    }
    Ok(None)
}

fn eval<'a>(expr: &'a Expr, slots: &'a Slots) -> Option<Cow<'a, Val>> {
    match expr {
        Expr::Lit(v) => Some(Cow::Borrowed(v)),
        Expr::Ref(slot) => slots.get(*slot)?.as_ref().map(Cow::Borrowed),
        Expr::Template(pieces) => {
            let mut out = String::new();
            for piece in pieces {
                match piece {
                    Piece::Text(t) => out.push_str(t),
                    Piece::Var(slot, path) => {
                        let value = slots.get(*slot)?.as_ref()?;
                        get_path(value, path)?.to_template_text(&mut out);
                    }
                }
            }
            Some(Cow::Owned(Val::Str(out)))
        }
        Expr::Call(c) => call(c, slots),
        Expr::Array(items) => Some(Cow::Owned(Val::Array(
            items
                .iter()
                .map(|i| eval(i, slots).map(Cow::into_owned))
                .collect::<Option<_>>()?,
        ))),
        Expr::Record(fields) => Some(Cow::Owned(Val::Record(std::sync::Arc::new(
            fields
                .iter()
                .map(|(k, v)| Some((k.clone(), eval(v, slots)?.into_owned())))
                .collect::<Option<_>>()?,
        )))),
    }
}

fn call<'a>(c: &'a Call, slots: &'a Slots) -> Option<Cow<'a, Val>> {
    let arg = |i: usize| eval(&c.args[i], slots);
    let string = |i: usize| -> Option<Cow<'a, Val>> { arg(i).filter(|v| v.as_str().is_some()) };
    let boolean = |i: usize| arg(i).and_then(|v| v.as_bool());
    let owned = |v: Val| Some(Cow::Owned(v));
    match &c.func {
        Func::IsSet => owned(Val::Bool(arg(0).is_some())),
        Func::Not => owned(Val::Bool(!boolean(0)?)),
        Func::BooleanEquals => owned(Val::Bool(boolean(0)? == boolean(1)?)),
        Func::StringEquals => {
            let (a, b) = (string(0)?, string(1)?);
            owned(Val::Bool(a.as_str() == b.as_str()))
        }
        Func::GetAttr(path) => match arg(0)? {
            Cow::Borrowed(v) => get_path(v, path).map(Cow::Borrowed),
            Cow::Owned(v) => get_path(&v, path).cloned().map(Cow::Owned),
        },
        Func::Substring => {
            let input = string(0)?;
            let (Val::Int(start), Val::Int(stop)) = (&*arg(1)?, &*arg(2)?) else {
                return None;
            };
            let text = library::substring(input.as_str()?, *start, *stop, boolean(3)?)?;
            owned(Val::Str(text))
        }
        Func::UriEncode => owned(Val::Str(library::uri_encode(string(0)?.as_str()?))),
        Func::ParseUrl => url::parse_url(string(0)?.as_str()?).map(Cow::Owned),
        Func::IsValidHostLabel => {
            let ok = match arg(0) {
                Some(v) => match v.as_str() {
                    Some(s) => library::is_valid_host_label(s, boolean(1)?),
                    None => false,
                },
                None => false,
            };
            owned(Val::Bool(ok))
        }
        Func::IsVirtualHostableS3Bucket => {
            let ok = match arg(0) {
                Some(v) => match v.as_str() {
                    Some(s) => library::is_virtual_hostable_s3_bucket(s, boolean(1)?),
                    None => false,
                },
                None => false,
            };
            owned(Val::Bool(ok))
        }
        Func::Partition => owned(partitions::partition(string(0)?.as_str()?)),
        Func::ParseArn => arn::parse_arn(string(0)?.as_str()?).map(Cow::Owned),
    }
}
