//! A rule set read once into a tree the evaluator walks without looking anything up by name:
//! variables become slots, functions an enum, `getAttr` paths and templates are parsed
//! ahead of time.

use std::collections::HashMap;

use serde_json::Value;

use super::value::{Step, Val, parse_path};

/// A rule set that is not botocore's version 1.0 format. Only a corrupt build or a test's
/// own rule set can produce one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the endpoint rule set cannot be read: {0}")]
pub struct RuleSetError(pub String);

fn bad<T>(detail: impl Into<String>) -> Result<T, RuleSetError> {
    Err(RuleSetError(detail.into()))
}

/// A parameter's declared type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    String,
    Boolean,
    StringArray,
}

impl ParamType {
    pub fn name(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Boolean => "boolean",
            ParamType::StringArray => "stringArray",
        }
    }

    pub fn accepts(self, value: &Val) -> bool {
        match (self, value) {
            (ParamType::String, Val::Str(_)) | (ParamType::Boolean, Val::Bool(_)) => true,
            (ParamType::StringArray, Val::Array(items)) => {
                items.iter().all(|v| matches!(v, Val::Str(_)))
            }
            _ => false,
        }
    }
}

/// One declared parameter. Its slot is its position in `RuleSet::params`.
#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub ty: ParamType,
    /// `AWS::Region`, `SDK::Endpoint`, `AWS::S3::ForcePathStyle`, ...
    pub built_in: Option<String>,
    pub required: bool,
    pub default: Option<Val>,
}

/// A parsed rule set, ready to evaluate any number of times.
#[derive(Debug)]
pub struct RuleSet {
    pub params: Vec<Param>,
    pub(crate) rules: Vec<Rule>,
    /// Parameters first, then every name an `assign` introduces.
    pub(crate) slots: usize,
}

#[derive(Debug)]
pub(crate) struct Rule {
    pub conditions: Vec<Condition>,
    pub kind: RuleKind,
}

#[derive(Debug)]
pub(crate) enum RuleKind {
    Endpoint(Box<EndpointRule>),
    Error(Expr),
    Tree(Vec<Rule>),
}

#[derive(Debug)]
pub(crate) struct EndpointRule {
    pub url: Expr,
    pub headers: Vec<(String, Vec<Expr>)>,
    pub properties: Vec<(String, Expr)>,
}

#[derive(Debug)]
pub(crate) struct Condition {
    pub call: Call,
    pub assign: Option<usize>,
}

#[derive(Debug)]
pub(crate) enum Expr {
    Lit(Val),
    Template(Vec<Piece>),
    Ref(usize),
    Call(Box<Call>),
    Array(Vec<Expr>),
    Record(Vec<(String, Expr)>),
}

#[derive(Debug)]
pub(crate) enum Piece {
    Text(String),
    Var(usize, Vec<Step>),
}

#[derive(Debug)]
pub(crate) struct Call {
    pub func: Func,
    pub args: Vec<Expr>,
}

#[derive(Debug)]
pub(crate) enum Func {
    BooleanEquals,
    StringEquals,
    IsSet,
    Not,
    GetAttr(Vec<Step>),
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

impl RuleSet {
    pub fn parse(text: &str) -> Result<RuleSet, RuleSetError> {
        let value: Value = serde_json::from_str(text).map_err(|e| RuleSetError(e.to_string()))?;
        RuleSet::from_json(&value)
    }

    pub fn from_json(value: &Value) -> Result<RuleSet, RuleSetError> {
        match value.get("version").and_then(Value::as_str) {
            Some("1.0") => {}
            other => return bad(format!("version {other:?} is not 1.0")),
        }
        let mut reader = Reader::default();
        let mut params = Vec::new();
        for (name, p) in value
            .get("parameters")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let ty = match p.get("type").and_then(Value::as_str) {
                // A few older rule sets capitalise the type.
                Some("string" | "String") => ParamType::String,
                Some("boolean" | "Boolean") => ParamType::Boolean,
                Some("stringArray") => ParamType::StringArray,
                other => return bad(format!("parameter {name} has type {other:?}")),
            };
            reader.slot(name);
            params.push(Param {
                name: name.clone(),
                ty,
                built_in: p.get("builtIn").and_then(Value::as_str).map(str::to_string),
                required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
                default: p.get("default").and_then(Val::from_json),
            });
        }
        let rules = reader.rules(value.get("rules"))?;
        Ok(RuleSet {
            params,
            rules,
            slots: reader.names.len(),
        })
    }
}

#[derive(Default)]
struct Reader {
    names: HashMap<String, usize>,
}

impl Reader {
    fn slot(&mut self, name: &str) -> usize {
        let next = self.names.len();
        *self.names.entry(name.to_string()).or_insert(next)
    }

    fn reference(&self, name: &str) -> Result<usize, RuleSetError> {
        match self.names.get(name) {
            Some(slot) => Ok(*slot),
            None => bad(format!("reference to an unknown name {name}")),
        }
    }

    fn rules(&mut self, value: Option<&Value>) -> Result<Vec<Rule>, RuleSetError> {
        let Some(Value::Array(rules)) = value else {
            return bad("rules is not a list");
        };
        rules.iter().map(|r| self.rule(r)).collect()
    }

    fn rule(&mut self, rule: &Value) -> Result<Rule, RuleSetError> {
        let mut conditions = Vec::new();
        for c in rule
            .get("conditions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let call = self.call(c)?;
            let assign = match c.get("assign").and_then(Value::as_str) {
                Some(name) => Some(self.slot(name)),
                None => None,
            };
            conditions.push(Condition { call, assign });
        }
        let kind = match rule.get("type").and_then(Value::as_str) {
            Some("tree") => RuleKind::Tree(self.rules(rule.get("rules"))?),
            Some("error") => RuleKind::Error(self.expr(rule.get("error").unwrap_or(&Value::Null))?),
            Some("endpoint") => {
                let endpoint = rule.get("endpoint").unwrap_or(&Value::Null);
                let url = self.expr(endpoint.get("url").unwrap_or(&Value::Null))?;
                let mut headers = Vec::new();
                for (name, values) in endpoint
                    .get("headers")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let Value::Array(values) = values else {
                        return bad(format!("header {name} is not a list"));
                    };
                    let values = values
                        .iter()
                        .map(|v| self.expr(v))
                        .collect::<Result<_, _>>()?;
                    headers.push((name.clone(), values));
                }
                let mut properties = Vec::new();
                for (name, value) in endpoint
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    properties.push((name.clone(), self.expr(value)?));
                }
                RuleKind::Endpoint(Box::new(EndpointRule {
                    url,
                    headers,
                    properties,
                }))
            }
            other => return bad(format!("rule type {other:?}")),
        };
        Ok(Rule { conditions, kind })
    }

    fn call(&mut self, value: &Value) -> Result<Call, RuleSetError> {
        let name = value.get("fn").and_then(Value::as_str).unwrap_or_default();
        let Some(Value::Array(argv)) = value.get("argv") else {
            return bad(format!("{name} has no argv"));
        };
        let mut args = argv
            .iter()
            .map(|a| self.expr(a))
            .collect::<Result<Vec<_>, _>>()?;
        let arity = |n: usize| -> Result<(), RuleSetError> {
            if argv.len() == n {
                Ok(())
            } else {
                bad(format!("{name} takes {n} arguments, not {}", argv.len()))
            }
        };
        let func = match name {
            "booleanEquals" => arity(2).map(|_| Func::BooleanEquals)?,
            "stringEquals" => arity(2).map(|_| Func::StringEquals)?,
            "isSet" => arity(1).map(|_| Func::IsSet)?,
            "not" => arity(1).map(|_| Func::Not)?,
            "getAttr" => {
                arity(2)?;
                let Some(Value::String(path)) = argv.get(1) else {
                    return bad("getAttr's path is not a string");
                };
                let Some(steps) = parse_path(path) else {
                    return bad(format!("getAttr path {path:?}"));
                };
                args.truncate(1);
                Func::GetAttr(steps)
            }
            "substring" => arity(4).map(|_| Func::Substring)?,
            "uriEncode" => arity(1).map(|_| Func::UriEncode)?,
            "parseURL" => arity(1).map(|_| Func::ParseUrl)?,
            "isValidHostLabel" => arity(2).map(|_| Func::IsValidHostLabel)?,
            "aws.partition" => arity(1).map(|_| Func::Partition)?,
            "aws.parseArn" => arity(1).map(|_| Func::ParseArn)?,
            "aws.isVirtualHostableS3Bucket" => arity(2).map(|_| Func::IsVirtualHostableS3Bucket)?,
            other => return bad(format!("unknown function {other:?}")),
        };
        Ok(Call { func, args })
    }

    fn expr(&mut self, value: &Value) -> Result<Expr, RuleSetError> {
        Ok(match value {
            Value::String(s) => self.template(s)?,
            Value::Bool(b) => Expr::Lit(Val::Bool(*b)),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Expr::Lit(Val::Int(i)),
                None => return bad(format!("number {n}")),
            },
            Value::Array(items) => Expr::Array(
                items
                    .iter()
                    .map(|v| self.expr(v))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(map) => {
                if let Some(Value::String(name)) = map.get("ref") {
                    Expr::Ref(self.reference(name)?)
                } else if map.contains_key("fn") {
                    Expr::Call(Box::new(self.call(value)?))
                } else {
                    let mut fields = Vec::new();
                    for (k, v) in map {
                        fields.push((k.clone(), self.expr(v)?));
                    }
                    Expr::Record(fields)
                }
            }
            Value::Null => return bad("null where a value belongs"),
        })
    }

    /// `"https://{Region}.{PartitionResult#dnsSuffix}"`; `{{` and `}}` stand for braces.
    fn template(&mut self, text: &str) -> Result<Expr, RuleSetError> {
        if !text.contains(['{', '}']) {
            return Ok(Expr::Lit(Val::Str(text.to_string())));
        }
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(i) = rest.find(['{', '}']) {
            literal.push_str(&rest[..i]);
            let brace = rest.as_bytes()[i];
            let after = &rest[i + 1..];
            if after.as_bytes().first() == Some(&brace) {
                literal.push(brace as char);
                rest = &after[1..];
                continue;
            }
            if brace == b'}' {
                return bad(format!("unbalanced }} in template {text:?}"));
            }
            let Some(close) = after.find('}') else {
                return bad(format!("unclosed {{ in template {text:?}"));
            };
            let inner = &after[..close];
            let (name, path) = match inner.split_once('#') {
                Some((name, path)) => match parse_path(path) {
                    Some(steps) => (name, steps),
                    None => return bad(format!("template path {inner:?}")),
                },
                None => (inner, Vec::new()),
            };
            if !literal.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut literal)));
            }
            pieces.push(Piece::Var(self.reference(name)?, path));
            rest = &after[close + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        if let [Piece::Text(only)] = pieces.as_slice() {
            return Ok(Expr::Lit(Val::Str(only.clone())));
        }
        Ok(Expr::Template(pieces))
    }
}
